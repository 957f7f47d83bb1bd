package org.natca.intercom.webhook;

import java.util.ArrayList;
import java.util.List;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.format.ContactDiff;
import org.natca.intercom.member.Member;
import org.natca.intercom.sync.ContactIndex;
import org.natca.intercom.sync.MemberPlan;
import org.natca.intercom.sync.Ownership;
import org.natca.intercom.sync.SyncPlanner;

/**
 * The daily sync's plan for a member ({@link SyncPlanner}), plus what a conversation tells us: its
 * contact is this member, even when its email is another one. So a lead there is merged into the
 * member's user, and when the member has no user yet, a user there becomes it. Decides without I/O.
 */
public final class ConversationPlans {
  private ConversationPlans() {}

  /** @param conversationContact the conversation's contact as just fetched, or null when it has none */
  public static MemberPlan plan(Member member, ContactDraft draft, ContactIndex index, Contact conversationContact) {
    MemberPlan plan = SyncPlanner.plan(member, draft, index, false);
    Contact cc = conversationContact;
    if (cc == null || plan instanceof MemberPlan.Conflict || plan instanceof MemberPlan.Skip) {
      return plan;
    }
    if (Ownership.otherMember(cc, draft.externalId()) != null) {
      return plan; // another member's user: never touched
    }
    if (cc.isLead()) {
      if (plan instanceof MemberPlan.Create c) {
        return new MemberPlan.Create(member, draft, withLead(c.leadsToMerge(), cc));
      }
      MemberPlan.Sync s = (MemberPlan.Sync) plan;
      return new MemberPlan.Sync(member, draft, s.keep(), withLead(s.leadsToMerge(), cc), s.usersToArchive(),
          s.changedFields(), false);
    }
    if (cc.isUser() && plan instanceof MemberPlan.Create c) {
      // no user has the member's number or email: the one writing to us becomes the member's
      return new MemberPlan.Sync(member, draft, cc, c.leadsToMerge(), List.of(), ContactDiff.changedFields(cc, draft), false);
    }
    return plan;
  }

  private static List<Contact> withLead(List<Contact> leads, Contact lead) {
    if (leads.stream().anyMatch(l -> l.id().equals(lead.id()))) {
      return leads;
    }
    List<Contact> all = new ArrayList<>(leads);
    all.add(lead);
    return List.copyOf(all);
  }
}
