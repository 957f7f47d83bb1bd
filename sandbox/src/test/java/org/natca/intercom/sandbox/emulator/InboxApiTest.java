package org.natca.intercom.sandbox.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Conversations, tags, notes, data attributes, /me and unknown routes. */
class InboxApiTest {
  private IntercomEmulator emulator;
  private Http http;
  private String contact;
  private String syncTag;

  @BeforeEach
  void start() {
    emulator = IntercomEmulator.start();
    http = new Http(emulator);
    contact = emulator.addContact(SeedContact.lead("asker@example.com"));
    syncTag = emulator.addTag("mynatca-sync");
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void me_namesTheAdmin() {
    Http.Response r = http.get("/me");

    assertEquals(200, r.status());
    assertEquals("admin", r.body().get("type").asText());
    assertEquals(emulator.adminId(), r.body().get("id").asText());
    assertFalse(r.body().get("email").asText().isEmpty());
    assertEquals(emulator.appId(), r.body().get("app").get("id_code").asText(), "the status page links into this app");
  }

  @Test
  void getConversation_hasContactsTagsAndDisplayNamedAttributes() {
    String id = emulator.addConversation(contact, "open", Map.of("Member Number Verification", "12345"), syncTag);

    Http.Response r = http.get("/conversations/" + id);

    assertEquals(200, r.status());
    assertEquals("conversation", r.body().get("type").asText());
    assertEquals(id, r.body().get("id").asText());
    assertEquals("open", r.body().get("state").asText());
    assertTrue(r.body().get("open").asBoolean());
    assertEquals(contact, r.body().at("/contacts/contacts/0/id").asText());
    assertEquals("tag.list", r.body().at("/tags/type").asText());
    assertEquals(syncTag, r.body().at("/tags/tags/0/id").asText());
    assertEquals("mynatca-sync", r.body().at("/tags/tags/0/name").asText());
    assertEquals("12345", r.body().at("/custom_attributes/Member Number Verification").asText());
    assertEquals(404, http.get("/conversations/999").status());
    assertEquals("not_found", http.get("/conversations/999").errorCode());
  }

  @Test
  void searchConversations_byContactAndState() {
    String other = emulator.addContact(SeedContact.user("x@example.com", "1"));
    emulator.addConversation(contact, "open", Map.of());
    emulator.addConversation(contact, "closed", Map.of());
    emulator.addConversation(contact, "snoozed", Map.of());
    emulator.addConversation(other, "open", Map.of());

    Http.Response open = http.post("/conversations/search", Map.of(
        "query", Map.of("operator", "AND", "value", List.of(
            Map.of("field", "contact_ids", "operator", "=", "value", contact),
            Map.of("field", "state", "operator", "=", "value", "open"))),
        "pagination", Map.of("per_page", 1)));
    // a group holds only filters or only groups (the description's oneOf): states with IN, not a nested OR
    Http.Response openOrSnoozed = http.post("/conversations/search", Map.of(
        "query", Map.of("operator", "AND", "value", List.of(
            Map.of("field", "contact_ids", "operator", "=", "value", contact),
            Map.of("field", "state", "operator", "IN", "value", List.of("open", "snoozed"))))));

    assertEquals(200, open.status());
    assertEquals("conversation.list", open.body().get("type").asText());
    assertEquals(1, open.body().get("total_count").asInt());
    assertEquals(contact, open.body().at("/conversations/0/contacts/contacts/0/id").asText());
    assertEquals(2, openOrSnoozed.body().get("total_count").asInt());
  }

  @Test
  void untag_withAdmin_removesTag_andTagPutsItBack() {
    String id = emulator.addConversation(contact, "open", Map.of(), syncTag);

    Http.Response removed = http.delete("/conversations/" + id + "/tags/" + syncTag, Map.of("admin_id", emulator.adminId()));
    assertEquals(200, removed.status());
    assertEquals("tag", removed.body().get("type").asText());
    assertFalse(emulator.conversation(id).orElseThrow().hasTag(syncTag));
    assertEquals(404, http.delete("/conversations/" + id + "/tags/" + syncTag, Map.of("admin_id", emulator.adminId())).status());

    Http.Response added = http.post("/conversations/" + id + "/tags", Map.of("id", syncTag, "admin_id", Long.parseLong(emulator.adminId())));
    assertEquals(200, added.status());
    emulator.expectViolations(1, "[Path '/admin_id'] Instance type (integer)"); // tolerated, but not what the description allows
    assertTrue(emulator.conversation(id).orElseThrow().hasTagNamed("mynatca-sync"));
  }

  @Test
  void tagging_withoutOrWithWrongAdmin_isRefused() {
    String id = emulator.addConversation(contact, "open", Map.of(), syncTag);

    assertEquals(400, http.delete("/conversations/" + id + "/tags/" + syncTag, Map.of()).status());
    assertEquals(404, http.delete("/conversations/" + id + "/tags/" + syncTag, Map.of("admin_id", "1")).status());
    assertTrue(emulator.conversation(id).orElseThrow().hasTag(syncTag));
    emulator.expectViolations(1, "missing required properties ([\"admin_id\"])");
  }

  @Test
  void replyNote_isStored_andShownAsConversationPart() {
    String id = emulator.addConversation(contact, "open", Map.of());

    Http.Response r = http.post("/conversations/" + id + "/reply", Map.of("message_type", "note", "type", "admin",
        "admin_id", emulator.adminId(), "body", "Synced member 12345"));

    assertEquals(200, r.status());
    JsonNode part = r.body().at("/conversation_parts/conversation_parts/0");
    assertEquals("note", part.get("part_type").asText());
    assertEquals("Synced member 12345", part.get("body").asText());
    List<ConversationNote> notes = emulator.conversation(id).orElseThrow().notes();
    assertEquals(1, notes.size());
    assertEquals("Synced member 12345", notes.get(0).body());
    assertEquals(emulator.adminId(), notes.get(0).adminId());
  }

  @Test
  void replyComment_isRefused_soNothingReachesTheMember() {
    String id = emulator.addConversation(contact, "open", Map.of());

    Http.Response r = http.post("/conversations/" + id + "/reply", Map.of("message_type", "comment", "type", "admin",
        "admin_id", emulator.adminId(), "body", "hi"));

    assertEquals(400, r.status());
    assertTrue(emulator.conversation(id).orElseThrow().notes().isEmpty());
  }

  @Test
  void tags_listsTags() {
    emulator.addTag("vip");

    Http.Response r = http.get("/tags");

    assertEquals("list", r.body().get("type").asText());
    List<String> names = new ArrayList<>();
    r.body().get("data").forEach(t -> names.add(t.get("name").asText()));
    assertEquals(List.of("mynatca-sync", "vip"), names);
  }

  @Test
  void dataAttributes_contractAttributesAreNotPredefined_andCanBeCreatedOnce() {
    Http.Response before = http.get("/data_attributes?model=contact");
    assertEquals("list", before.body().get("type").asText());
    assertTrue(names(before).contains("email"));
    assertFalse(names(before).contains("member_number"));

    Http.Response created = http.post("/data_attributes", Map.of("name", "member_number", "model", "contact", "data_type", "string"));
    assertEquals(200, created.status());
    assertEquals("data_attribute", created.body().get("type").asText());
    assertTrue(created.body().get("custom").asBoolean());
    assertEquals("custom_attributes.member_number", created.body().get("full_name").asText());

    JsonNode listed = find(http.get("/data_attributes?model=contact"), "member_number");
    assertEquals("contact", listed.get("model").asText());
    assertEquals("string", listed.get("data_type").asText());
    assertTrue(listed.get("custom").asBoolean());

    Http.Response again = http.post("/data_attributes", Map.of("name", "member_number", "model", "contact", "data_type", "string"));
    assertEquals(400, again.status());
    assertEquals("parameter_invalid", again.errorCode());
    assertTrue(emulator.hasAttribute("member_number"));
  }

  @Test
  void dataAttributes_badModelOrType_answer400() {
    assertEquals(400, http.post("/data_attributes", Map.of("name", "x", "model", "user", "data_type", "string")).status());
    assertEquals(400, http.post("/data_attributes", Map.of("name", "x", "model", "contact", "data_type", "mithril")).status());
    assertEquals(400, http.post("/data_attributes", Map.of("name", "email", "model", "contact", "data_type", "string")).status());
    emulator.expectViolations(2, "validation.request.body.schema");
  }

  @Test
  void predefineOption_definesTheFiveContractAttributes() {
    try (IntercomEmulator e = IntercomEmulator.start(EmulatorOptions.builder().predefineContractAttributes(true).build())) {
      for (String name : List.of("member_number", "member_type", "region", "facility", "positions")) {
        assertTrue(e.hasAttribute(name), name);
      }
    }
  }

  @Test
  void unknownRoutesAndMethods_answer404ErrorList() {
    for (Http.Response r : List.of(http.get("/nope"), http.send("PATCH", "/contacts", Map.of()),
        http.delete("/contacts/" + contact, null), http.get("/"))) {
      assertEquals(404, r.status());
      assertEquals("error.list", r.body().get("type").asText());
      assertEquals("not_found", r.errorCode());
    }
    emulator.expectViolations(4, "answered 404");
  }

  @Test
  void invalidJsonBody_answers400() {
    Http.Response r = http.post("/contacts", "{not json");

    assertEquals(400, r.status());
    assertEquals("error.list", r.body().get("type").asText());
    emulator.expectViolations(1, "Unable to parse JSON");
  }

  private static List<String> names(Http.Response r) {
    List<String> out = new ArrayList<>();
    r.body().get("data").forEach(a -> out.add(a.get("name").asText()));
    return out;
  }

  private static JsonNode find(Http.Response r, String name) {
    for (JsonNode a : r.body().get("data")) {
      if (a.get("name").asText().equals(name)) {
        return a;
      }
    }
    throw new AssertionError("no attribute " + name);
  }
}
