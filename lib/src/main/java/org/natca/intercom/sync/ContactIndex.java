package org.natca.intercom.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.member.Emails;

/** The workspace's visible contacts, indexed by external id and by lower-cased email. */
public final class ContactIndex {
  private final Map<String, Contact> byExternalId = new HashMap<>();
  private final Map<String, List<Contact>> byEmail = new HashMap<>();
  private int size;

  public static ContactIndex of(Iterable<Contact> contacts) {
    ContactIndex index = new ContactIndex();
    for (Contact c : contacts) {
      index.add(c);
    }
    return index;
  }

  private void add(Contact c) {
    size++;
    if (c.isUser() && c.externalId() != null && !c.externalId().isEmpty()) {
      byExternalId.putIfAbsent(c.externalId(), c);
    }
    String key = Emails.key(c.email());
    if (key != null) {
      byEmail.computeIfAbsent(key, k -> new ArrayList<>(1)).add(c);
    }
  }

  public int size() {
    return size;
  }

  public Contact byExternalId(String externalId) {
    return byExternalId.get(externalId);
  }

  public List<Contact> byEmail(String email) {
    String key = Emails.key(email);
    return key == null ? List.of() : byEmail.getOrDefault(key, List.of());
  }

  /** Every contact that is this member's by external id or by email, the external-id one first. */
  public List<Contact> candidates(String externalId, String email) {
    Set<Contact> found = new LinkedHashSet<>();
    Contact byId = byExternalId(externalId);
    if (byId != null) {
      found.add(byId);
    }
    found.addAll(byEmail(email));
    return List.copyOf(found);
  }
}
