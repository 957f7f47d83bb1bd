package org.natca.intercom.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.member.Member;

class ContactIndexTest {
  private static final Member ANN = new Member(12345, "Ann", "Lee", " Ann@Example.org ", null, "Active", 6, null,
      "NEA", "ZBW", List.of());

  private static Contact contact(String id, String role, String email, String externalId) {
    return new Contact(id, role, email, externalId, null, null, Map.of(), 1, 1);
  }

  @Test
  void relevantTo_holdsOnlyContactsAMemberCouldBeMatchedTo() {
    Contact byNumber = contact("u1", "user", "old@example.org", "12345");
    Contact byEmail = contact("l1", "lead", "ann@example.org", null);
    Contact otherUser = contact("u2", "user", "bob@example.org", "99999");
    Contact visitor = contact("l2", "lead", "visitor@example.com", null);
    Contact anonymous = contact("l3", "lead", null, null);
    Contact leadWithNumber = contact("l4", "lead", null, "12345"); // leads ignore external ids
    ContactIndex index = ContactIndex.of(List.of(byNumber, byEmail, otherUser, visitor, anonymous, leadWithNumber),
        ContactIndex.relevantTo(List.of(ANN)));

    assertEquals(6, index.size());
    assertEquals(2, index.kept());
    assertEquals(List.of(byNumber, byEmail), index.candidates("12345", "ANN@example.org"));
    assertEquals(List.of(), index.byEmail("bob@example.org"));
    assertNull(index.byExternalId("99999"));
  }

  @Test
  void of_withoutFilter_holdsEveryContactThatHasAnEmailOrAUsersExternalId() {
    ContactIndex index = ContactIndex.of(List.of(contact("u1", "user", null, "1"), contact("l1", "lead", "a@b.org", null),
        contact("l2", "lead", null, null), contact("u2", "user", null, "1")));
    assertEquals(4, index.size());
    assertEquals(2, index.kept());
  }
}
