package org.natca.intercom.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.member.Member;

class ContactPayloadsTest {

  private static Member member(String status, String phone, String region, String facility, List<String> positions) {
    return new Member(12345, "  Jane ", " Van  Doe ", " Jane.Doe@Example.org ", phone, status, 6, "Full Member",
        region, facility, positions);
  }

  @Test
  void forMember_activeMember_isTheContractPayload() {
    MemberPayload payload = ContactPayloads.forMember(
        member("Active", "(765) 465-7031", "NE", "ZBW", List.of("facrep", "rvp", "facrep")));

    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("member_number", "12345");
    attributes.put("member_type", "Current Member");
    attributes.put("region", "NE");
    attributes.put("facility", "ZBW");
    attributes.put("positions", "Facility Representative, Regional Vice President");
    assertEquals(new ContactDraft("user", "Jane.Doe@Example.org", "12345", "Jane Van Doe", "+17654657031", attributes),
        payload.draft());
    assertNull(payload.phoneProblem());
  }

  @Test
  void forMember_retiredMember_hasRnavRegionAndFacilityAndRetiredType() {
    ContactDraft draft = ContactPayloads.forMember(member("Retired", null, "NE", "ZBW", List.of())).draft();

    assertEquals("RNAV", draft.customAttributes().get("region"));
    assertEquals("RNAV", draft.customAttributes().get("facility"));
    assertEquals("Retired Member", draft.customAttributes().get("member_type"));
  }

  @Test
  void forMember_noRegionFacilityOrPositions_sendsEmptyStrings() {
    ContactDraft draft = ContactPayloads.forMember(member("Active", null, null, null, List.of())).draft();

    assertEquals("", draft.customAttributes().get("region"));
    assertEquals("", draft.customAttributes().get("facility"));
    assertEquals("", draft.customAttributes().get("positions"));
  }

  @Test
  void forMember_codesWithSpaces_areTrimmed() {
    ContactDraft draft = ContactPayloads.forMember(member("Active", null, " NE ", "ZBW  ", List.of())).draft();

    assertEquals("NE", draft.customAttributes().get("region"));
    assertEquals("ZBW", draft.customAttributes().get("facility"));
  }

  @ParameterizedTest(name = "phone [{0}] -> {1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "765-465-7031 | +17654657031 | false",
      "NULL         | NULL         | false",
      "'  '         | NULL         | false",
      "12345        | NULL         | true",
      "call me      | NULL         | true",
  })
  void forMember_phone_isE164OrLeftOutWithTheProblemKept(String raw, String e164, boolean hasProblem) {
    MemberPayload payload = ContactPayloads.forMember(member("Active", raw, "NE", "ZBW", List.of()));

    assertEquals(e164, payload.draft().phone());
    assertEquals(hasProblem, payload.phoneProblem() != null);
  }

  @Test
  void forMember_writesExactlyTheOwnedAttributesInOrder() {
    ContactDraft draft = ContactPayloads.forMember(member("Active", null, "NE", "ZBW", List.of("neb"))).draft();

    assertEquals(ContactAttributes.ALL, new ArrayList<>(draft.customAttributes().keySet()));
  }

  @Test
  void forMember_blankName_leavesNameOut() {
    Member nameless = new Member(7, " ", null, "x@example.org", null, "Active", null, null, null, null, List.of());
    ContactDraft draft = ContactPayloads.forMember(nameless).draft();

    assertNull(draft.name());
    assertEquals("7", draft.externalId());
    assertEquals("Member", draft.customAttributes().get("member_type"));
    assertTrue(draft.customAttributes().containsKey("positions"));
  }
}
