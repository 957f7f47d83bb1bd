package org.natca.intercom.client.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.natca.intercom.client.model.Admin;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.client.model.Conversation;
import org.natca.intercom.client.model.DataAttribute;
import org.natca.intercom.client.model.SearchQuery;
import org.natca.intercom.client.model.Tag;
import org.natca.intercom.client.paging.Page;

/**
 * Maps Intercom's JSON to the records in {@code client.model} and back. Reading is lenient: a field
 * Intercom leaves out or sends as null becomes null (or 0 for times), unknown fields are ignored.
 */
public final class IntercomJson {

  private final ObjectMapper mapper;

  public IntercomJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return mapper.missingNode();
    }
    try {
      return mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Intercom answered with JSON that cannot be read", e);
    }
  }

  public byte[] bytes(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ObjectNode object() {
    return mapper.createObjectNode();
  }

  // ---- reading

  /** One contact, every custom attribute kept; the same reading as {@link #contactPage}, so the two cannot drift. */
  public Contact contact(JsonNode n) {
    try (JsonParser p = n.traverse(mapper)) {
      p.nextToken();
      return ContactParser.contact(p, null);
    } catch (IOException e) {
      throw new UncheckedIOException("Intercom answered with a contact that cannot be read", e);
    }
  }

  /**
   * A page of contacts read straight from the body, token by token: of each contact only its fields
   * and the custom attributes named in {@code attributes} (null: all) are kept. Other apps'
   * attributes and the rest of each contact are skipped as they stream past, never held.
   */
  public Page<Contact> contactPage(String body, Set<String> attributes) {
    if (body == null || body.isBlank()) {
      return new Page<>(List.of(), null);
    }
    try (JsonParser p = mapper.createParser(body)) {
      return ContactParser.page(p, attributes);
    } catch (IOException e) {
      throw new UncheckedIOException("Intercom answered with a page of contacts that cannot be read", e);
    }
  }

  public Conversation conversation(JsonNode n) {
    List<String> contactIds = new ArrayList<>();
    for (JsonNode c : n.path("contacts").path("contacts")) {
      String id = text(c, "id");
      if (id != null) {
        contactIds.add(id);
      }
    }
    List<Tag> tags = new ArrayList<>();
    for (JsonNode t : n.path("tags").path("tags")) {
      tags.add(tag(t));
    }
    List<String> notes = new ArrayList<>();
    for (JsonNode part : n.path("conversation_parts").path("conversation_parts")) {
      if ("note".equals(text(part, "part_type")) && text(part, "body") != null) {
        notes.add(text(part, "body"));
      }
    }
    return new Conversation(
        text(n, "id"), text(n, "state"), contactIds, tags, attributes(n.path("custom_attributes")), notes);
  }

  public Tag tag(JsonNode n) {
    return new Tag(text(n, "id"), text(n, "name"));
  }

  public Admin admin(JsonNode n) {
    return new Admin(text(n, "id"), text(n, "name"), text(n, "email"), text(n.path("app"), "id_code"));
  }

  public DataAttribute dataAttribute(JsonNode n) {
    return new DataAttribute(
        text(n, "name"), text(n, "model"), text(n, "data_type"), n.path("custom").asBoolean(false));
  }

  /** The items of a list answer ({@code data}, or {@code field} for lists Intercom names otherwise). */
  public <T> List<T> list(JsonNode n, String field, Function<JsonNode, T> item) {
    List<T> out = new ArrayList<>();
    for (JsonNode e : n.path(field)) {
      out.add(item.apply(e));
    }
    return out;
  }

  /** A page of a cursor-paged list: items under {@code data}, cursor at {@code pages.next.starting_after}. */
  public <T> Page<T> page(JsonNode n, Function<JsonNode, T> item) {
    return page(n, "data", item);
  }

  /** As {@link #page(JsonNode, Function)}, for lists whose items are under another field ("conversations"). */
  public <T> Page<T> page(JsonNode n, String field, Function<JsonNode, T> item) {
    return new Page<>(list(n, field, item), text(n.path("pages").path("next"), "starting_after"));
  }

  // ---- writing

  /** The body of a create or update: null fields are left out, so an update leaves them as they are. */
  public ObjectNode draft(ContactDraft d) {
    ObjectNode o = mapper.createObjectNode();
    putIfPresent(o, "role", d.role());
    putIfPresent(o, "email", d.email());
    putIfPresent(o, "external_id", d.externalId());
    putIfPresent(o, "name", d.name());
    putIfPresent(o, "phone", d.phone());
    if (!d.customAttributes().isEmpty()) {
      ObjectNode attrs = o.putObject("custom_attributes");
      d.customAttributes().forEach((k, v) -> {
        if (v != null) {
          attrs.put(k, v);
        }
      });
    }
    return o;
  }

  public ObjectNode query(SearchQuery q) {
    ObjectNode o = mapper.createObjectNode();
    if (q instanceof SearchQuery.Filter f) {
      o.put("field", f.field());
      o.put("operator", f.operator());
      o.set("value", mapper.valueToTree(f.value()));
    } else if (q instanceof SearchQuery.Group g) {
      o.put("operator", g.operator());
      ArrayNode parts = o.putArray("value");
      for (SearchQuery part : g.value()) {
        parts.add(query(part));
      }
    }
    return o;
  }

  /** {@code {"query": ..., "pagination": {"per_page": n, "starting_after": cursor}}}. */
  public ObjectNode search(SearchQuery q, int perPage, String cursor) {
    ObjectNode o = mapper.createObjectNode();
    o.set("query", query(q));
    ObjectNode pagination = o.putObject("pagination");
    pagination.put("per_page", perPage);
    if (cursor != null) {
      pagination.put("starting_after", cursor);
    }
    return o;
  }

  // ---- helpers

  private static void putIfPresent(ObjectNode o, String field, String value) {
    if (value != null) {
      o.put(field, value);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || v.isMissingNode() ? null : v.asText();
  }

  private Map<String, Object> attributes(JsonNode n) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (n.isObject()) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        out.put(e.getKey(), scalar(e.getValue()));
      }
    }
    return out;
  }

  private static Object scalar(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return null;
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isIntegralNumber()) {
      return v.canConvertToLong() ? (Object) v.longValue() : v.bigIntegerValue();
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    // Objects and arrays are not attribute types Intercom has, but keep them readable.
    return v.toString();
  }
}
