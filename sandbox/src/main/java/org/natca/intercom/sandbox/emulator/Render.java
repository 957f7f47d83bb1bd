package org.natca.intercom.sandbox.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** The JSON shapes of Intercom API 2.14, field names and nesting as the real answers have them. */
final class Render {
  static final ObjectMapper JSON = new ObjectMapper();

  private Render() {}

  /** Shows at most this many of a contact's tags, as Intercom does; the rest behind {@code url}. */
  static final int CONTACT_TAGS_SHOWN = 10;

  static ObjectNode contact(EmulatedContact c) {
    return contact(c, List.of());
  }

  static ObjectNode contact(EmulatedContact c, List<EmulatedTag> tags) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", "contact");
    o.put("id", c.id());
    o.put("workspace_id", IntercomEmulator.WORKSPACE_ID);
    o.put("external_id", c.externalId());
    o.put("role", c.role());
    // the description types email as a non-nullable string: a contact without one shows ""
    o.put("email", c.email() == null ? "" : c.email());
    o.put("phone", c.phone());
    o.put("name", c.name());
    o.putNull("avatar");
    o.putNull("owner_id");
    o.set("social_profiles", JSON.createObjectNode().put("type", "list").set("data", JSON.createArrayNode()));
    o.put("has_hard_bounced", false);
    o.put("marked_email_as_spam", false);
    o.put("unsubscribed_from_emails", false);
    o.put("created_at", c.createdAt().getEpochSecond());
    o.put("updated_at", c.updatedAt().getEpochSecond());
    if (c.isUser()) {
      o.put("signed_up_at", c.createdAt().getEpochSecond());
    } else {
      o.putNull("signed_up_at");
    }
    for (String f : List.of("last_seen_at", "last_replied_at", "last_contacted_at", "last_email_opened_at",
        "last_email_clicked_at", "language_override", "browser", "browser_version", "browser_language", "os")) {
      o.putNull(f);
    }
    ObjectNode location = o.putObject("location");
    location.put("type", "location");
    for (String f : List.of("country", "region", "city", "country_code", "continent_code")) {
      location.putNull(f);
    }
    ObjectNode attrs = o.putObject("custom_attributes");
    c.customAttributes().forEach((k, v) -> attrs.set(k, JSON.valueToTree(v)));
    for (String list : List.of("tags", "notes", "companies")) {
      ObjectNode l = o.putObject(list);
      l.put("type", "list");
      ArrayNode items = l.putArray("data");
      int total = 0;
      if (list.equals("tags")) {
        // contact_tags: addressable items (type, id, url), no name; at most ten, has_more tells
        for (EmulatedTag t : tags.subList(0, Math.min(tags.size(), CONTACT_TAGS_SHOWN))) {
          items.addObject().put("type", "tag").put("id", t.id()).put("url", "/tags/" + t.id());
        }
        total = tags.size();
      }
      l.put("url", "/contacts/" + c.id() + "/" + list);
      l.put("total_count", total);
      l.put("has_more", total > items.size());
    }
    return o;
  }

  static ObjectNode contactPage(Page<EmulatedContact> page) {
    return contactPage(page, id -> List.of());
  }

  static ObjectNode contactPage(Page<EmulatedContact> page, Function<String, List<EmulatedTag>> tagsOf) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", "list");
    ArrayNode data = o.putArray("data");
    page.data().forEach(c -> data.add(contact(c, tagsOf.apply(c.id()))));
    o.put("total_count", page.total());
    o.set("pages", pages(page));
    return o;
  }

  /** Intercom's archive/unarchive answer; {@code object} is what older answers carried, {@code type} newer ones. */
  static ObjectNode archived(EmulatedContact c, boolean archived) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", c.id());
    o.put("external_id", c.externalId());
    o.put("type", "contact");
    o.put("object", "contact");
    o.put("archived", archived);
    return o;
  }

  static ObjectNode blocked(EmulatedContact c) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", c.id());
    o.put("external_id", c.externalId());
    o.put("type", "contact");
    o.put("object", "contact");
    o.put("blocked", true);
    return o;
  }

  static ObjectNode conversation(EmulatedConversation c, Function<String, EmulatedContact> contacts, Admin admin, boolean withParts) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", "conversation");
    o.put("id", c.id());
    o.put("created_at", c.createdAt().getEpochSecond());
    o.put("updated_at", c.updatedAt().getEpochSecond());
    o.putNull("waiting_since");
    o.putNull("snoozed_until");
    ObjectNode source = o.putObject("source");
    source.put("type", "conversation");
    source.put("id", "4039" + c.id().substring(Math.max(0, c.id().length() - 5)));
    source.put("delivered_as", "customer_initiated");
    source.put("subject", "");
    source.put("body", "<p>Hello</p>");
    String first = c.contactIds().isEmpty() ? null : c.contactIds().get(0);
    ObjectNode author = source.putObject("author");
    if (first == null) {
      // no contact: an admin started it (the description's author.id is a non-nullable string)
      author.put("type", "admin");
      author.put("id", admin.id());
    } else {
      author.put("type", "user");
      author.put("id", first);
    }
    source.set("attachments", JSON.createArrayNode());
    source.putNull("url");
    source.put("redacted", false);
    ObjectNode people = o.putObject("contacts");
    people.put("type", "contact.list");
    ArrayNode list = people.putArray("contacts");
    for (String id : c.contactIds()) {
      EmulatedContact contact = contacts.apply(id);
      ObjectNode ref = list.addObject();
      ref.put("type", "contact");
      ref.put("id", id);
      ref.put("external_id", contact == null ? null : contact.externalId());
    }
    o.putNull("first_contact_reply");
    o.putNull("admin_assignee_id");
    o.putNull("team_assignee_id");
    o.put("open", c.state().equals("open"));
    o.put("state", c.state());
    o.put("read", false);
    ObjectNode tags = o.putObject("tags");
    tags.put("type", "tag.list");
    ArrayNode tagList = tags.putArray("tags");
    for (EmulatedTag t : c.tags()) {
      tagList.add(tag(t, admin.id(), c.updatedAt()));
    }
    o.put("priority", "not_priority");
    o.putNull("sla_applied");
    o.putNull("statistics");
    o.putNull("conversation_rating");
    o.putNull("teammates");
    o.putNull("title");
    ObjectNode attrs = o.putObject("custom_attributes");
    c.customAttributes().forEach((k, v) -> attrs.set(k, JSON.valueToTree(v)));
    o.set("topics", JSON.createObjectNode());
    o.putNull("ticket");
    if (withParts) {
      ObjectNode parts = o.putObject("conversation_parts");
      parts.put("type", "conversation_part.list");
      ArrayNode array = parts.putArray("conversation_parts");
      for (ConversationNote n : c.notes()) {
        ObjectNode p = array.addObject();
        p.put("type", "conversation_part");
        p.put("id", n.id());
        p.put("part_type", "note");
        p.put("body", n.body());
        p.put("created_at", n.createdAt().getEpochSecond());
        p.put("updated_at", n.createdAt().getEpochSecond());
        p.put("notified_at", n.createdAt().getEpochSecond());
        // no assigned_to: the description types it as a (non-nullable) object, and a note assigns no one
        ObjectNode by = p.putObject("author");
        by.put("type", "admin");
        by.put("id", admin.id());
        by.put("name", admin.name());
        by.put("email", admin.email());
        p.set("attachments", JSON.createArrayNode());
        p.putNull("external_id");
        p.put("redacted", false);
      }
      parts.put("total_count", c.notes().size());
    }
    return o;
  }

  static ObjectNode conversationPage(Page<EmulatedConversation> page, Function<String, EmulatedContact> contacts, Admin admin) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", "conversation.list");
    o.set("pages", pages(page));
    o.put("total_count", page.total());
    ArrayNode list = o.putArray("conversations");
    page.data().forEach(c -> list.add(conversation(c, contacts, admin, false)));
    return o;
  }

  static ObjectNode tag(EmulatedTag t, String adminId, Instant appliedAt) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", "tag");
    o.put("id", t.id());
    o.put("name", t.name());
    if (appliedAt != null) {
      o.put("applied_at", appliedAt.getEpochSecond());
      ObjectNode by = o.putObject("applied_by");
      by.put("type", "admin");
      by.put("id", adminId);
    }
    return o;
  }

  /** {@code GET /contacts/{id}/tags}: the tags with their names. */
  static ObjectNode contactTagList(List<EmulatedTag> tags) {
    return tagList(tags);
  }

  static ObjectNode tagList(List<EmulatedTag> tags) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", "list");
    ArrayNode data = o.putArray("data");
    tags.forEach(t -> data.add(tag(t, null, null)));
    return o;
  }

  static ObjectNode attributeList(List<EmulatedAttribute> builtIn, List<AttributeCatalog.Custom> custom, String adminId) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", "list");
    ArrayNode data = o.putArray("data");
    for (EmulatedAttribute a : builtIn) {
      ObjectNode n = data.addObject();
      n.put("type", "data_attribute");
      n.put("name", a.name());
      n.put("full_name", a.name());
      n.put("label", a.name());
      n.put("description", "");
      n.put("data_type", a.dataType());
      n.put("api_writable", true);
      n.put("ui_writable", false);
      n.put("messenger_writable", false);
      n.put("custom", false);
      n.put("archived", false);
      n.put("model", a.model());
    }
    custom.forEach(a -> data.add(attribute(a, adminId)));
    return o;
  }

  static ObjectNode attribute(AttributeCatalog.Custom a, String adminId) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", a.id());
    n.put("type", "data_attribute");
    n.put("name", a.name());
    n.put("full_name", "custom_attributes." + a.name());
    n.put("label", a.name());
    n.put("description", a.description() == null ? "" : a.description());
    n.put("data_type", a.dataType());
    n.put("api_writable", true);
    n.put("ui_writable", true);
    n.put("messenger_writable", false);
    n.put("custom", true);
    n.put("archived", false);
    n.put("admin_id", adminId);
    n.put("created_at", a.createdAt().getEpochSecond());
    n.put("updated_at", a.createdAt().getEpochSecond());
    n.put("model", a.model());
    return n;
  }

  static ObjectNode admin(Admin admin) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", "admin");
    o.put("id", admin.id());
    o.put("email", admin.email());
    o.put("name", admin.name());
    o.put("email_verified", true);
    ObjectNode app = o.putObject("app");
    app.put("type", "app");
    app.put("id_code", IntercomEmulator.WORKSPACE_ID);
    app.put("name", "NATCA sandbox");
    app.put("created_at", 1_700_000_000L);
    app.put("secure", false);
    app.put("identity_verification", false);
    app.put("timezone", "Etc/UTC");
    app.put("region", "US");
    ObjectNode avatar = o.putObject("avatar");
    avatar.put("type", "avatar");
    avatar.putNull("image_url");
    o.put("has_inbox_seat", true);
    return o;
  }

  static ObjectNode error(String requestId, String code, String message, String field) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", "error.list");
    o.put("request_id", requestId);
    ObjectNode e = o.putArray("errors").addObject();
    e.put("code", code);
    e.put("message", message);
    if (field != null) {
      e.put("field", field);
    }
    return o;
  }

  private static ObjectNode pages(Page<?> page) {
    ObjectNode p = JSON.createObjectNode();
    p.put("type", "pages");
    String next = page.nextCursor();
    if (next != null) {
      ObjectNode n = p.putObject("next");
      n.put("page", page.page() + 1);
      n.put("starting_after", next);
    }
    p.put("page", page.page());
    p.put("per_page", page.perPage());
    p.put("total_pages", page.totalPages());
    return p;
  }

  /** The admin behind the token. */
  record Admin(String id, String name, String email) {}
}
