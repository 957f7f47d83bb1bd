package org.natca.intercom.sandbox.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.natca.intercom.sandbox.emulator.IntercomEmulator;

/**
 * Webhook notifications as Intercom sends them, for tests, demos and the benchmark: the
 * {@code notification_event} envelope around a conversation rendered by the emulator, and the
 * {@code X-Hub-Signature} that signs it.
 */
public final class WebhookNotifications {
  public static final String USER_CREATED = "conversation.user.created";
  public static final String USER_REPLIED = "conversation.user.replied";
  public static final String TAG_CREATED = "conversation_part.tag.created";
  public static final String SIGNATURE_HEADER = "X-Hub-Signature";

  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookNotifications() {}

  /** {@code {"type":"notification_event","id":...,"topic":...,"data":{"type":"notification_event_data","item":...}}}. */
  public static String envelope(String id, String topic, JsonNode item) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", "notification_event");
    n.put("app_id", "sandboxapp");
    n.put("id", id);
    n.put("topic", topic);
    n.put("delivery_status", "pending");
    n.put("delivery_attempts", 1);
    n.putNull("delivered_at");
    n.put("first_sent_at", System.currentTimeMillis() / 1000);
    n.put("created_at", System.currentTimeMillis() / 1000);
    ObjectNode data = n.putObject("data");
    data.put("type", "notification_event_data");
    data.set("item", item);
    n.putNull("links");
    n.putNull("self");
    return write(n);
  }

  /** A notification whose item is the emulator's conversation, as it is now (user.created, user.replied, ...). */
  public static String conversationEvent(IntercomEmulator intercom, String id, String topic, String conversationId) {
    return envelope(id, topic, read(intercom.conversationJson(conversationId)));
  }

  /**
   * {@code conversation_part.tag.created} for a conversation that carries the tags already; with
   * {@code tags_added} naming {@code addedTagNames} (the older payload shape), or without it when none are given.
   */
  public static String tagAdded(IntercomEmulator intercom, String id, String conversationId, String... addedTagNames) {
    ObjectNode item = (ObjectNode) read(intercom.conversationJson(conversationId));
    if (addedTagNames.length > 0) {
      ObjectNode added = item.putObject("tags_added");
      added.put("type", "tag.list");
      ArrayNode tags = added.putArray("tags");
      for (String name : addedTagNames) {
        String tagId = intercom.tags().stream().filter(t -> t.name().equals(name)).map(t -> t.id()).findFirst()
            .orElse("0");
        tags.addObject().put("type", "tag").put("id", tagId).put("name", name);
      }
    }
    return envelope(id, TAG_CREATED, item);
  }

  /** The URL check Intercom sends when a subscription is saved; its id may be null. */
  public static String ping() {
    ObjectNode item = JSON.createObjectNode();
    item.put("type", "ping");
    item.put("message", "something something interzen");
    ObjectNode n = (ObjectNode) read(envelope("notif_ping", "ping", item));
    n.putNull("id");
    return write(n);
  }

  /** {@code sha1=<hex HMAC-SHA1 of the body, keyed with the client secret>}. */
  public static String signature(byte[] body, String clientSecret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return "sha1=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }

  public static String signature(String body, String clientSecret) {
    return signature(body.getBytes(StandardCharsets.UTF_8), clientSecret);
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String write(JsonNode n) {
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
