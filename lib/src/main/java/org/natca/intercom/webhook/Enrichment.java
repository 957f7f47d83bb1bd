package org.natca.intercom.webhook;

import java.util.Objects;
import java.util.regex.Pattern;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.client.error.IntercomException;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.Conversation;
import org.natca.intercom.format.ContactAttributes;
import org.natca.intercom.format.Names;
import org.natca.intercom.member.Emails;
import org.natca.intercom.member.Member;

/**
 * {@code conversation.user.created} / {@code conversation.user.replied}: a contact without
 * {@code member_number} wrote to us; when their email is a member's, the contact gets the member's data
 * (a lead becomes the member's user by being merged into it).
 *
 * <p>A lead's email is whatever was typed into the Messenger: Intercom does not verify it, so anyone
 * can type a member's. The match is still made (the nightly daily-sync merges leads with a member's
 * email into the member's user by the same rule, so holding it back here would only delay it), but
 * before anything is written the conversation gets an internal note telling the agent that it rests on
 * an unverified email and what to do. The note is written once per conversation and member: a re-run
 * of the event (a retry, a crash) finds it among the conversation's notes and does not add another.
 */
public final class Enrichment {
  /** The words that mark the note (and find it again on a re-run). */
  static final String UNVERIFIED = "not verified by Intercom";

  private final IntercomClient client;
  private final MembersByEmail lookup;
  private final MemberContactSync sync;
  private final AdminIdentity admin;
  private final String syncTag;

  public Enrichment(IntercomClient client, MembersByEmail lookup, MemberContactSync sync, AdminIdentity admin,
      String syncTag) {
    this.client = Objects.requireNonNull(client, "client");
    this.lookup = Objects.requireNonNull(lookup, "lookup");
    this.sync = Objects.requireNonNull(sync, "sync");
    this.admin = Objects.requireNonNull(admin, "admin");
    this.syncTag = Objects.requireNonNull(syncTag, "syncTag");
  }

  public EventOutcome enrich(Notification n) {
    String contactId = n.item().path("contacts").path("contacts").path(0).path("id").asText("");
    if (contactId.isBlank()) {
      return new EventOutcome.Ignored("the conversation has no contact");
    }
    Contact contact;
    try {
      // the notification's copy has no attributes: ask for the contact as it is now
      contact = client.getContact(contactId);
    } catch (IntercomException e) {
      if (e.isNotFound()) {
        return new EventOutcome.Ignored("contact " + contactId + " no longer exists (merged, archived or deleted)");
      }
      throw e;
    }
    String number = contact.attribute(ContactAttributes.MEMBER_NUMBER);
    if (number != null && !number.isBlank()) {
      return new EventOutcome.Ignored("contact " + contactId + " already has member_number " + number.strip());
    }
    String email = Emails.clean(contact.email());
    if (email == null) {
      return new EventOutcome.Ignored("contact " + contactId + " (" + contact.role() + ") has no email to look up");
    }
    EmailMatch match = lookup.forEnrichment(email);
    if (match instanceof EmailMatch.NotFound nf) {
      return new EventOutcome.Ignored("contact " + contactId + " (" + email + "): " + nf.reason());
    }
    if (match instanceof EmailMatch.Ambiguous a) {
      return new EventOutcome.Ignored("contact " + contactId + " (" + email + "): members " + a.memberNumbers()
          + " share this email in " + a.source().key() + "; not enriched until it is fixed there");
    }
    EmailMatch.Found found = (EmailMatch.Found) match;
    Member member = found.member();
    String flagged = "";
    if (contact.isLead()) {
      flagged = flagUnverified(n.item().path("id").asText(""), member, email);
    }
    SyncResult result = sync.sync(member, contact);
    String who = "contact " + contactId + " (" + contact.role() + ", " + email + ") is member " + member.memberNumber()
        + " (by email, " + found.source().key() + ")" + flagged;
    if (!result.succeeded()) {
      return new EventOutcome.Failed(who + ", but could not be written: " + result.problem());
    }
    return new EventOutcome.Done(who + ": " + result.describe());
  }

  /**
   * Before the lead is linked to the member: the conversation's internal note saying the match rests on
   * an email Intercom did not verify, unless the conversation already has it. Returns what was done, for
   * the event's log line.
   */
  private String flagUnverified(String conversationId, Member member, String email) {
    if (conversationId.isBlank()) {
      return "; no conversation to note the unverified email on";
    }
    Conversation conversation;
    try {
      // fresh, not the notification's copy: it must show a note an earlier attempt of this event wrote
      conversation = client.getConversation(conversationId);
    } catch (IntercomException e) {
      if (e.isNotFound()) {
        return "; conversation " + conversationId + " is gone, so no note on the unverified email";
      }
      throw e;
    }
    Pattern thisMember = Pattern.compile("\\bmember " + member.memberNumber() + "\\b");
    boolean noted = conversation.noteBodies().stream()
        .anyMatch(body -> body.contains(UNVERIFIED) && thisMember.matcher(body).find());
    if (noted) {
      return "; the unverified-email note was already on conversation " + conversationId;
    }
    client.addNote(conversationId, admin.id(), unverifiedNote(member, email, syncTag));
    return "; unverified-email note added to conversation " + conversationId;
  }

  /** The note, in an agent's words (HTML, as notes are). */
  static String unverifiedNote(Member member, String email, String syncTag) {
    String name = Names.full(member.firstName(), member.lastName());
    return "<p>Member sync: this lead's email " + TagResync.html(email) + " is that of member " + member.memberNumber()
        + (name == null || name.isBlank() ? "" : " (" + TagResync.html(name) + ")")
        + ", so the contact is linked to that member and shows the member's data. The email was typed in the"
        + " Messenger and is " + UNVERIFIED + ": confirm the member number before discussing member business, then"
        + " tag " + TagResync.html(syncTag) + ".</p>";
  }
}
