package org.natca.intercom.client.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.paging.Page;

/**
 * Reads contacts token by token, keeping only the fields a {@link Contact} has and, of its custom
 * attributes, only those named; everything else (other apps' attributes, location, social profiles,
 * tag and company lists) is skipped as it streams past, so a page never becomes a tree in memory.
 */
final class ContactParser {
  private ContactParser() {}

  /**
   * The contact whose START_OBJECT is the parser's current token; on return the current token is its
   * END_OBJECT. {@code attributes} null keeps every custom attribute.
   */
  static Contact contact(JsonParser p, Set<String> attributes) throws IOException {
    expect(p, JsonToken.START_OBJECT, "a contact");
    String id = null;
    String role = null;
    String email = null;
    String externalId = null;
    String name = null;
    String phone = null;
    long createdAt = 0;
    long updatedAt = 0;
    Map<String, Object> custom = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "id" -> id = text(p);
        case "role" -> role = role(text(p));
        case "email" -> email = blankToNull(text(p)); // a contact without email: "" or null
        case "external_id" -> externalId = text(p);
        case "name" -> name = text(p);
        case "phone" -> phone = text(p);
        case "created_at" -> createdAt = time(p);
        case "updated_at" -> updatedAt = time(p);
        case "custom_attributes" -> custom = attributes(p, attributes);
        default -> {
          if (value.isStructStart()) {
            p.skipChildren();
          }
        }
      }
    }
    if (id == null) {
      // Contact requires an id; say where instead of a bare NullPointerException
      throw new com.fasterxml.jackson.core.JsonParseException(p, "a contact without an id");
    }
    return new Contact(id, role, email, externalId, name, phone, custom, createdAt, updatedAt);
  }

  /**
   * A page of a list or search answer: the contacts under {@code data} and the cursor at
   * {@code pages.next.starting_after}. The parser is positioned before the first token.
   */
  static Page<Contact> page(JsonParser p, Set<String> attributes) throws IOException {
    List<Contact> items = new ArrayList<>();
    String next = null;
    if (p.nextToken() == null) {
      return new Page<>(items, null); // an empty body, as the tree reading treats it
    }
    expect(p, JsonToken.START_OBJECT, "a list of contacts");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("data") && value == JsonToken.START_ARRAY) {
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(contact(p, attributes));
        }
      } else if (field.equals("pages") && value == JsonToken.START_OBJECT) {
        next = nextCursor(p);
      } else if (value.isStructStart()) {
        p.skipChildren();
      }
    }
    return new Page<>(items, next);
  }

  /** {@code pages.next.starting_after}; older versions send {@code next} as a URL string, which has no cursor. */
  private static String nextCursor(JsonParser p) throws IOException {
    String cursor = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("next") && value == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String inner = p.currentName();
          JsonToken v = p.nextToken();
          if (inner.equals("starting_after")) {
            cursor = text(p);
          } else if (v.isStructStart()) {
            p.skipChildren();
          }
        }
      } else if (value.isStructStart()) {
        p.skipChildren();
      }
    }
    return cursor;
  }

  private static Map<String, Object> attributes(JsonParser p, Set<String> keep) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      if (p.currentToken().isStructStart()) {
        p.skipChildren();
      }
      return null;
    }
    Map<String, Object> out = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (keep != null && !keep.contains(name)) {
        if (value.isStructStart()) {
          p.skipChildren();
        }
        continue;
      }
      if (out == null) {
        out = new LinkedHashMap<>();
      }
      out.put(name, scalar(p));
    }
    return out;
  }

  /** String, Long (BigInteger when larger), Double, Boolean or null, as the JSON held it. */
  private static Object scalar(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : (Object) p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        // Objects and arrays are not attribute types Intercom has, but keep a kept one readable.
        return p.readValueAsTree().toString();
    }
  }

  private static String text(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t.isStructStart()) {
      p.skipChildren();
      return null;
    }
    return p.getText();
  }

  private static long time(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t.isNumeric()) {
      return p.getValueAsLong(0);
    }
    if (t.isStructStart()) {
      p.skipChildren();
      return 0;
    }
    return p.getValueAsLong(0);
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** One instance per role: 100,000 contacts need not carry 100,000 copies of "lead". */
  private static String role(String role) {
    if (role == null) {
      return null;
    }
    return switch (role) {
      case "user" -> "user";
      case "lead" -> "lead";
      default -> role;
    };
  }

  private static void expect(JsonParser p, JsonToken token, String what) throws IOException {
    if (p.currentToken() != token) {
      throw new com.fasterxml.jackson.core.JsonParseException(p, "expected " + what + ", got " + p.currentToken());
    }
  }
}
