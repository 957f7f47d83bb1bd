package org.natca.intercom.sync;

import java.util.List;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.member.Member;

/** What the sync will do for one member, decided from a read of both sides before any write. */
public sealed interface MemberPlan {
  Member member();

  /** No contact is this member's: create the user, then merge the member's leads into it. */
  record Create(Member member, ContactDraft draft, List<Contact> leadsToMerge) implements MemberPlan {}

  /**
   * The member's contact is {@code keep}: merge the leads into it, archive the other users that hold the
   * member's email, then update {@code keep} when {@code changedFields} is not empty (or on --full).
   */
  record Sync(Member member, ContactDraft draft, Contact keep, List<Contact> leadsToMerge,
      List<Contact> usersToArchive, List<String> changedFields, boolean full) implements MemberPlan {}

  /** Another member's contact stands in the way; nothing is written for this member. */
  record Conflict(Member member, String contactId, String reason) implements MemberPlan {}

  /** Not synced on purpose (e.g. two members share the email). */
  record Skip(Member member, String reason) implements MemberPlan {}
}
