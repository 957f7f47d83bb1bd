package org.natca.intercom.client.model;

import java.util.List;
import java.util.Map;

/**
 * A conversation: its contacts' ids (from contacts.contacts[].id), its tags (tags.tags[]) and its
 * data attributes, keyed by display name ("Member Number Verification").
 */
public record Conversation(
    String id,
    String state,
    List<String> contactIds,
    List<Tag> tags,
    Map<String, Object> customAttributes) {

  public Conversation {
    contactIds = contactIds == null ? List.of() : List.copyOf(contactIds);
    tags = tags == null ? List.of() : List.copyOf(tags);
    customAttributes = customAttributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(customAttributes));
  }

  public String firstContactId() {
    return contactIds.isEmpty() ? null : contactIds.get(0);
  }
}
