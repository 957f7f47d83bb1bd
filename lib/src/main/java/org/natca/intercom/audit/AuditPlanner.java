package org.natca.intercom.audit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.natca.intercom.audit.AuditPlan.Kind;
import org.natca.intercom.audit.AuditPlan.LeftAlone;
import org.natca.intercom.audit.AuditPlan.MemberWork;
import org.natca.intercom.audit.AuditPlan.Stale;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.format.ContactPayloads;
import org.natca.intercom.member.Emails;
import org.natca.intercom.format.MemberPayload;
import org.natca.intercom.member.Member;
import org.natca.intercom.sync.MemberPlan;
import org.natca.intercom.sync.SyncPlanner;

/**
 * Decides, without any I/O, what the audit does with the contacts it examined. Each contact is matched
 * ({@link ContactMatcher}); a member's contacts are then handled by the daily-sync rule
 * ({@link SyncPlanner}: the user with the member's number, else the newest user, is kept and gets the
 * member's data; leads are merged into it; other users are archived). A member any of whose contacts is
 * in conflict is left alone entirely, as daily-sync leaves them. Unmatched contacts are stale.
 */
public final class AuditPlanner {
  private AuditPlanner() {}

  /**
   * Members that examined contacts match: a run that sees only part of the workspace looks each up, so
   * that their other contacts (the user a lead should be merged into, say) are in view.
   */
  public static Set<Integer> matchedMembers(List<Contact> examined, MemberIndex members) {
    Set<Integer> numbers = new LinkedHashSet<>();
    for (Contact c : examined) {
      if (ContactMatcher.match(c, members) instanceof ContactMatch.Matched m && m.member().isEligible()) {
        numbers.add(m.member().memberNumber());
      }
    }
    return numbers;
  }

  /**
   * @param examined the contacts examined, in the order read
   * @param context per member number, contacts found by looking the member up (may repeat examined ones)
   */
  public static AuditPlan plan(List<Contact> examined, Map<Integer, List<Contact>> context, MemberIndex members) {
    Map<String, ContactMatch> matches = new LinkedHashMap<>();
    for (Contact c : examined) {
      matches.putIfAbsent(c.id(), ContactMatcher.match(c, members));
    }
    Map<Integer, List<ContactMatch>> touching = new LinkedHashMap<>();
    for (ContactMatch m : matches.values()) {
      for (int n : m.memberNumbers()) {
        touching.computeIfAbsent(n, k -> new ArrayList<>()).add(m);
      }
    }
    Set<String> contextIds = new HashSet<>();
    context.forEach((n, found) -> {
      List<ContactMatch> group = touching.get(n);
      if (group == null) {
        return;
      }
      Set<String> inGroup = new HashSet<>();
      group.forEach(m -> inGroup.add(m.contact().id()));
      for (Contact c : found) {
        ContactMatch m = ContactMatcher.match(c, members);
        if (!matches.containsKey(c.id()) && m.memberNumbers().contains(n) && inGroup.add(c.id())) {
          group.add(m);
          contextIds.add(c.id());
        }
      }
    });

    List<MemberWork> work = new ArrayList<>();
    List<Stale> stale = new ArrayList<>();
    Map<String, String> reasons = new HashMap<>();
    List<LeftAlone> left = new ArrayList<>();
    Map<ContactMatch.Source, Integer> matchedBy = new EnumMap<>(ContactMatch.Source.class);
    for (ContactMatch m : matches.values()) {
      if (m instanceof ContactMatch.Matched x) {
        matchedBy.merge(x.source(), 1, Integer::sum);
      } else if (m instanceof ContactMatch.Conflict) {
        left.add(new LeftAlone(m.contact(), Kind.CONFLICT, null, m.reason()));
      } else if (m instanceof ContactMatch.Ambiguous) {
        left.add(new LeftAlone(m.contact(), Kind.AMBIGUOUS, null, m.reason()));
      } else if (members.isSyncedMemberNumber(m.contact().isUser() ? m.contact().externalId() : null)) {
        // cannot happen through the matcher; the rule is absolute, so it is checked where archives are decided
        left.add(new LeftAlone(m.contact(), Kind.PROTECTED, null,
            "its external id is an Active or Retired member's number; never archived (" + m.reason() + ")"));
      } else {
        // a workspace's stale contacts share a few reasons: hold each once, not once per contact
        stale.add(new Stale(m.contact(), reasons.computeIfAbsent("stale: " + m.reason(), r -> r)));
      }
    }

    List<Integer> invalidPhones = new ArrayList<>();
    for (Map.Entry<Integer, List<ContactMatch>> group : touching.entrySet()) {
      List<ContactMatch.Matched> matched = new ArrayList<>();
      for (ContactMatch m : group.getValue()) {
        if (m instanceof ContactMatch.Matched x) {
          matched.add(x);
        }
      }
      List<ContactMatch.Matched> examinedMatched =
          matched.stream().filter(x -> !contextIds.contains(x.contact().id())).toList();
      if (examinedMatched.isEmpty()) {
        continue;
      }
      Member member = matched.get(0).member();
      int n = member.memberNumber();
      ContactMatch blocker = group.getValue().stream().filter(m -> m instanceof ContactMatch.Conflict).findFirst().orElse(null);
      if (blocker != null) {
        leaveAll(left, examinedMatched, Kind.CONFLICT, n, "member " + n + "'s contacts are left alone while contact "
            + blocker.contact().id() + " is in conflict: " + blocker.reason());
        continue;
      }
      if (!member.isEligible()) {
        leaveAll(left, examinedMatched, Kind.NOT_SYNCED, n, "member " + n + " has no email in the member database, so"
            + " it is not synced; the contact is kept as it is");
        continue;
      }
      List<Member> sharing = members.syncedWithEmail(member.email());
      if (sharing.size() > 1) {
        leaveAll(left, examinedMatched, Kind.NOT_SYNCED, n, "members " + sharing.stream().map(Member::memberNumber).toList()
            + " share the email " + Emails.clean(member.email()) + "; one contact cannot be all of them: fix the email"
            + " in the member database");
        continue;
      }
      MemberPayload payload = ContactPayloads.forMember(member);
      List<Contact> contacts = matched.stream().map(ContactMatch.Matched::contact).toList();
      MemberPlan plan = SyncPlanner.plan(member, payload.draft(), contacts, false);
      if (plan instanceof MemberPlan.Conflict c) {
        leaveAll(left, examinedMatched, Kind.CONFLICT, n, c.reason());
        continue;
      }
      if (payload.phoneProblem() != null) {
        invalidPhones.add(n);
      }
      Map<String, ContactMatch.Matched> how = new LinkedHashMap<>();
      for (ContactMatch.Matched x : matched) {
        how.put(x.contact().id(), contextIds.contains(x.contact().id())
            ? new ContactMatch.Matched(x.contact(), x.member(), x.source(), x.reason() + ", found by looking up the member")
            : x);
      }
      work.add(new MemberWork(member, plan, how));
    }
    return new AuditPlan(matches.size(), contextIds.size(), work, stale, left, matchedBy, invalidPhones);
  }

  private static void leaveAll(List<LeftAlone> left, List<ContactMatch.Matched> contacts, Kind kind, int member, String reason) {
    for (ContactMatch.Matched x : contacts) {
      left.add(new LeftAlone(x.contact(), kind, member, reason));
    }
  }
}
