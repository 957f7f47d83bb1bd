package org.natca.intercom.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;

/**
 * One webhook notification: {@code {"type":"notification_event","id":"notif_…","topic":"…",
 * "data":{"item":{…}}}}. {@code id} is null only for {@code ping}; {@code item} is
 * {@code data.item} (a missing node when absent); {@code payload} is the whole notification as
 * normalised JSON text, which is what the inbox stores.
 */
public record Notification(String id, String topic, long createdAt, JsonNode item, String payload) {
  /** Longest id and topic taken; Intercom's are far shorter, and the id is a database key. */
  static final int MAX_ID_LENGTH = 200;

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  public Notification {
    item = item == null ? MissingNode.getInstance() : item;
  }

  public boolean isPing() {
    return Topics.PING.equals(topic);
  }

  /** @throws InvalidNotificationException when the bytes are not JSON or not a notification with a topic (and an id) */
  public static Notification parse(byte[] body) throws InvalidNotificationException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidNotificationException("the body is not JSON");
    } catch (IOException e) {
      throw new InvalidNotificationException("the body could not be read as JSON");
    }
    if (root == null || !root.isObject()) {
      throw new InvalidNotificationException("the body is not a JSON object");
    }
    if (!"notification_event".equals(root.path("type").asText(null))) {
      throw new InvalidNotificationException("the body is not a notification_event");
    }
    JsonNode topicNode = root.path("topic");
    if (!topicNode.isTextual() || topicNode.asText().isBlank() || topicNode.asText().length() > MAX_ID_LENGTH) {
      throw new InvalidNotificationException("the notification has no topic");
    }
    String topic = topicNode.asText().strip();
    JsonNode idNode = root.path("id");
    String id = idNode.isTextual() && !idNode.asText().isBlank() ? idNode.asText().strip() : null;
    if (id != null && id.length() > MAX_ID_LENGTH) {
      throw new InvalidNotificationException("the notification id is longer than " + MAX_ID_LENGTH + " characters");
    }
    if (id != null && hasControlCharacter(id)) {
      // a NUL cannot be stored in PostgreSQL text, and no real id has any of these: refused alone, before storing
      throw new InvalidNotificationException("the notification id holds control characters");
    }
    if (id == null && !Topics.PING.equals(topic)) {
      // the id is what makes a repeated delivery recognisable; without one it could be processed twice
      throw new InvalidNotificationException("the notification has no id");
    }
    String payload;
    try {
      // re-written by Jackson: always UTF-8 text that parses again, control characters escaped
      payload = JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new InvalidNotificationException("the body could not be read as JSON");
    }
    return new Notification(id, topic, root.path("created_at").asLong(0), root.path("data").path("item"), payload);
  }

  private static boolean hasControlCharacter(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) || Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** Parses a body stored earlier (it was valid when it came in). */
  public static Notification parseStored(String payload) {
    try {
      return parse(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (InvalidNotificationException e) {
      throw new IllegalStateException("a stored notification no longer parses: " + e.getMessage(), e);
    }
  }
}
