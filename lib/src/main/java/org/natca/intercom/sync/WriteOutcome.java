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

  /** The person is blocked in Intercom; no API can unblock them. */
  record Blocked(String contactId, String adminAction) implements WriteOutcome {}

  /** The contact Intercom points at belongs to someone else; nothing was changed. */
  record Conflict(String contactId, String reason) implements WriteOutcome {}

  /** A dry run: the write was not sent. {@code contactId} is the contact it would write, null for a create. */
  record Planned(String contactId) implements WriteOutcome {}
}
