package org.natca.intercom.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.format.ContactPayloads;
import org.natca.intercom.member.Member;

/** The sync's rules, one row per case: which contact is the member's, what is merged, archived, written. */
class SyncPlannerTest {
  static final Member JANE = new Member(101, "Jane", "Doe", "jane@example.org", null, "Active", 6, null, "NE", "ZBW", List.of());
  static final ContactDraft DRAFT = ContactPayloads.forMember(JANE).draft();

  static Contact user(String id, String email, String externalId, long createdAt) {
    return new Contact(id, "user", email, externalId, "Jane Doe", null, Map.copyOf(DRAFT.customAttributes()), createdAt, createdAt);
  }

  static Contact lead(String id, String email) {
    return new Contact(id, "lead", email, null, null, null, Map.of(), 1, 1);
  }

  static Arguments row(String name, String expected, Contact... contacts) {
    return Arguments.of(name, Arrays.asList(contacts), expected);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        row("nothing: create", "create leads=[]"),
        row("only a lead: create, then merge it", "create leads=[L]", lead("L", "jane@example.org")),
        row("the member's user, exact: nothing to write", "sync keep=U leads=[] archive=[] changed=[]",
            user("U", "jane@example.org", "101", 5)),
        row("email in another case: still exact", "sync keep=U leads=[] archive=[] changed=[]",
            user("U", "JANE@example.org ", "101", 5)),
        row("by email, no external id: it becomes the member's", "sync keep=U leads=[] archive=[] changed=[external_id]",
            user("U", "jane@example.org", null, 5)),
        row("a UUID external id is not a member's: it becomes the member number",
            "sync keep=U leads=[] archive=[] changed=[external_id]",
            user("U", "jane@example.org", "3f2b8c1e-0000-4000-8000-000000000000", 5)),
        row("the number wins over a newer user with the email", "sync keep=N leads=[] archive=[E] changed=[email]",
            user("N", "old@example.org", "101", 1), user("E", "jane@example.org", null, 9)),
        row("without the number, the newest user wins", "sync keep=B leads=[L] archive=[A] changed=[external_id]",
            user("A", "jane@example.org", null, 1), user("B", "jane@example.org", null, 9), lead("L", "jane@example.org")),
        row("another member's user holding the email: conflict", "conflict X",
            user("X", "jane@example.org", "202", 1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void plan(String name, List<Contact> contacts, String expected) {
    assertEquals(expected, describe(SyncPlanner.plan(JANE, DRAFT, ContactIndex.of(contacts), false)));
  }

  static String describe(MemberPlan p) {
    if (p instanceof MemberPlan.Create c) {
      return "create leads=" + ids(c.leadsToMerge());
    }
    if (p instanceof MemberPlan.Sync s) {
      return "sync keep=" + s.keep().id() + " leads=" + ids(s.leadsToMerge()) + " archive=" + ids(s.usersToArchive())
          + " changed=" + s.changedFields();
    }
    if (p instanceof MemberPlan.Conflict c) {
      return "conflict " + c.contactId();
    }
    throw new AssertionError("the sync planner does not make " + p);
  }

  static List<String> ids(List<Contact> contacts) {
    return contacts.stream().map(Contact::id).toList();
  }
}
