package org.natca.intercom.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotificationTest {

  static Notification parse(String json) throws InvalidNotificationException {
    return Notification.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parse_readsIdTopicAndItem() throws Exception {
    Notification n = parse("{\"type\":\"notification_event\",\"id\":\"notif_1\",\"topic\":\"conversation.user.replied\","
        + "\"created_at\":1700000000,\"data\":{\"type\":\"notification_event_data\",\"item\":{\"id\":\"123\"}}}");

    assertEquals("notif_1", n.id());
    assertEquals(Topics.USER_REPLIED, n.topic());
    assertEquals(1700000000L, n.createdAt());
    assertEquals("123", n.item().path("id").asText());
    assertEquals(n.id(), Notification.parseStored(n.payload()).id(), "the stored form parses again");
  }

  @Test
  void parse_pingMayHaveANullId() throws Exception {
    Notification n = parse("{\"type\":\"notification_event\",\"id\":null,\"topic\":\"ping\",\"data\":{\"item\":{}}}");

    assertTrue(n.isPing());
    assertNull(n.id());
  }

  @Test
  void payload_escapesControlCharacters_soTheDatabaseCanHoldIt() throws Exception {
    Notification n = parse("{\"type\":\"notification_event\",\"id\":\"n\",\"topic\":\"t\",\"data\":{\"item\":{\"id\":\"a\\u0000b\"}}}");

    assertTrue(n.payload().contains("\\u0000"), n.payload());
    assertEquals("a\u0000b", Notification.parseStored(n.payload()).item().path("id").asText());
  }

  @Test
  void aLargeNotification_isStoredAsWhatTheHandlersRead_whateverItsSize() throws Exception {
    String part = "{\"type\":\"conversation_part\",\"id\":\"p\",\"body\":\"<p>" + "long message ".repeat(2_000) + "</p>\"}";
    StringBuilder parts = new StringBuilder();
    while (parts.length() < 900_000) {
      parts.append(parts.length() == 0 ? "" : ",").append(part);
    }
    String body = "{\"type\":\"notification_event\",\"app_id\":\"app\",\"id\":\"notif_big\",\"topic\":\"conversation_part.tag.created\","
        + "\"delivery_status\":\"pending\",\"links\":{},\"created_at\":1700000000,\"data\":{\"type\":\"notification_event_data\","
        + "\"item\":{\"type\":\"conversation\",\"id\":\"c1\",\"source\":{\"body\":\"" + "x".repeat(100_000) + "\"},"
        + "\"contacts\":{\"type\":\"contact.list\",\"contacts\":[{\"type\":\"contact\",\"id\":\"u1\"}]},"
        + "\"conversation_parts\":{\"conversation_parts\":[" + parts + "]},"
        + "\"tags_added\":{\"type\":\"tag.list\",\"tags\":[{\"type\":\"tag\",\"id\":\"7\",\"name\":\"mynatca-sync\"}]},"
        + "\"custom_attributes\":{\"Member Number Verification\":\"12\"}}}}";
    assertTrue(body.length() > 1_000_000 && body.length() < 1 << 20, "a body just under 1 MiB: " + body.length());

    Notification n = parse(body);

    assertTrue(n.payload().length() < 600, "stored form: " + n.payload().length() + " chars: " + n.payload());
    assertEquals("notif_big", n.id());
    assertEquals(1700000000L, n.createdAt());
    assertEquals("c1", n.item().path("id").asText());
    assertEquals("u1", n.item().path("contacts").path("contacts").path(0).path("id").asText());
    assertEquals("mynatca-sync", n.item().path("tags_added").path("tags").path(0).path("name").asText());
    assertTrue(n.item().path("source").isMissingNode() && n.item().path("conversation_parts").isMissingNode());
    Notification stored = Notification.parseStored(n.payload());
    assertEquals(n, stored, "the stored form reads back as the same notification");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "not json at all| the body is not JSON",
      "[1, 2]| the body is not a JSON object",
      "{\"type\":\"notification_event\",\"id\":\"n\",\"topic\":\"t\"} trailing| the body is not JSON",
      "{\"type\":\"conversation\",\"id\":\"n\",\"topic\":\"t\"}| the body is not a notification_event",
      "{\"id\":\"n\",\"topic\":\"t\"}| the body is not a notification_event",
      "{\"type\":\"notification_event\",\"id\":\"n\"}| the notification has no topic",
      "{\"type\":\"notification_event\",\"id\":\"n\",\"topic\":\"  \"}| the notification has no topic",
      "{\"type\":\"notification_event\",\"id\":\"n\",\"topic\":7}| the notification has no topic",
      "{\"type\":\"notification_event\",\"topic\":\"conversation.user.created\"}| the notification has no id",
      "{\"type\":\"notification_event\",\"id\":\"n\",\"id\":\"m\",\"topic\":\"t\"}| the body is not JSON",
      "{\"type\":\"notification_event\",\"id\":\"n\\u0000\",\"topic\":\"t\"}| the notification id holds control characters",
      "{\"type\":\"notification_event\",\"id\":\"n\\r\\nx\",\"topic\":\"t\"}| the notification id holds control characters",
      "{\"type\":\"notification_event\",\"id\":\"n\",\"topic\":\"t\",\"data\":{\"item\":{\"parts\":[{\"a\":1,\"a\":2}]}}}| the body is not JSON",
      "{\"type\":\"notification_event\",\"id\":\"n\",\"topic\":\"t\",\"data\":{\"item\":{\"parts\":[{\"a\":1}}}}| the body is not JSON",
      "{\"type\":\"notification_event\",\"id\":\"n\",\"topic\":\"t\",\"data\":{\"item\":{\"parts\":[tru]}}}| the body is not JSON",
      "[1, 2] x| the body is not JSON",
      "\"just a string\"| the body is not a JSON object",
  })
  void parse_refusesWhatIsNotANotification(String body, String reason) {
    InvalidNotificationException e = assertThrows(InvalidNotificationException.class, () -> parse(body));
    assertEquals(reason.strip(), e.getMessage());
  }

  @Test
  void parse_refusesInvalidUtf8() {
    byte[] body = "{\"type\":\"notification_event\",\"id\":\"n\",\"topic\":\"t\",\"x\":\"__\"}".getBytes(StandardCharsets.UTF_8);
    body[body.length - 4] = (byte) 0xC3;
    body[body.length - 3] = (byte) 0x28;

    assertThrows(InvalidNotificationException.class, () -> Notification.parse(body));
  }

  @Test
  void parse_refusesInvalidUtf8_orARawControlCharacter_inAPartThatIsNotKept() {
    byte[] body = ("{\"type\":\"notification_event\",\"id\":\"n\",\"topic\":\"t\",\"data\":{\"item\":{\"source\":"
        + "{\"body\":\"__\"}}}}").getBytes(StandardCharsets.UTF_8);
    int at = new String(body, StandardCharsets.UTF_8).indexOf("__");
    body[at] = (byte) 0xC3;
    body[at + 1] = (byte) 0x28;
    assertThrows(InvalidNotificationException.class, () -> Notification.parse(body));

    body[at] = 'a';
    body[at + 1] = 0x01;
    assertThrows(InvalidNotificationException.class, () -> Notification.parse(body));
  }

  @Test
  void parse_refusesAnOverlongId() {
    String id = "n".repeat(Notification.MAX_ID_LENGTH + 1);

    assertThrows(InvalidNotificationException.class,
        () -> parse("{\"type\":\"notification_event\",\"id\":\"" + id + "\",\"topic\":\"t\"}"));
  }
}
