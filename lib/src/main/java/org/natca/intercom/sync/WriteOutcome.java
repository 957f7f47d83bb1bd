package org.natca.intercom.sync;

import org.natca.intercom.client.model.Contact;

/** What writing one member's contact came to, after every recovery {@link ContactWriter} knows. */
public sealed interface WriteOutcome {

  /** A new contact. {@code phoneDropped}: Intercom refused the phone, so it was written without. */
  record Created(Contact contact, boolean phoneDropped) implements WriteOutcome {}

  /**
   * An existing contact updated; {@code unarchived} when it had to be unarchived first;
   * {@code emailKeptBy}: Intercom would not give the contact the member's email because that contact
   * (typically an archived duplicate) holds it, so everything else was written and the email left as it was.
   */
  record Updated(Contact contact, boolean unarchived, boolean phoneDropped, String emailKeptBy) implements WriteOutcome {
    public Updated(Contact contact, boolean unarchived, boolean phoneDropped) {
      this(contact, unarchived, phoneDropped, null);
    }
  }

  /**
   * A contact that holds the member's email or member number and that Intercom will not give back: the
   * member cannot be written until a person acts. Not retried within the run; the next run meets it
   * the same way, with the same few requests.
   */
  sealed interface Unrecoverable extends WriteOutcome permits Blocked, MergedAway, Deleted {
    String contactId();

    /** Which of the ways a contact is lost, with its words for the report. */
    Loss loss();

    /** The report's name of the kind: {@code blocked}, {@code merged-away}, {@code deleted}. */
    default String kind() {
      return loss().kind();
    }

    /** What happened to the contact, in plain words. */
    default String whatHappened() {
      return loss().whatHappened();
    }

    /** What a person can do about it. */
    default String whatToDo() {
      return loss().whatToDo();
    }

    /** Both, as one line. */
    default String adminAction() {
      return whatHappened() + "; " + whatToDo();
    }
  }

  /** The ways a contact is lost to the toolkit, each with what the report says of it. */
  enum Loss {
    BLOCKED("blocked",
        "blocked in Intercom; no API can unblock a person",
        "an admin must unblock them in Intercom (Settings > Inbox > Blocked people), and the next run will restore"
            + " the contact"),
    MERGED_AWAY("merged-away",
        "merged into another contact in Intercom, and Intercom cannot restore it, yet it still holds the member's"
            + " email or member number, so no contact can be created for the member",
        "find the contact it was merged into in Intercom and link it to the member with manual-update"
            + " (contact id and member number), or ask Intercom support to release the email and external id"),
    DELETED("deleted",
        "permanently deleted in Intercom, yet Intercom still reserves the member's email or member number for it"
            + " (a create answers 409 naming it; unarchiving it answers 500 every time)",
        "ask Intercom support to release the email and external id of the deleted contact, or give the member"
            + " another email in the member database");

    private final String kind;
    private final String whatHappened;
    private final String whatToDo;

    Loss(String kind, String whatHappened, String whatToDo) {
      this.kind = kind;
      this.whatHappened = whatHappened;
      this.whatToDo = whatToDo;
    }

    public String kind() {
      return kind;
    }

    public String whatHappened() {
      return whatHappened;
    }

    public String whatToDo() {
      return whatToDo;
    }
  }

  /**
   * The person is blocked in Intercom ({@code not_restorable}); no API can unblock them.
   * {@code adminAction} is the one line the caller gives (not the default).
   */
  record Blocked(String contactId, String adminAction) implements Unrecoverable {
    @Override
    public Loss loss() {
      return Loss.BLOCKED;
    }
  }

  /**
   * The contact was merged into another (by an admin) and still holds the member's email or number:
   * unarchiving it answers 400 "User has been merged and is not restorable."
   */
  record MergedAway(String contactId) implements Unrecoverable {
    @Override
    public Loss loss() {
      return Loss.MERGED_AWAY;
    }
  }

  /**
   * The contact was permanently deleted, yet a create still answers the 409 naming it, and unarchiving
   * it answers 500 "Server Error" every time (classified after the client's retries).
   */
  record Deleted(String contactId) implements Unrecoverable {
    @Override
    public Loss loss() {
      return Loss.DELETED;
    }
  }

  /** The contact Intercom points at belongs to someone else; nothing was changed. */
  record Conflict(String contactId, String reason) implements WriteOutcome {}

  /** A dry run: the write was not sent. {@code contactId} is the contact it would write, null for a create. */
  record Planned(String contactId) implements WriteOutcome {}
}
