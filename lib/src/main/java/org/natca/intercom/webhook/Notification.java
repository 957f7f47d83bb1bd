package org.natca.intercom.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;

/**
 * One webhook notification: {@code {"type":"notification_event","id":"notif_…","topic":"…",
 * "data":{"item":{…}}}}. {@code id} is null only for {@code ping}; {@code item} is
 * {@code data.item} (a missing node when absent) as far as the toolkit reads it; {@code payload} is
 * what is kept of the notification (see {@link #parse}) as JSON text, which is what the inbox stores.
 */
public record Notification(String id, String topic, long createdAt, JsonNode item, String payload) {
  /** Longest id and topic taken; Intercom's are far shorter, and the id is a database key. */
  static final int MAX_ID_LENGTH = 200;

  /** The envelope's fields that are kept (when they are not objects or arrays). */
  static final Set<String> ENVELOPE = Set.of("type", "app_id", "id", "topic", "created_at", "first_sent_at", "delivery_attempts");
  /**
   * Of {@code data.item} (a conversation, for the handled topics), what the handlers read: its id
   * and type, its contacts (enrichment), the tags added (the re-sync) and its tags. Everything else
   * is read from Intercom when needed, as it is then. A handler that needs another field adds it here.
   */
  static final Set<String> ITEM = Set.of("type", "id", "created_at", "updated_at", "contacts", "tags_added", "tags");

  /** Trailing tokens are refused by {@link #parse} itself: subtrees are read with this mid-stream. */
  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  public Notification {
    item = item == null ? MissingNode.getInstance() : item;
  }

  public boolean isPing() {
    return Topics.PING.equals(topic);
  }

  /**
   * Reads a delivery and keeps what the toolkit acts on.
   *
   * <p>The whole body must be one JSON object (no duplicate keys, nothing after it, valid UTF-8), but
   * only the envelope's scalars ({@link #ENVELOPE}) and {@code data.item}'s {@link #ITEM} fields are
   * built into the notification; everything else (a conversation's messages, its parts, padding) is
   * checked by the streaming parser and skipped without being copied. So the stored form stays small
   * however large the body: a 1 MiB notification costs the inbox a row of a few hundred bytes.
   *
   * @throws InvalidNotificationException when the bytes are not JSON or not a notification with a topic (and an id)
   */
  public static Notification parse(byte[] body) throws InvalidNotificationException {
    return parse(ReceivedBody.of(body));
  }

  /** As {@link #parse(byte[])}, reading the pieces in turn. */
  public static Notification parse(ReceivedBody body) throws InvalidNotificationException {
    ObjectNode root;
    try (JsonParser p = JSON.createParser(body.stream())) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        if (first != null) {
          p.skipChildren();
          p.nextToken(); // so that "[1, 2] x" is refused as not JSON
        }
        throw new InvalidNotificationException("the body is not a JSON object");
      }
      root = keep(p, ENVELOPE, "data");
      if (p.nextToken() != null) {
        throw new InvalidNotificationException("the body is not JSON");
      }
    } catch (JsonProcessingException e) {
      throw new InvalidNotificationException("the body is not JSON");
    } catch (IOException e) {
      throw new InvalidNotificationException("the body could not be read as JSON");
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
      // written by Jackson: always UTF-8 text that parses again, control characters escaped
      payload = JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new InvalidNotificationException("the body could not be read as JSON");
    }
    return new Notification(id, topic, root.path("created_at").asLong(0), root.path("data").path("item"), payload);
  }

  /**
   * The object the parser is in (its START_OBJECT read): the scalar fields named in {@code scalars},
   * and {@code nested}, an object, kept by {@link #keepData}; every other value skipped.
   */
  private static ObjectNode keep(JsonParser p, Set<String> scalars, String nested) throws IOException {
    ObjectNode kept = JSON.createObjectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (name.equals(nested) && value == JsonToken.START_OBJECT) {
        kept.set(name, keepData(p));
      } else if (scalars.contains(name) && value.isScalarValue()) {
        kept.set(name, JSON.readTree(p));
      } else {
        p.skipChildren(); // a scalar (a long string too) is passed over without being built
      }
    }
    return kept;
  }

  /** {@code data}: its {@code type}, and of its {@code item} (an object) the {@link #ITEM} fields, whole. */
  private static ObjectNode keepData(JsonParser p) throws IOException {
    ObjectNode data = JSON.createObjectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if ("type".equals(name) && value.isScalarValue()) {
        data.set(name, JSON.readTree(p));
      } else if ("item".equals(name) && value == JsonToken.START_OBJECT) {
        ObjectNode item = JSON.createObjectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          if (ITEM.contains(field)) {
            item.set(field, JSON.readTree(p));
          } else {
            p.skipChildren();
          }
        }
        data.set(name, item);
      } else {
        p.skipChildren();
      }
    }
    return data;
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
