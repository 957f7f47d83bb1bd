package org.natca.intercom.sandbox.emulator;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A conversation: its contacts, tags, data attributes (keyed by display name) and notes. */
public record EmulatedConversation(
    String id,
    String state,
    List<String> contactIds,
    List<EmulatedTag> tags,
    Map<String, Object> customAttributes,
    List<ConversationNote> notes,
    Instant createdAt,
    Instant updatedAt) {

  public EmulatedConversation {
    contactIds = List.copyOf(contactIds);
    tags = List.copyOf(tags);
    customAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(customAttributes));
    notes = List.copyOf(notes);
  }

  public boolean hasTag(String tagId) {
    return tags.stream().anyMatch(t -> t.id().equals(tagId));
  }

  public boolean hasTagNamed(String tagName) {
    return tags.stream().anyMatch(t -> t.name().equals(tagName));
  }
}
