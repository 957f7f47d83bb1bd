package org.natca.intercom.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.member.Member;

class ContactDiffTest {

  private static final Member MEMBER = new Member(12345, "Jane", "Doe", "Jane.Doe@example.org", "765-465-7031",
      "Active", 6, null, "NE", "ZBW", List.of("facrep"));
  private static final ContactDraft DESIRED = ContactPayloads.forMember(MEMBER).draft();

  /** A contact that holds exactly what the draft would write. */
  private static Map<String, Object> attributes() {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("member_number", "12345");
    attributes.put("member_type", "Current Member");
    attributes.put("region", "NE");
    attributes.put("facility", "ZBW");
    attributes.put("positions", "Facility Representative");
    attributes.put("someone_elses", "kept");
    return attributes;
  }

  private static Contact contact(String role, String email, String externalId, String name, String phone,
      Map<String, Object> attributes) {
    return new Contact("c1", role, email, externalId, name, phone, attributes, 0, 0);
  }

  private static Contact same() {
    return contact("user", "Jane.Doe@example.org", "12345", "Jane Doe", "+17654657031", attributes());
  }

  @Test
  void changedFields_contactAlreadyAsDesired_isEmpty() {
    assertEquals(List.of(), ContactDiff.changedFields(same(), DESIRED));
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "role        | lead                  | role",
      "role        | NULL                  | role",
      "email       | ' JANE.DOE@EXAMPLE.ORG ' | ''",
      "email       | jane@example.org      | email",
      "email       | NULL                  | email",
      "external_id | 54321                 | external_id",
      "external_id | NULL                  | external_id",
      "name        | Jane  Doe             | name",
      "name        | jane doe              | name",
      "name        | NULL                  | name",
      "phone       | +17654657032          | phone",
      "phone       | NULL                  | phone",
  })
  void changedFields_oneTopLevelFieldDiffers_reportsExactlyThatField(String field, String value, String expected) {
    Contact base = same();
    Contact actual = contact(
        field.equals("role") ? value : base.role(),
        field.equals("email") ? value : base.email(),
        field.equals("external_id") ? value : base.externalId(),
        field.equals("name") ? value : base.name(),
        field.equals("phone") ? value : base.phone(),
        attributes());
    List<String> want = expected.isEmpty() ? List.of() : List.of(expected);
    assertEquals(want, ContactDiff.changedFields(actual, DESIRED));
  }

  @ParameterizedTest(name = "{0}: [{1}] -> {2}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "region        | SO      | true",
      "region        | ne      | true",
      "region        | ' NE'   | true",
      "region        | NULL    | true",
      "positions     | ''      | true",
      "member_number | 12346   | true",
  })
  void changedFields_anAttributeDiffers_reportsIt(String name, String value, boolean changed) {
    Map<String, Object> attributes = attributes();
    attributes.put(name, value);
    Contact actual = contact("user", "Jane.Doe@example.org", "12345", "Jane Doe", "+17654657031", attributes);

    List<String> want = changed ? List.of("custom_attributes." + name) : List.of();
    assertEquals(want, ContactDiff.changedFields(actual, DESIRED));
  }

  @Test
  void changedFields_emptyDesiredAttribute_equalsMissingOrNullAttribute() {
    ContactDraft desired = ContactPayloads.forMember(
        new Member(12345, "Jane", "Doe", "Jane.Doe@example.org", null, "Active", 6, null, null, null, List.of())).draft();
    Map<String, Object> missing = attributes();
    missing.remove("region");
    missing.put("facility", null);
    missing.put("positions", "");

    Contact actual = contact("user", "jane.doe@example.org", "12345", "Jane Doe", "+17654657031", missing);

    assertEquals(List.of(), ContactDiff.changedFields(actual, desired));
  }

  @Test
  void changedFields_desiredPhoneNull_ignoresWhateverPhoneTheContactHas() {
    ContactDraft noPhone = DESIRED.withPhone(null);

    assertEquals(List.of(), ContactDiff.changedFields(
        contact("user", "Jane.Doe@example.org", "12345", "Jane Doe", "555 typed by hand", attributes()), noPhone));
    assertEquals(List.of(), ContactDiff.changedFields(
        contact("user", "Jane.Doe@example.org", "12345", "Jane Doe", null, attributes()), noPhone));
  }

  @Test
  void changedFields_desiredExternalIdLeftOut_isNotAChange() {
    Contact actual = contact("user", "Jane.Doe@example.org", null, "Jane Doe", "+17654657031", attributes());

    assertEquals(List.of(), ContactDiff.changedFields(actual, DESIRED.withoutExternalId()));
  }

  @Test
  void changedFields_numericAttributeValues_compareByTheirStringForm() {
    Map<String, Object> numbers = attributes();
    numbers.put("member_number", 12345);
    assertEquals(List.of(), ContactDiff.changedFields(withAttributes(numbers), DESIRED));

    numbers.put("member_number", 12345.0);
    assertEquals(List.of(), ContactDiff.changedFields(withAttributes(numbers), DESIRED));

    numbers.put("member_number", new BigDecimal("12345.00"));
    assertEquals(List.of(), ContactDiff.changedFields(withAttributes(numbers), DESIRED));

    numbers.put("member_number", 12345.5);
    assertEquals(List.of("custom_attributes.member_number"), ContactDiff.changedFields(withAttributes(numbers), DESIRED));
  }

  @Test
  void changedFields_severalDifferences_areListedInFieldOrder() {
    Map<String, Object> attributes = new HashMap<>(attributes());
    attributes.put("positions", "President");
    attributes.put("member_type", "Member");
    Contact actual = contact("lead", "Jane.Doe@example.org", "12345", "Jane", "+17654657031", attributes);

    assertEquals(Arrays.asList("role", "name", "custom_attributes.member_type", "custom_attributes.positions"),
        ContactDiff.changedFields(actual, DESIRED));
  }

  private static Contact withAttributes(Map<String, Object> attributes) {
    return contact("user", "Jane.Doe@example.org", "12345", "Jane Doe", "+17654657031", attributes);
  }
}
