package org.natca.intercom.webhook;

import java.util.Objects;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.client.error.IntercomException;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.format.ContactAttributes;
import org.natca.intercom.format.Emails;
import org.natca.intercom.member.Member;

/**
 * {@code conversation.user.created} / {@code conversation.user.replied}: a contact without
 * {@code member_number} wrote to us; when their email is a member's, the contact gets the member's data
 * (a lead becomes the member's user by being merged into it).
 */
public final class Enrichment {
  private final IntercomClient client;
  private final MemberLookup lookup;
  private final MemberContactSync sync;

  public Enrichment(IntercomClient client, MemberLookup lookup, MemberContactSync sync) {
    this.client = Objects.requireNonNull(client, "client");
    this.lookup = Objects.requireNonNull(lookup, "lookup");
    this.sync = Objects.requireNonNull(sync, "sync");
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
    SyncResult result = sync.sync(member, contact);
    String who = "contact " + contactId + " (" + contact.role() + ", " + email + ") is member " + member.memberNumber()
        + " (by email, " + found.source().key() + ")";
    if (!result.succeeded()) {
      return new EventOutcome.Failed(who + ", but could not be written: " + result.problem());
    }
    return new EventOutcome.Done(who + ": " + result.describe());
  }
}
