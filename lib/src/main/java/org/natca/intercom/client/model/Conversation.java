package org.natca.intercom.client.model;

import java.util.List;
import java.util.Map;

/**
 * A conversation: its contacts' ids (from contacts.contacts[].id), its tags (tags.tags[]), its
 * data attributes, keyed by display name ("Member Number Verification"), and the bodies of its
 * internal notes (conversation_parts of part_type note, as {@code GET /conversations/{id}} lists them).
 */
public record Conversation(
    String id,
    String state,
    List<String> contactIds,
    List<Tag> tags,
    Map<String, Object> customAttributes,
    List<String> noteBodies) {

  public Conversation {
    contactIds = contactIds == null ? List.of() : List.copyOf(contactIds);
    tags = tags == null ? List.of() : List.copyOf(tags);
    customAttributes = customAttributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(customAttributes));
    noteBodies = noteBodies == null ? List.of() : List.copyOf(noteBodies);
  }

  public Conversation(String id, String state, List<String> contactIds, List<Tag> tags, Map<String, Object> customAttributes) {
    this(id, state, contactIds, tags, customAttributes, List.of());
  }

  /** Whether an internal note holds {@code text} (a marker an earlier attempt wrote). */
  public boolean hasNoteContaining(String text) {
    return noteBodies.stream().anyMatch(b -> b != null && b.contains(text));
  }

  public String firstContactId() {
    return contactIds.isEmpty() ? null : contactIds.get(0);
  }
}
