package org.natca.intercom.manual;

import java.util.List;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.client.error.IntercomException;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.client.model.SearchQuery;
import org.natca.intercom.format.ContactDiff;
import org.natca.intercom.member.Emails;
import org.natca.intercom.member.Member;
import org.natca.intercom.sync.MemberPlan;
import org.natca.intercom.sync.Ownership;

/**
 * Decides one entry from reads only (get the contact, find the member's user by external id, search
 * the member's email), so a dry run shows the same plan a run carries out. The rules: a contact that
 * is another member's is never touched; a user becomes the member's contact unless the member already
 * has another one or another user holds the member's email; a lead is merged into the member's user,
 * which is created when there is none.
 */
final class EntryPlanner {
  private final IntercomClient client;

  EntryPlanner(IntercomClient client) {
    this.client = client;
  }

  /** Why this member cannot be linked to a contact, or null when they can. */
  static String memberProblem(int memberNumber, Member member) {
    if (member == null) {
      return "member " + memberNumber + " is not in the member database";
    }
    if (!member.hasSyncedStatus()) {
      return "member " + memberNumber + " is " + (member.status() == null ? "without a status" : member.status())
          + "; only Active and Retired members are synced";
    }
    if (Emails.clean(member.email()) == null) {
      return "member " + memberNumber + " has no email in the member database; Intercom users need one";
    }
    return null;
  }

  /**
   * Reads the mapped contact and plans: a {@link MemberPlan.Refuse} with the reason when the entry
   * cannot be done, a {@link MemberPlan.Reveal} when Intercom does not show the contact, else the
   * member's {@link MemberPlan.Sync} (the contact is the member's user, or a lead merged into it) or
   * {@link MemberPlan.Create} (a lead, and the member has no user).
   *
   * @param member as the database holds it, or null when there is no such member
   */
  MemberPlan plan(Mapping mapping, Member member, ContactDraft draft) {
    String problem = memberProblem(mapping.memberNumber(), member);
    if (problem != null) {
      return refuse(mapping, member, problem);
    }
    Contact contact;
    try {
      contact = client.getContact(mapping.contactId());
    } catch (IntercomException e) {
      if (e.isNotFound()) {
        return new MemberPlan.Reveal(member, mapping.contactId(), new Hidden(mapping, member, draft));
      }
      throw e;
    }
    return plan(mapping, member, draft, contact);
  }

  /** What to do with a contact Intercom does not show, once unarchiving told which it is. */
  private final class Hidden implements MemberPlan.Replan {
    private final Mapping mapping;
    private final Member member;
    private final ContactDraft draft;

    Hidden(Mapping mapping, Member member, ContactDraft draft) {
      this.mapping = mapping;
      this.member = member;
      this.draft = draft;
    }

    @Override
    public MemberPlan shown(Contact contact) {
      return plan(mapping, member, draft, contact);
    }

    @Override
    public String gone() {
      String hint = client.findContactByExternalId(Integer.toString(mapping.memberNumber()))
          .map(c -> "; member " + mapping.memberNumber() + "'s contact is " + c.id())
          .orElse("");
      return "contact " + mapping.contactId() + " is not in Intercom (a wrong id, deleted, or merged into another contact)" + hint;
    }

    @Override
    public String planned() {
      return "Intercom does not show the contact: when it is archived, the run unarchives it and gives it the member's"
          + " data; when it is blocked or gone, the run reports it";
    }

    @Override
    public String archiveAgainFailed(String error) {
      return mapping.where() + ": contact " + mapping.contactId() + " was unarchived to read it and could not be "
          + "archived again (" + error + "); archive it in Intercom if it should stay archived";
    }
  }

  private static MemberPlan.Refuse refuse(Mapping mapping, Member member, String reason) {
    return new MemberPlan.Refuse(member, mapping.memberNumber(), mapping.contactId(), reason);
  }

  /** Plans with the mapped contact as read. */
  MemberPlan plan(Mapping mapping, Member member, ContactDraft draft, Contact contact) {
    String externalId = draft.externalId();
    String owner = Ownership.otherMember(contact, externalId);
    if (owner != null) {
      return refuse(mapping, member, "contact " + contact.id() + " belongs to member " + owner
          + " (its external_id); left alone");
    }
    if (!contact.isUser() && !contact.isLead()) {
      return refuse(mapping, member, "contact " + contact.id() + " has the role " + contact.role()
          + "; only users and leads can become a member's contact");
    }
    Contact usersContact = client.findContactByExternalId(externalId).orElse(null);
    Contact emailHolder = otherUserWithEmail(draft.email(), contact.id());
    if (contact.isUser()) {
      if (usersContact != null && !usersContact.id().equals(contact.id())) {
        return refuse(mapping, member, "member " + externalId + " already has contact " + usersContact.id()
            + " (external_id " + externalId + "); a member has one contact: map that one, or archive it in Intercom first");
      }
      if (emailHolder != null) {
        return refuse(mapping, member, emailConflict(draft.email(), emailHolder, externalId));
      }
      return new MemberPlan.Sync(member, draft, contact, List.of(), List.of(), ContactDiff.changedFields(contact, draft), false);
    }
    if (emailHolder != null) {
      if (Ownership.otherMember(emailHolder, externalId) != null) {
        return refuse(mapping, member, emailConflict(draft.email(), emailHolder, externalId));
      }
      if (usersContact == null) {
        usersContact = emailHolder; // the member's user, found by email: it has no member number yet
      } else if (!usersContact.id().equals(emailHolder.id())) {
        return refuse(mapping, member, "the member's email " + draft.email() + " is already on contact "
            + emailHolder.id() + ", not on the member's user " + usersContact.id() + "; left alone");
      }
    }
    return usersContact == null
        ? new MemberPlan.Create(member, draft, List.of(contact))
        : new MemberPlan.Sync(member, draft, usersContact, List.of(contact), List.of(),
            ContactDiff.changedFields(usersContact, draft), false);
  }

  /**
   * A user other than {@code contactId} with this email (Intercom lets no two users share one). Leads
   * may share an email, so they never stand in the way; the nightly sync merges them later.
   */
  private Contact otherUserWithEmail(String email, String contactId) {
    String key = Emails.key(email);
    for (Contact c : client.searchContacts(SearchQuery.eq("email", Emails.clean(email)))) {
      if (c.isUser() && !c.id().equals(contactId) && key.equals(Emails.key(c.email()))) {
        return c;
      }
    }
    return null;
  }

  private static String emailConflict(String email, Contact holder, String externalId) {
    String owner = Ownership.otherMember(holder, externalId);
    return "the member's email " + email + " is already on contact " + holder.id()
        + (owner == null ? "" : ", which belongs to member " + owner) + "; left alone";
  }
}
