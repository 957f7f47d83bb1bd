package org.natca.intercom.sandbox.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.natca.intercom.sandbox.emulator.IntercomEmulator;
import org.natca.intercom.sandbox.emulator.SeedContact;

class WebhookNotificationsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void signature_isHexHmacSha1_rfc2202Vector() {
    assertEquals("sha1=effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
        WebhookNotifications.signature("what do ya want for nothing?", "Jefe"));
  }

  @Test
  void tagAdded_wrapsTheConversation_withTagsAddedWhenNamed() throws Exception {
    try (IntercomEmulator intercom = IntercomEmulator.start()) {
      String contact = intercom.addContact(SeedContact.lead("asker@example.com"));
      String tag = intercom.addTag("mynatca-sync");
      String conversation = intercom.addConversation(contact, "open", Map.of(), tag);

      JsonNode withAdded = JSON.readTree(WebhookNotifications.tagAdded(intercom, "notif_1", conversation, "mynatca-sync"));
      JsonNode without = JSON.readTree(WebhookNotifications.tagAdded(intercom, "notif_2", conversation));

      assertEquals("notification_event", withAdded.get("type").asText());
      assertEquals("notif_1", withAdded.get("id").asText());
      assertEquals(WebhookNotifications.TAG_CREATED, withAdded.get("topic").asText());
      assertEquals(conversation, withAdded.at("/data/item/id").asText());
      assertEquals(contact, withAdded.at("/data/item/contacts/contacts/0/id").asText());
      assertEquals(tag, withAdded.at("/data/item/tags_added/tags/0/id").asText());
      assertEquals("mynatca-sync", withAdded.at("/data/item/tags_added/tags/0/name").asText());
      assertFalse(without.at("/data/item").has("tags_added"));
    }
  }

  @Test
  void ping_hasANullId() throws Exception {
    JsonNode ping = JSON.readTree(WebhookNotifications.ping());

    assertEquals("ping", ping.get("topic").asText());
    assertTrue(ping.get("id").isNull());
  }
}
