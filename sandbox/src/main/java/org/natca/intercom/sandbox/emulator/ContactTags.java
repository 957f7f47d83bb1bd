package org.natca.intercom.sandbox.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which tags each contact carries, in the order they were attached. Not thread-safe: the workspace
 * calls it under its lock. A tag stays with an archived contact (and is back when it is unarchived).
 */
final class ContactTags {
  private final Map<String, LinkedHashSet<String>> byContact = new HashMap<>();

  /** True when the contact did not carry the tag before. */
  boolean attach(String contactId, String tagId) {
    return byContact.computeIfAbsent(contactId, k -> new LinkedHashSet<>()).add(tagId);
  }

  /** True when the contact carried the tag. */
  boolean detach(String contactId, String tagId) {
    Set<String> tags = byContact.get(contactId);
    if (tags == null || !tags.remove(tagId)) {
      return false;
    }
    if (tags.isEmpty()) {
      byContact.remove(contactId);
    }
    return true;
  }

  List<String> of(String contactId) {
    Set<String> tags = byContact.get(contactId);
    return tags == null ? List.of() : new ArrayList<>(tags);
  }

  boolean has(String contactId, String tagId) {
    Set<String> tags = byContact.get(contactId);
    return tags != null && tags.contains(tagId);
  }
}
