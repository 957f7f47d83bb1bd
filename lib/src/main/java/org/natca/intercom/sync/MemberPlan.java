package org.natca.intercom.sync;

import java.util.List;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.member.Member;

/**
 * What to do for one member, decided from a read of both sides before any write; {@link Applier}
 * carries it out for every command.
 */
public sealed interface MemberPlan {
  /** The member; null only for a {@link Refuse} of a member number the database does not have. */
  Member member();

  default Integer memberNumber() {
    return member() == null ? null : member().memberNumber();
  }

  /** No contact is this member's: create the user, then merge the member's leads into it. */
  record Create(Member member, ContactDraft draft, List<Contact> leadsToMerge) implements MemberPlan {}

  /**
   * The member's contact is {@code keep}: merge the leads into it, archive the other users that hold the
   * member's email, then update {@code keep} when {@code changedFields} is not empty, or on {@code full}
   * (send the whole draft).
   */
  record Sync(Member member, ContactDraft draft, Contact keep, List<Contact> leadsToMerge,
      List<Contact> usersToArchive, List<String> changedFields, boolean full) implements MemberPlan {

    /** Whether carrying it out writes anything. */
    public boolean writes() {
      return full || !leadsToMerge.isEmpty() || !usersToArchive.isEmpty() || !changedFields.isEmpty();
    }
  }

  /** Another member's contact stands in the way; nothing is written for this member. */
  record Conflict(Member member, String contactId, String reason) implements MemberPlan {}

  /** Not synced on purpose (e.g. two members share the email). */
  record Skip(Member member, String reason) implements MemberPlan {}

  /** manual-update: this entry cannot be done; nothing is written for it. */
  record Refuse(Member member, Integer memberNumber, String contactId, String reason) implements MemberPlan {}

  /**
   * manual-update: Intercom does not show the contact. Unarchiving tells whether it was archived (then
   * it is planned again with what it holds), blocked, or gone.
   */
  record Reveal(Member member, String contactId, Replan replan) implements MemberPlan {}

  /** What a {@link Reveal} does with what unarchiving showed. */
  interface Replan {
    /** The plan for the contact as it is once unarchived. */
    MemberPlan shown(Contact contact);

    /** Why the entry cannot be done when the contact is gone. */
    String gone();

    /** The reason of a dry run's planned unarchive. */
    String planned();

    /** The warning when a contact unarchived only to be read cannot be archived again. */
    String archiveAgainFailed(String error);
  }
}
