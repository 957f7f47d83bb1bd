package org.natca.intercom.sandbox.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContactsApiTest {
  private IntercomEmulator emulator;
  private Http http;

  @BeforeEach
  void start() {
    emulator = IntercomEmulator.start(EmulatorOptions.builder().predefineContractAttributes(true).build());
    http = new Http(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private static Map<String, Object> user(String email, String externalId) {
    return Map.of("role", "user", "email", email, "external_id", externalId);
  }

  @Test
  void create_user_returnsContactShapedLikeIntercom() {
    Http.Response r = http.post("/contacts", Map.of("role", "user", "email", "Jane.Doe@example.com", "external_id", "12345",
        "name", "Jane Doe", "phone", "+17654657031", "custom_attributes", Map.of("member_number", "12345")));

    assertEquals(200, r.status());
    assertEquals("contact", r.body().get("type").asText());
    assertTrue(r.body().get("id").asText().matches("[0-9a-f]{24}"), r.body().get("id").asText());
    assertEquals("user", r.body().get("role").asText());
    assertEquals("Jane.Doe@example.com", r.body().get("email").asText());
    assertEquals("12345", r.body().get("external_id").asText());
    assertEquals("Jane Doe", r.body().get("name").asText());
    assertEquals("+17654657031", r.body().get("phone").asText());
    assertEquals("12345", r.body().get("custom_attributes").get("member_number").asText());
    assertTrue(r.body().get("created_at").isIntegralNumber());
    assertTrue(r.body().get("updated_at").isIntegralNumber());
    assertTrue(r.body().has("tags") && r.body().has("location"));
    assertEquals(1, emulator.contacts().size());
  }

  @Test
  void create_sameEmailDifferentCase_conflictsWithExactMessage() {
    String id = http.post("/contacts", user("jane@example.com", "1")).body().get("id").asText();

    Http.Response r = http.post("/contacts", user("JANE@Example.COM", "2"));

    assertEquals(409, r.status());
    assertEquals("error.list", r.body().get("type").asText());
    assertFalse(r.body().get("request_id").asText().isEmpty());
    assertEquals("conflict", r.errorCode());
    assertEquals("A contact matching those details already exists with id=" + id, r.errorMessage());
  }

  @Test
  void create_sameExternalId_conflicts() {
    String id = http.post("/contacts", user("a@example.com", "77")).body().get("id").asText();

    Http.Response r = http.post("/contacts", user("b@example.com", "77"));

    assertEquals(409, r.status());
    assertEquals("A contact matching those details already exists with id=" + id, r.errorMessage());
  }

  @Test
  void create_emailOfArchivedUser_conflictsWithArchivedMessage() {
    String id = emulator.addContact(SeedContact.user("old@example.com", "5"));
    emulator.archive(id);

    Http.Response r = http.post("/contacts", user("Old@example.com", "6"));

    assertEquals(409, r.status());
    assertEquals("conflict", r.errorCode());
    assertEquals("An archived contact matching those details already exists with id=" + id, r.errorMessage());
  }

  @Test
  void create_emailOfBlockedUser_conflictsWithArchivedMessage_andUnarchiveIsNotRestorable() {
    String id = emulator.addContact(SeedContact.user("spam@example.com", "9"));
    emulator.block(id);

    Http.Response r = http.post("/contacts", user("spam@example.com", "9"));
    assertEquals("An archived contact matching those details already exists with id=" + id, r.errorMessage());

    Http.Response unarchive = http.post("/contacts/" + id + "/unarchive", null);
    assertEquals(400, unarchive.status());
    assertEquals("not_restorable", unarchive.errorCode());
    assertEquals(404, http.get("/contacts/" + id).status());
    assertEquals(404, http.put("/contacts/" + id, Map.of("name", "x")).status());
  }

  @Test
  void create_leadWithUsersEmail_isAllowed_andIgnoresExternalId() {
    http.post("/contacts", user("shared@example.com", "1"));

    Http.Response r = http.post("/contacts", Map.of("role", "lead", "email", "shared@example.com", "external_id", "1"));

    assertEquals(200, r.status());
    assertEquals("lead", r.body().get("role").asText());
    assertTrue(r.body().get("external_id").isNull());
  }

  @ParameterizedTest
  @ValueSource(strings = {"7654657031", "(765) 465-7031", "+1 765 465 7031", "+1234567", "+1234567890123456", "", "+1765465703a"})
  void create_invalidPhone_answers400NamingThePhone(String phone) {
    Http.Response r = http.post("/contacts", Map.of("role", "user", "email", "p@example.com", "phone", phone));

    assertEquals(400, r.status());
    assertEquals("parameter_invalid", r.errorCode());
    assertEquals("phone", r.body().at("/errors/0/field").asText());
    assertTrue(emulator.contacts().isEmpty());
  }

  @Test
  void create_unknownCustomAttribute_answers400() {
    Http.Response r = http.post("/contacts", Map.of("email", "u@example.com", "custom_attributes", Map.of("shoe_size", "9")));

    assertEquals(400, r.status());
    assertEquals("parameter_not_found", r.errorCode());
    assertEquals("Custom attribute 'shoe_size' does not exist", r.errorMessage());
  }

  @Test
  void create_numberForStringAttribute_answers400() {
    Http.Response r = http.post("/contacts", Map.of("email", "u@example.com", "custom_attributes", Map.of("member_number", 12345)));

    assertEquals(400, r.status());
    assertEquals("parameter_invalid", r.errorCode());
  }

  @Test
  void create_userWithoutEmailOrExternalId_answers400() {
    assertEquals(400, http.post("/contacts", Map.of("role", "user", "name", "Nobody")).status());
  }

  @Test
  void update_isPartial_andBumpsUpdatedAtOnlyOnChange() {
    String id = emulator.addContact(SeedContact.user("p@example.com", "3").withName("Pat Old").withPhone("+17654657031")
        .withAttribute("region", "NEA").withCreatedAt(java.time.Instant.parse("2020-01-01T00:00:00Z")));

    Http.Response r = http.put("/contacts/" + id, Map.of("name", "Pat New", "custom_attributes", Map.of("facility", "ZNY")));

    assertEquals(200, r.status());
    assertEquals("Pat New", r.body().get("name").asText());
    assertEquals("+17654657031", r.body().get("phone").asText());
    assertEquals("NEA", r.body().at("/custom_attributes/region").asText());
    assertEquals("ZNY", r.body().at("/custom_attributes/facility").asText());
    EmulatedContact stored = emulator.contact(id).orElseThrow();
    assertEquals("Pat New", stored.name());
    assertTrue(stored.updatedAt().isAfter(stored.createdAt()));

    long before = stored.updatedAt().getEpochSecond();
    http.put("/contacts/" + id, Map.of("name", "Pat New"));
    assertEquals(before, emulator.contact(id).orElseThrow().updatedAt().getEpochSecond());
  }

  @Test
  void update_nullAttribute_clearsIt() {
    String id = emulator.addContact(SeedContact.user("c@example.com", "4").withAttribute("positions", "President"));

    Map<String, Object> attrs = new java.util.HashMap<>();
    attrs.put("positions", null);
    http.put("/contacts/" + id, Map.of("custom_attributes", attrs));

    assertNull(emulator.contact(id).orElseThrow().attribute("positions"));
  }

  @Test
  void update_toAnotherUsersEmail_conflicts() {
    String taken = emulator.addContact(SeedContact.user("taken@example.com", "1"));
    String id = emulator.addContact(SeedContact.user("mine@example.com", "2"));

    Http.Response r = http.put("/contacts/" + id, Map.of("email", "TAKEN@example.com"));

    assertEquals(409, r.status());
    assertEquals("A contact matching those details already exists with id=" + taken, r.errorMessage());
  }

  @Test
  void update_leadToUser_isAllowed_andTakesExternalId() {
    String id = emulator.addContact(SeedContact.lead("lead@example.com"));

    Http.Response r = http.put("/contacts/" + id, Map.of("role", "user", "external_id", "42"));

    assertEquals(200, r.status());
    assertEquals("user", r.body().get("role").asText());
    assertEquals("42", r.body().get("external_id").asText());
    assertEquals(200, http.get("/contacts/find_by_external_id/42").status());
  }

  @Test
  void update_externalIdOnLead_isIgnored() {
    String id = emulator.addContact(SeedContact.lead("lead@example.com"));

    Http.Response r = http.put("/contacts/" + id, Map.of("external_id", "42"));

    assertEquals(200, r.status());
    assertTrue(r.body().get("external_id").isNull());
  }

  @Test
  void update_userToLead_isRefused() {
    String id = emulator.addContact(SeedContact.user("u@example.com", "1"));

    Http.Response r = http.put("/contacts/" + id, Map.of("role", "lead"));

    assertEquals(400, r.status());
    assertEquals("user", emulator.contact(id).orElseThrow().role());
  }

  @Test
  void archivedContact_isInvisibleToGetPutAndFindByExternalId() {
    String id = emulator.addContact(SeedContact.user("a@example.com", "8"));
    emulator.archive(id);

    assertEquals(404, http.get("/contacts/" + id).status());
    assertEquals("not_found", http.get("/contacts/" + id).errorCode());
    assertEquals(404, http.put("/contacts/" + id, Map.of("name", "x")).status());
    assertEquals(404, http.get("/contacts/find_by_external_id/8").status());
  }

  @Test
  void findByExternalId_findsUsersOnly() {
    String id = emulator.addContact(SeedContact.user("a@example.com", "100"));

    Http.Response r = http.get("/contacts/find_by_external_id/100");

    assertEquals(200, r.status());
    assertEquals(id, r.body().get("id").asText());
    assertEquals(404, http.get("/contacts/find_by_external_id/101").status());
  }

  @Test
  void archiveThenUnarchive_answerAsIntercom_andRestoreVisibility() {
    String id = emulator.addContact(SeedContact.user("a@example.com", "8"));

    Http.Response archived = http.post("/contacts/" + id + "/archive", null);
    assertEquals(200, archived.status());
    assertEquals(id, archived.body().get("id").asText());
    assertEquals("contact", archived.body().get("object").asText());
    assertTrue(archived.body().get("archived").asBoolean());
    assertEquals(ContactState.ARCHIVED, emulator.contact(id).orElseThrow().state());

    Http.Response unarchived = http.post("/contacts/" + id + "/unarchive", null);
    assertEquals(200, unarchived.status());
    assertFalse(unarchived.body().get("archived").asBoolean());
    assertEquals(200, http.get("/contacts/" + id).status());
  }

  @Test
  void block_overHttp_makesContactBlocked() {
    String id = emulator.addContact(SeedContact.user("a@example.com", "8"));

    Http.Response r = http.post("/contacts/" + id + "/block", null);

    assertEquals(200, r.status());
    assertTrue(r.body().get("blocked").asBoolean());
    assertEquals(ContactState.BLOCKED, emulator.contact(id).orElseThrow().state());
  }

  @Test
  void merge_leadIntoUser_removesLead_movesConversations_andKeepsUsersValues() {
    String user = emulator.addContact(SeedContact.user("m@example.com", "12").withName("Member Name"));
    String lead = emulator.addContact(SeedContact.lead("m@example.com").withName("Visitor").withPhone("+17654657031"));
    String conversation = emulator.addConversation(lead, "open", Map.of());

    Http.Response r = http.post("/contacts/merge", Map.of("from", lead, "into", user));

    assertEquals(200, r.status());
    assertEquals(user, r.body().get("id").asText());
    assertEquals("Member Name", r.body().get("name").asText());
    assertEquals("+17654657031", r.body().get("phone").asText());
    assertEquals(404, http.get("/contacts/" + lead).status());
    assertEquals(ContactState.MERGED, emulator.contact(lead).orElseThrow().state());
    assertEquals(user, emulator.contact(lead).orElseThrow().mergedInto());
    assertEquals(List.of(user), emulator.conversation(conversation).orElseThrow().contactIds());
  }

  @Test
  void merge_userIntoUser_orLeadIntoLead_isRefused() {
    String u1 = emulator.addContact(SeedContact.user("1@example.com", "1"));
    String u2 = emulator.addContact(SeedContact.user("2@example.com", "2"));
    String l1 = emulator.addContact(SeedContact.lead("3@example.com"));
    String l2 = emulator.addContact(SeedContact.lead("4@example.com"));

    assertEquals(400, http.post("/contacts/merge", Map.of("from", u1, "into", u2)).status());
    assertEquals(400, http.post("/contacts/merge", Map.of("from", l1, "into", l2)).status());
    assertEquals(400, http.post("/contacts/merge", Map.of("from", u1, "into", l1)).status());
    assertEquals(4, emulator.contacts().size());
  }

  @Test
  void unknownContact_answers404NotFound() {
    Http.Response r = http.get("/contacts/0123456789abcdef01234567");

    assertEquals(404, r.status());
    assertEquals("not_found", r.errorCode());
  }
}
