package org.natca.intercom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.natca.intercom.audit.Fixtures.active;
import static org.natca.intercom.audit.Fixtures.lead;
import static org.natca.intercom.audit.Fixtures.user;
import static org.natca.intercom.audit.Fixtures.withAttribute;
import static org.natca.intercom.audit.Fixtures.withStatus;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.natca.intercom.client.model.Contact;

class ContactMatcherTest {
  static final MemberIndex MEMBERS = MemberIndex.of(List.of(
      active(100, "ann@example.org"),
      active(200, "bob@example.org"),
      withStatus(active(300, "sue@example.org"), "Suspended"),
      withStatus(active(400, "rita@example.org"), "Retired"),
      active(500, "family@example.org"),
      active(501, " FAMILY@example.org"),
      active(600, null)));

  static Stream<Arguments> cases() {
    return Stream.of(
        // contact, expected kind, member (matched) or members named, words the reason must hold
        Arguments.of(user("c1", "ann@example.org", "100"), "Matched", List.of(100), "external id"),
        Arguments.of(user("c2", "old@example.org", "100"), "Matched", List.of(100), "external id"),
        Arguments.of(user("c3", " Ann@Example.ORG ", null), "Matched", List.of(100), "email"),
        Arguments.of(lead("c4", "rita@example.org"), "Matched", List.of(400), "email"),
        Arguments.of(user("c5", "ann@example.org", "6f1c2b8e-3d4a-4b5c-9d8e-7f6a5b4c3d2e"), "Matched", List.of(100), "not a member number"),
        Arguments.of(withAttribute(user("c6", "new@example.org", null), "Member Number", "200"), "Matched", List.of(200), "legacy"),
        Arguments.of(withAttribute(lead("c7", null), "member_number", 200.0), "Matched", List.of(200), "legacy"),
        Arguments.of(user("c8", "bob@example.org", "100"), "Conflict", List.of(100, 200), "email"),
        Arguments.of(withAttribute(user("c9", "ann@example.org", "100"), "Member Number", "200"), "Conflict", List.of(100, 200), "legacy"),
        Arguments.of(withAttribute(lead("c10", "ann@example.org"), "member_number", "200"), "Conflict", List.of(100, 200), "legacy"),
        Arguments.of(user("c11", "ann@example.org", "999"), "Conflict", List.of(999, 100), "999"),
        Arguments.of(user("c12", "family@example.org", null), "Ambiguous", List.of(500, 501), "share the email"),
        Arguments.of(user("c13", "sue@example.org", "300"), "Unmatched", List.of(), "Suspended"),
        Arguments.of(user("c14", "sue@example.org", null), "Unmatched", List.of(), "no external id"),
        Arguments.of(user("c15", "nobody@example.org", "999"), "Unmatched", List.of(), "no member in the database"),
        Arguments.of(user("c16", "nobody@example.org", "6f1c2b8e-3d4a-4b5c-9d8e-7f6a5b4c3d2e"), "Unmatched", List.of(), "not a member number"),
        Arguments.of(withAttribute(lead("c17", "x@example.org"), "Member Number", "300"), "Unmatched", List.of(), "Suspended"),
        Arguments.of(withAttribute(lead("c18", "x@example.org"), "Member Number", "not a number"), "Unmatched", List.of(), "no legacy"),
        // leads ignore external ids, as Intercom does
        Arguments.of(new Contact("c19", "lead", "bob@example.org", "100", null, null, null, 0, 0), "Matched", List.of(200), "email"),
        Arguments.of(user("c20", null, "600"), "Matched", List.of(600), "external id"));
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @MethodSource("cases")
  void match_appliesTheSourcesInOrder_andRefusesDisagreement(Contact contact, String kind, List<Integer> numbers, String reasonWord) {
    ContactMatch m = ContactMatcher.match(contact, MEMBERS);

    assertEquals(kind, m.getClass().getSimpleName(), m.toString());
    assertEquals(numbers, m.memberNumbers(), m.toString());
    assertTrue(m.reason().contains(reasonWord), m.reason());
  }

  @Test
  void match_byExternalId_saysWhichSource() {
    ContactMatch.Matched m = assertInstanceOf(ContactMatch.Matched.class,
        ContactMatcher.match(user("c", "ann@example.org", "100"), MEMBERS));

    assertEquals(ContactMatch.Source.EXTERNAL_ID, m.source());
    assertEquals(100, m.member().memberNumber());
  }

  @Test
  void isSyncedMemberNumber_onlyActiveAndRetiredNumbers() {
    assertTrue(MEMBERS.isSyncedMemberNumber("100"));
    assertTrue(MEMBERS.isSyncedMemberNumber("400"));
    assertEquals(false, MEMBERS.isSyncedMemberNumber("300"));
    assertEquals(false, MEMBERS.isSyncedMemberNumber("999"));
    assertEquals(false, MEMBERS.isSyncedMemberNumber(null));
  }
}
