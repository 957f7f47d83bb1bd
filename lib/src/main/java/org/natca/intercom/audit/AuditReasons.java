package org.natca.intercom.audit;

import java.util.List;
import org.natca.intercom.audit.AuditPlan.MemberWork;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.sync.MemberPlan;
import org.natca.intercom.sync.Reasons;

/** The audit's words for one member's steps: each contact with how it was matched to the member. */
final class AuditReasons implements Reasons {
  private final MemberWork work;
  private final int n;

  AuditReasons(MemberWork work) {
    this.work = work;
    this.n = work.member().memberNumber();
  }

  List<Contact> leadsOf() {
    return work.leadsToMerge();
  }

  /** The member's leads, each with how it was matched: "L1 (email), L2 (legacy attribute)". */
  String leads(List<Contact> leads) {
    return String.join(", ", leads.stream().map(l -> l.id() + " (" + work.how(l) + ")").toList());
  }

  @Override
  public String create(MemberPlan.Create plan) {
    return "no user is member " + n + "'s; create the member's user, then merge the member's leads into it: "
        + leads(plan.leadsToMerge());
  }

  @Override
  public String merge(Contact lead, String userId, boolean newUser) {
    return "lead of member " + n + " (" + work.how(lead) + "), merged into the member's user "
        + (userId == null ? "(the new user)" : userId);
  }

  @Override
  public String archive(Contact duplicate, String keptId) {
    return "duplicate user of member " + n + " (" + work.how(duplicate) + "); the member's contact is " + keptId
        + "; no open or snoozed conversation";
  }

  @Override
  public String update(Contact contact, List<String> changed, boolean full) {
    return "member " + n + "'s contact (" + work.how(contact) + "); changed: " + String.join(", ", changed)
        + (replacesLegacyId(contact, changed) ? "; the old external id " + contact.externalId() + " becomes the member number" : "");
  }

  /** An old WordPress UUID (or other non-number) external id that this update replaces with the member number. */
  static boolean replacesLegacyId(Contact contact, List<String> changed) {
    return MemberNumbers.isLegacyExternalId(contact.externalId()) && changed.contains("external_id");
  }
}
