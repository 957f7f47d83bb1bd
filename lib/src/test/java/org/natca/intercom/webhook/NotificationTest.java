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
    Notification n = parse("{\"type\":\"notification_event\",\"id\":\"n\",\"topic\":\"t\",\"data\":{\"item\":{\"x\":\"a\\u0000b\"}}}");

    assertTrue(n.payload().contains("\\u0000"), n.payload());
    assertEquals("a\u0000b", Notification.parseStored(n.payload()).item().path("x").asText());
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
  void parse_refusesAnOverlongId() {
    String id = "n".repeat(Notification.MAX_ID_LENGTH + 1);

    assertThrows(InvalidNotificationException.class,
        () -> parse("{\"type\":\"notification_event\",\"id\":\"" + id + "\",\"topic\":\"t\"}"));
  }
}
