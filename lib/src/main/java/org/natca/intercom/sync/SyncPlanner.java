package org.natca.intercom.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.format.ContactDiff;
import org.natca.intercom.member.Member;

/**
 * Decides, without any I/O, what one member needs: which contact is theirs, which duplicates go, and
 * whether anything differs. Rules (issue #3): the user whose external id is the member number wins,
 * else the newest user with the member's email; leads are merged into it, other users archived; a
 * user that carries another member's number is never touched: that is a conflict to report.
 */
public final class SyncPlanner {
  private static final Comparator<Contact> NEWEST_FIRST =
      Comparator.comparingLong(Contact::createdAt).reversed().thenComparing(Contact::id);

  private SyncPlanner() {}

  public static MemberPlan plan(Member member, ContactDraft draft, ContactIndex index, boolean full) {
    return plan(member, draft, index.candidates(draft.externalId(), draft.email()), full);
  }

  /**
   * The same rules over contacts the caller has already found to be this member's (the audit also
   * matches by a legacy attribute, so its candidates are not only those with the member's number or email).
   */
  public static MemberPlan plan(Member member, ContactDraft draft, List<Contact> candidates, boolean full) {
    String externalId = draft.externalId();
    List<Contact> users = new ArrayList<>();
    List<Contact> leads = new ArrayList<>();
    Contact keep = null;
    for (Contact c : candidates) {
      String owner = Ownership.otherMember(c, externalId);
      if (owner != null) {
        return new MemberPlan.Conflict(member, c.id(),
            "the member's email " + draft.email() + " is on contact " + c.id() + ", which belongs to member " + owner);
      }
      (c.isLead() ? leads : users).add(c);
      if (keep == null && c.isUser() && externalId != null && externalId.equals(c.externalId())) {
        keep = c;
      }
    }
    if (keep == null && !users.isEmpty()) {
      keep = users.stream().min(NEWEST_FIRST).orElseThrow();
    }
    if (keep == null) {
      return new MemberPlan.Create(member, draft, List.copyOf(leads));
    }
    List<Contact> archive = new ArrayList<>(users);
    archive.remove(keep);
    List<String> changed = ContactDiff.changedFields(keep, draft);
    return new MemberPlan.Sync(member, draft, keep, List.copyOf(leads), List.copyOf(archive), changed, full);
  }
}
