package org.natca.intercom.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.format.ContactPayloads;
import org.natca.intercom.member.Member;
import org.natca.intercom.sync.ContactIndex;
import org.natca.intercom.sync.MemberPlan;

class ConversationPlansTest {
  static final Member MEMBER = new Member(12345, "Jane", "Doe", "jane@example.org", null, "Active", 6, null, "NE", "ZBW", List.of());
  static final ContactDraft DRAFT = ContactPayloads.forMember(MEMBER).draft();

  static Contact user(String id, String email, String externalId, long createdAt) {
    return new Contact(id, "user", email, externalId, null, null, Map.of(), createdAt, createdAt);
  }

  static Contact lead(String id, String email) {
    return new Contact(id, "lead", email, null, null, null, Map.of(), 1, 1);
  }

  static MemberPlan plan(Contact conversationContact, Contact... others) {
    List<Contact> all = new ArrayList<>(List.of(others));
    if (conversationContact != null) {
      all.add(0, conversationContact);
    }
    return ConversationPlans.plan(MEMBER, DRAFT, ContactIndex.of(all), conversationContact);
  }

  @Test
  void noContactAtAll_createsTheUser() {
    MemberPlan p = plan(null);

    MemberPlan.Create c = assertInstanceOf(MemberPlan.Create.class, p);
    assertTrue(c.leadsToMerge().isEmpty());
  }

  @Test
  void leadWithAnotherEmail_isMergedIntoTheNewUser() {
    Contact lead = lead("L", "personal@example.com");

    MemberPlan.Create c = assertInstanceOf(MemberPlan.Create.class, plan(lead));

    assertEquals(List.of(lead), c.leadsToMerge());
  }

  @Test
  void leadWithAnotherEmail_isMergedIntoTheExistingUser() {
    Contact lead = lead("L", "personal@example.com");
    Contact mine = user("U", "jane@example.org", "12345", 5);

    MemberPlan.Sync s = assertInstanceOf(MemberPlan.Sync.class, plan(lead, mine));

    assertSame(mine, s.keep());
    assertEquals(List.of(lead), s.leadsToMerge());
  }

  @Test
  void leadWithTheMembersEmail_isMergedOnce() {
    Contact lead = lead("L", "JANE@example.org");

    MemberPlan.Create c = assertInstanceOf(MemberPlan.Create.class, plan(lead));

    assertEquals(1, c.leadsToMerge().size());
  }

  @Test
  void userWithAnotherEmail_becomesTheMembersUser_whenTheMemberHasNone() {
    Contact stale = user("C", "old@example.org", null, 5);

    MemberPlan.Sync s = assertInstanceOf(MemberPlan.Sync.class, plan(stale));

    assertSame(stale, s.keep());
    assertTrue(s.changedFields().contains("email"), s.changedFields().toString());
    assertTrue(s.usersToArchive().isEmpty());
  }

  @Test
  void userWithAnotherEmail_isLeftAlone_whenTheMemberHasAUser() {
    Contact other = user("C", "old@example.org", null, 5);
    Contact mine = user("U", "x@example.org", "12345", 1);

    MemberPlan.Sync s = assertInstanceOf(MemberPlan.Sync.class, plan(other, mine));

    assertSame(mine, s.keep());
    assertTrue(s.usersToArchive().isEmpty());
  }

  @Test
  void anotherMembersUser_isNeverTakenOver() {
    Contact theirs = user("T", "theirs@example.org", "999", 5);

    assertInstanceOf(MemberPlan.Create.class, plan(theirs));
  }

  @Test
  void duplicates_keepTheMembersUser_archiveOthersWithTheEmail() {
    Contact conversationUser = user("C", "jane@example.org", null, 9);
    Contact mine = user("U", "older@example.org", "12345", 1);

    MemberPlan.Sync s = assertInstanceOf(MemberPlan.Sync.class, plan(conversationUser, mine));

    assertSame(mine, s.keep());
    assertEquals(List.of(conversationUser), s.usersToArchive());
  }

  @Test
  void conflict_staysAConflict() {
    Contact theirs = user("T", "jane@example.org", "999", 5);

    assertInstanceOf(MemberPlan.Conflict.class, plan(lead("L", "x@example.com"), theirs));
  }

  @Test
  void exactUser_isNotWritten_andFullWritesWithoutAFakeField() {
    Contact exact = new Contact("C", "user", "jane@example.org", "12345", "Jane Doe", null, new java.util.HashMap<String, Object>(DRAFT.customAttributes()), 1, 1);

    // issue 14: a tag re-sync of an exact member writes nothing (it used to force a --full update)
    MemberPlan.Sync lazy = assertInstanceOf(MemberPlan.Sync.class, plan(exact));
    MemberPlan.Sync full = assertInstanceOf(MemberPlan.Sync.class,
        org.natca.intercom.sync.SyncPlanner.plan(MEMBER, DRAFT, ContactIndex.of(List.of(exact)), true));

    assertTrue(lazy.changedFields().isEmpty(), lazy.changedFields().toString());
    assertTrue(!lazy.writes());
    assertTrue(full.full());
    assertTrue(full.writes());
    assertTrue(full.changedFields().isEmpty(), "no made-up field name: " + full.changedFields());
  }
}
