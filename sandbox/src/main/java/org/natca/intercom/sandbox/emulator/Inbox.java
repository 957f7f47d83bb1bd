package org.natca.intercom.sandbox.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Tags, conversations and notes of the emulated workspace, and the admin behind the token. Shares the workspace's lock. */
final class Inbox {
  static final Set<String> STATES = Set.of("open", "closed", "snoozed");

  private final Object lock;
  private final Clock clock;
  private final Ids ids;
  private final Workspace contacts;
  private final String adminId;
  private final Map<String, EmulatedTag> tags = new LinkedHashMap<>();
  private final Map<String, ConversationRecord> conversations = new LinkedHashMap<>();
  private final TreeMap<Long, ConversationRecord> bySeq = new TreeMap<>();
  private long nextSeq = 1;

  private static final class ConversationRecord {
    final long seq;
    final String id;
    String state;
    final List<String> contactIds = new ArrayList<>();
    final Map<String, EmulatedTag> tags = new LinkedHashMap<>();
    final Map<String, Object> customAttributes = new LinkedHashMap<>();
    final List<ConversationNote> notes = new ArrayList<>();
    final Instant createdAt;
    Instant updatedAt;

    ConversationRecord(long seq, String id, String state, Instant at) {
      this.seq = seq;
      this.id = id;
      this.state = state;
      this.createdAt = at;
      this.updatedAt = at;
    }

    EmulatedConversation view() {
      return new EmulatedConversation(id, state, contactIds, new ArrayList<>(tags.values()), customAttributes, notes,
          createdAt, updatedAt);
    }
  }

  Inbox(Object lock, Clock clock, Ids ids, Workspace contacts, String adminId) {
    this.lock = lock;
    this.clock = clock;
    this.ids = ids;
    this.contacts = contacts;
    this.adminId = adminId;
  }

  // ---------------------------------------------------------------- direct API

  String addTag(String name) {
    synchronized (lock) {
      return tagNamed(name).id();
    }
  }

  Optional<EmulatedTag> tag(String id) {
    synchronized (lock) {
      return Optional.ofNullable(tags.get(id));
    }
  }

  List<EmulatedTag> tags() {
    synchronized (lock) {
      return List.copyOf(tags.values());
    }
  }

  void addParticipant(String conversationId, String contactId) {
    synchronized (lock) {
      if (contacts.find(contactId).isEmpty()) {
        throw new IllegalArgumentException("no contact " + contactId);
      }
      ConversationRecord c = conversations.get(conversationId);
      if (c == null) {
        throw new IllegalArgumentException("no conversation " + conversationId);
      }
      if (!c.contactIds.contains(contactId)) {
        c.contactIds.add(contactId);
      }
    }
  }

  String addConversation(String contactId, String state, Map<String, ?> customAttributes, String... tagIds) {
    synchronized (lock) {
      if (contactId != null && contacts.find(contactId).isEmpty()) {
        throw new IllegalArgumentException("no contact " + contactId);
      }
      if (!STATES.contains(state)) {
        throw new IllegalArgumentException("state must be one of " + STATES + ": " + state);
      }
      ConversationRecord c = new ConversationRecord(nextSeq++, ids.conversationId(), state, clock.instant());
      if (contactId != null) {
        c.contactIds.add(contactId);
      }
      if (customAttributes != null) {
        c.customAttributes.putAll(customAttributes);
      }
      for (String tagId : tagIds) {
        EmulatedTag t = tags.get(tagId);
        if (t == null) {
          throw new IllegalArgumentException("no tag " + tagId);
        }
        c.tags.put(tagId, t);
      }
      conversations.put(c.id, c);
      bySeq.put(c.seq, c);
      return c.id;
    }
  }

  Optional<EmulatedConversation> find(String id) {
    synchronized (lock) {
      ConversationRecord c = conversations.get(id);
      return c == null ? Optional.empty() : Optional.of(c.view());
    }
  }

  List<EmulatedConversation> all() {
    synchronized (lock) {
      List<EmulatedConversation> out = new ArrayList<>();
      for (ConversationRecord c : bySeq.values()) {
        out.add(c.view());
      }
      return out;
    }
  }

  /** A merged lead's conversations now belong to the user. Called under the lock. */
  void moveContact(String from, String into) {
    for (ConversationRecord c : conversations.values()) {
      int i = c.contactIds.indexOf(from);
      if (i >= 0) {
        if (c.contactIds.contains(into)) {
          c.contactIds.remove(i);
        } else {
          c.contactIds.set(i, into);
        }
      }
    }
  }

  // ---------------------------------------------------------------- HTTP API

  EmulatedConversation get(String id) {
    synchronized (lock) {
      return conversation(id).view();
    }
  }

  Page<EmulatedConversation> search(JsonNode query, int perPage, Cursor after) {
    QueryFilter.validate(query, Inbox::searchField);
    synchronized (lock) {
      int total = 0;
      List<EmulatedConversation> data = new ArrayList<>();
      long lastSeq = 0;
      boolean more = false;
      long from = after == null ? 0 : after.seq();
      for (ConversationRecord c : bySeq.values()) {
        EmulatedConversation view = c.view();
        if (!QueryFilter.matches(query, view, Inbox::conversationField)) {
          continue;
        }
        total++;
        if (c.seq <= from) {
          continue;
        }
        if (data.size() < perPage) {
          data.add(view);
          lastSeq = c.seq;
        } else {
          more = true;
        }
      }
      return new Page<>(data, total, perPage, after == null ? 1 : after.page() + 1, more ? lastSeq : null);
    }
  }

  EmulatedTag tagConversation(String id, JsonNode body) {
    ObjectNode in = Bodies.object(body);
    synchronized (lock) {
      ConversationRecord c = conversation(id);
      checkAdmin(in);
      EmulatedTag t = tags.get(Bodies.required(in, "id"));
      if (t == null) {
        throw new ApiError(404, "tag_not_found", "Tag not found");
      }
      if (c.tags.put(t.id(), t) == null) {
        c.updatedAt = clock.instant();
      }
      return t;
    }
  }

  EmulatedTag untagConversation(String id, String tagId, JsonNode body) {
    ObjectNode in = Bodies.object(body);
    synchronized (lock) {
      ConversationRecord c = conversation(id);
      checkAdmin(in);
      EmulatedTag t = c.tags.remove(tagId);
      if (t == null) {
        throw new ApiError(404, "tag_not_found", "Tag not found");
      }
      c.updatedAt = clock.instant();
      return t;
    }
  }

  EmulatedConversation reply(String id, JsonNode body) {
    ObjectNode in = Bodies.object(body);
    synchronized (lock) {
      ConversationRecord c = conversation(id);
      String messageType = Bodies.required(in, "message_type");
      if (!messageType.equals("note")) {
        // A comment would message the member; the toolkit only ever writes internal notes.
        throw ApiError.invalid("The sandbox only accepts message_type note, got " + messageType, "message_type");
      }
      if (!"admin".equals(Bodies.required(in, "type"))) {
        throw ApiError.invalid("A note must be written by type admin", "type");
      }
      checkAdmin(in);
      String text = Bodies.required(in, "body");
      Instant now = clock.instant();
      c.notes.add(new ConversationNote(ids.noteId(), adminId, text, now));
      c.updatedAt = now;
      return c.view();
    }
  }

  EmulatedTag createTag(JsonNode body) {
    ObjectNode in = Bodies.object(body);
    String name = Bodies.required(in, "name");
    synchronized (lock) {
      return tagNamed(name);
    }
  }

  // ---------------------------------------------------------------- internals

  private EmulatedTag tagNamed(String name) {
    for (EmulatedTag t : tags.values()) {
      // Intercom's tag names are case insensitive: POST /tags with another case answers the same tag
      if (t.name().equalsIgnoreCase(name)) {
        return t;
      }
    }
    EmulatedTag t = new EmulatedTag(ids.tagId(), name);
    tags.put(t.id(), t);
    return t;
  }

  private ConversationRecord conversation(String id) {
    ConversationRecord c = conversations.get(id);
    if (c == null) {
      throw ApiError.notFound("Conversation not found");
    }
    return c;
  }

  private void checkAdmin(ObjectNode in) {
    String given = Bodies.required(in, "admin_id");
    if (!given.equals(adminId)) {
      throw new ApiError(404, "admin_not_found", "Admin not found");
    }
  }

  private static QueryFilter.Kind searchField(String field) {
    switch (field) {
      case "id": case "state":
        return QueryFilter.Kind.TEXT;
      case "contact_ids": case "tag_ids":
        return QueryFilter.Kind.LIST;
      case "created_at": case "updated_at":
        return QueryFilter.Kind.DATE;
      case "open":
        return QueryFilter.Kind.ANY;
      default:
        return field.startsWith("custom_attributes.") ? QueryFilter.Kind.ANY : null;
    }
  }

  private static QueryFilter.Value conversationField(EmulatedConversation c, String field) {
    switch (field) {
      case "id":
        return QueryFilter.Value.text(c.id(), false);
      case "state":
        return QueryFilter.Value.text(c.state(), false);
      case "open":
        return QueryFilter.Value.of(c.state().equals("open"));
      case "contact_ids":
        return QueryFilter.Value.many(c.contactIds());
      case "tag_ids":
        return QueryFilter.Value.many(c.tags().stream().map(EmulatedTag::id).toList());
      case "created_at":
        return QueryFilter.Value.date(c.createdAt());
      case "updated_at":
        return QueryFilter.Value.date(c.updatedAt());
      default:
        return QueryFilter.Value.of(c.customAttributes().get(field.substring("custom_attributes.".length())));
    }
  }
}
