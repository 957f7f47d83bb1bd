package org.natca.intercom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.natca.intercom.audit.Fixtures.active;
import static org.natca.intercom.audit.Fixtures.lead;
import static org.natca.intercom.audit.Fixtures.synced;
import static org.natca.intercom.audit.Fixtures.user;
import static org.natca.intercom.audit.Fixtures.withAttribute;
import static org.natca.intercom.audit.Fixtures.withStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.natca.intercom.audit.AuditPlan.Kind;
import org.natca.intercom.audit.AuditPlan.LeftAlone;
import org.natca.intercom.audit.AuditPlan.MemberWork;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.sync.MemberPlan;

class AuditPlannerTest {
  static final String UUID = "6f1c2b8e-3d4a-4b5c-9d8e-7f6a5b4c3d2e";
  static final MemberIndex MEMBERS = MemberIndex.of(List.of(
      active(100, "ann@example.org"),
      active(200, "bob@example.org"),
      withStatus(active(300, "sue@example.org"), "Suspended"),
      active(500, "family@example.org"),
      active(501, "family@example.org"),
      active(600, null),
      active(700, "cat@example.org")));

  static AuditPlan plan(Contact... examined) {
    return AuditPlanner.plan(List.of(examined), Map.of(), MEMBERS);
  }

  static MemberWork only(AuditPlan plan) {
    assertEquals(1, plan.members().size(), plan.toString());
    return plan.members().get(0);
  }

  static List<String> ids(List<Contact> contacts) {
    return contacts.stream().map(Contact::id).toList();
  }

  @Test
  void staleContacts_withTheSameReason_shareOneReasonString() {
    AuditPlan plan = plan(lead("V1", "visitor1@example.com"), lead("V2", "visitor2@example.com"), lead("V3", null));

    assertEquals(3, plan.stale().size());
    assertEquals("stale: no external id, the email is no Active or Retired member's, no legacy member number attribute",
        plan.stale().get(0).reason());
    org.junit.jupiter.api.Assertions.assertSame(plan.stale().get(0).reason(), plan.stale().get(1).reason(),
        "100,000 visitors' leads must not hold 100,000 copies of one reason");
    assertEquals("stale: no external id, no email, no legacy member number attribute", plan.stale().get(2).reason());
  }

  @Test
  void leadMatchingByEmail_withNoUser_becomesTheMembersUser() {
    MemberWork w = only(plan(lead("L", "ann@example.org")));

    MemberPlan.Create c = assertInstanceOf(MemberPlan.Create.class, w.plan());
    assertEquals("100", c.draft().externalId());
    assertEquals("user", c.draft().role());
    assertEquals(List.of("L"), ids(c.leadsToMerge()));
    assertTrue(w.how(c.leadsToMerge().get(0)).contains("email"), w.how(c.leadsToMerge().get(0)));
  }

  @Test
  void leadAndTheMembersUser_leadMergedIntoTheUser() {
    MemberWork w = only(plan(lead("L", "ann@example.org"), synced("U", 100, "ann@example.org")));

    MemberPlan.Sync s = assertInstanceOf(MemberPlan.Sync.class, w.plan());
    assertEquals("U", s.keep().id());
    assertEquals(List.of("L"), ids(s.leadsToMerge()));
    assertEquals(List.of(), s.changedFields());
  }

  @Test
  void uuidUserMatchedByEmail_getsTheMemberNumberAsExternalId() {
    MemberWork w = only(plan(user("U", "ann@example.org", UUID)));

    MemberPlan.Sync s = assertInstanceOf(MemberPlan.Sync.class, w.plan());
    assertTrue(s.changedFields().contains("external_id"), s.changedFields().toString());
    assertEquals("100", s.draft().externalId());
  }

  @Test
  void duplicatesByEmail_keepTheUserWithTheNumber_mergeLeads_archiveOtherUsers() {
    AuditPlan plan = plan(
        user("OLD", "ann@example.org", "100", 1_500_000_000L),
        user("NEW", "Ann@example.org", UUID, 1_700_000_000L),
        lead("L", "ann@example.org"));

    MemberPlan.Sync s = assertInstanceOf(MemberPlan.Sync.class, only(plan).plan());
    assertEquals("OLD", s.keep().id());
    assertEquals(List.of("NEW"), ids(s.usersToArchive()));
    assertEquals(List.of("L"), ids(s.leadsToMerge()));
    assertEquals(1, plan.archiveCount());
  }

  @Test
  void duplicatesWithoutTheNumber_keepTheNewestUser() {
    AuditPlan plan = plan(user("OLD", "ann@example.org", null, 1_500_000_000L), user("NEW", "ann@example.org", UUID, 1_700_000_000L));

    MemberPlan.Sync s = assertInstanceOf(MemberPlan.Sync.class, only(plan).plan());
    assertEquals("NEW", s.keep().id());
    assertEquals(List.of("OLD"), ids(s.usersToArchive()));
  }

  @Test
  void contactMatchedByLegacyAttribute_joinsTheMembersOtherContacts() {
    AuditPlan plan = plan(withAttribute(user("ATTR", "other@example.org", null, 1_700_000_000L), "Member Number", "700"),
        synced("U", 700, "cat@example.org"));

    MemberPlan.Sync s = assertInstanceOf(MemberPlan.Sync.class, only(plan).plan());
    assertEquals("U", s.keep().id());
    assertEquals(List.of("ATTR"), ids(s.usersToArchive()));
  }

  @Test
  void unmatchedContacts_areStale_suspendedMembersIncluded() {
    AuditPlan plan = plan(user("S", "sue@example.org", "300"), lead("X", "stranger@example.org"), user("W", "w@example.org", UUID));

    assertEquals(List.of("S", "X", "W"), plan.stale().stream().map(s -> s.contact().id()).toList());
    assertTrue(plan.stale().get(0).reason().contains("Suspended"), plan.stale().get(0).reason());
    assertEquals(3, plan.archiveCount());
    assertEquals(List.of(), plan.members());
  }

  @Test
  void conflict_leavesTheContactAndBothMembersAlone() {
    AuditPlan plan = plan(user("C", "bob@example.org", "100"), synced("A", 100, "ann@example.org"), lead("B", "bob@example.org"));

    assertEquals(List.of(), plan.members());
    assertEquals(List.of(), plan.stale());
    Map<String, LeftAlone> left = new HashMap<>();
    plan.leftAlone().forEach(l -> left.put(l.contact().id(), l));
    assertEquals(Set.of("C", "A", "B"), left.keySet());
    left.values().forEach(l -> assertEquals(Kind.CONFLICT, l.kind()));
    assertTrue(left.get("A").reason().contains("contact C is in conflict"), left.get("A").reason());
  }

  @Test
  void membersNotSynced_theirContactsAreKept_neverStale() {
    AuditPlan plan = plan(user("NOEMAIL", "x@example.org", "600"), user("SHARED", "family@example.org", "500"),
        lead("AMB", "family@example.org"));

    assertEquals(List.of(), plan.stale());
    assertEquals(List.of(), plan.members());
    Map<String, Kind> kinds = new HashMap<>();
    plan.leftAlone().forEach(l -> kinds.put(l.contact().id(), l.kind()));
    assertEquals(Map.of("NOEMAIL", Kind.NOT_SYNCED, "SHARED", Kind.NOT_SYNCED, "AMB", Kind.AMBIGUOUS), kinds);
  }

  @Test
  void sparing_keepsContactsWithAnOpenConversation() {
    AuditPlan plan = plan(lead("STALE", "x@example.org"), lead("BUSY", "y@example.org"),
        user("OLD", "ann@example.org", null, 1_500_000_000L), user("NEW", "ann@example.org", null, 1_700_000_000L),
        user("OLD2", "bob@example.org", null, 1_500_000_000L), user("NEW2", "bob@example.org", null, 1_700_000_000L));
    assertEquals(Set.of("STALE", "BUSY", "OLD", "OLD2"), Set.copyOf(ids(plan.archiveCandidates())));

    AuditPlan spared = plan.sparing(Set.of("BUSY", "OLD"));

    assertEquals(List.of("STALE"), spared.stale().stream().map(s -> s.contact().id()).toList());
    assertEquals(2, spared.archiveCount());
    assertEquals(List.of("STALE", "OLD2"), ids(spared.archiveCandidates()));
    List<LeftAlone> open = spared.leftAlone().stream().filter(l -> l.kind() == Kind.OPEN_CONVERSATION).toList();
    assertEquals(Set.of("BUSY", "OLD"), Set.copyOf(open.stream().map(l -> l.contact().id()).toList()));
    MemberWork ann = spared.members().stream().filter(w -> w.member().memberNumber() == 100).findFirst().orElseThrow();
    assertEquals("NEW", ((MemberPlan.Sync) ann.plan()).keep().id());
    assertEquals(List.of(), ann.usersToArchive());
  }

  @Test
  void context_aLeadFindsTheMembersUserOutsideTheExaminedContacts() {
    Contact theUser = synced("U", 100, "ann@example.org");
    Contact othersContact = synced("Z", 200, "bob@example.org");

    AuditPlan plan = AuditPlanner.plan(List.of(lead("L", "ann@example.org")),
        Map.of(100, List.of(theUser, othersContact, lead("L", "ann@example.org"))), MEMBERS);

    MemberPlan.Sync s = assertInstanceOf(MemberPlan.Sync.class, only(plan).plan());
    assertEquals("U", s.keep().id());
    assertEquals(List.of("L"), ids(s.leadsToMerge()));
    assertEquals(1, plan.context());
    assertEquals(1, plan.examined());
    assertTrue(only(plan).how(theUser).contains("looking up"), only(plan).how(theUser));
  }

  @Test
  void context_aConflictingContactOutsideTheExaminedOnes_leavesTheMemberAlone() {
    AuditPlan plan = AuditPlanner.plan(List.of(lead("L", "ann@example.org")),
        Map.of(100, List.of(user("C", "ann@example.org", "200"))), MEMBERS);

    assertEquals(List.of(), plan.members());
    assertEquals(Kind.CONFLICT, plan.leftAlone().get(0).kind());
    assertEquals("L", plan.leftAlone().get(0).contact().id());
  }

  @Test
  void matchedMembers_areTheEligibleMembersOfMatchedContacts() {
    assertEquals(Set.of(100, 200), AuditPlanner.matchedMembers(List.of(lead("L", "ann@example.org"),
        user("U", "b@example.org", "200"), user("N", null, "600"), lead("X", "x@example.org")), MEMBERS));
  }

  @Test
  void everyExaminedContact_hasExactlyOnePlace() {
    List<Contact> examined = List.of(
        lead("1", "ann@example.org"), user("2", "ann@example.org", "100"), user("3", "ann@example.org", UUID),
        user("4", "bob@example.org", "100"), lead("5", "x@example.org"), user("6", "sue@example.org", "300"),
        user("7", "family@example.org", null), user("8", null, "600"), synced("9", 700, "cat@example.org"),
        withAttribute(lead("10", null), "member_number", "700"), lead("1", "ann@example.org"));

    AuditPlan plan = AuditPlanner.plan(examined, Map.of(), MEMBERS).sparing(Set.of("5"));

    List<String> placed = new ArrayList<>();
    plan.stale().forEach(s -> placed.add(s.contact().id()));
    plan.leftAlone().forEach(l -> placed.add(l.contact().id()));
    for (MemberWork w : plan.members()) {
      if (w.plan() instanceof MemberPlan.Sync s) {
        placed.add(s.keep().id());
        placed.addAll(ids(s.usersToArchive()));
      }
      placed.addAll(ids(w.leadsToMerge()));
    }
    assertEquals(10, plan.examined());
    assertEquals(List.of("1", "10", "2", "3", "4", "5", "6", "7", "8", "9"), placed.stream().sorted().toList());
  }
}
