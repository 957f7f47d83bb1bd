package org.natca.intercom.sandbox.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults scoped to one kind of request, and conversations rendered for webhook payloads. */
class ScopedFaultsTest {
  private IntercomEmulator emulator;
  private Http http;

  @BeforeEach
  void start() {
    emulator = IntercomEmulator.start();
    http = new Http(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void failMatching_failsOnlyThatMethodAndPath_countTimes_withoutApplying() {
    emulator.failMatching("post", "/contacts/search", 2, 500);
    Map<String, Object> search = Map.of("query", Map.of("field", "email", "operator", "=", "value", "a@example.com"));

    assertEquals(500, http.post("/contacts/search", search).status());
    assertEquals(200, http.get("/me").status(), "other requests go through");
    assertEquals(200, http.post("/contacts", Map.of("role", "user", "email", "a@example.com")).status());
    assertEquals(500, http.post("/contacts/search", search).status());
    assertEquals(200, http.post("/contacts/search", search).status(), "the count is used up");
  }

  @Test
  void clearFaults_dropsScopedFailures() {
    emulator.failMatching("GET", "/me", 5, 503);
    emulator.clearFaults();

    assertEquals(200, http.get("/me").status());
  }

  @Test
  void failMatching_refusesANonErrorStatus() {
    assertThrows(IllegalArgumentException.class, () -> emulator.failMatching("GET", "/me", 1, 200));
  }

  @Test
  void conversationJson_isWhatGetConversationAnswers_withoutParts() throws Exception {
    String contact = emulator.addContact(SeedContact.lead("asker@example.com"));
    String tag = emulator.addTag("mynatca-sync");
    String id = emulator.addConversation(contact, "open", Map.of("Member Number Verification", "12345"), tag);

    JsonNode rendered = Http.JSON.readTree(emulator.conversationJson(id));
    JsonNode fetched = http.get("/conversations/" + id).body();

    assertEquals(fetched.get("id"), rendered.get("id"));
    assertEquals(fetched.get("contacts"), rendered.get("contacts"));
    assertEquals(fetched.get("tags"), rendered.get("tags"));
    assertEquals(fetched.get("custom_attributes"), rendered.get("custom_attributes"));
    assertEquals(false, rendered.has("conversation_parts"));
    assertEquals(0, emulator.requests().size() - 1, "rendering is not a request");
    assertThrows(IllegalArgumentException.class, () -> emulator.conversationJson("404"));
  }
}
