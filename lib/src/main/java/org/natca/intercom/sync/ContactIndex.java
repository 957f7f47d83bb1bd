package org.natca.intercom.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.member.Emails;
import org.natca.intercom.member.Member;

/**
 * The workspace's visible contacts, indexed by external id and by lower-cased email. Only the contacts
 * a member could be matched to are held: a workspace of 100,000 contacts may have 20,000 members.
 */
public final class ContactIndex {
  private final Map<String, Contact> byExternalId = new HashMap<>();
  private final Map<String, List<Contact>> byEmail = new HashMap<>();
  private int size;
  private int kept;

  /** Every contact that has an email or a user's external id (the others can never be found). */
  public static ContactIndex of(Iterable<Contact> contacts) {
    return of(contacts, c -> true);
  }

  /** As {@link #of(Iterable)}, holding only the contacts {@code relevant} accepts. */
  public static ContactIndex of(Iterable<Contact> contacts, Predicate<Contact> relevant) {
    ContactIndex index = new ContactIndex();
    for (Contact c : contacts) {
      index.size++;
      if (relevant.test(c)) {
        index.add(c);
      }
    }
    return index;
  }

  /**
   * Contacts that could be one of these members': a user whose external id is one of their numbers, or
   * a contact with one of their emails. Any other contact is never a candidate of theirs.
   */
  public static Predicate<Contact> relevantTo(Collection<Member> members) {
    Set<String> numbers = new HashSet<>();
    Set<String> emails = new HashSet<>();
    for (Member m : members) {
      numbers.add(Integer.toString(m.memberNumber()));
      String key = Emails.key(m.email());
      if (key != null) {
        emails.add(key);
      }
    }
    return c -> c.isUser() && c.externalId() != null && numbers.contains(c.externalId())
        || emails.contains(Emails.key(c.email()));
  }

  private void add(Contact c) {
    boolean held = false;
    if (c.isUser() && c.externalId() != null && !c.externalId().isEmpty()) {
      held = byExternalId.putIfAbsent(c.externalId(), c) == null;
    }
    String key = Emails.key(c.email());
    if (key != null) {
      byEmail.computeIfAbsent(key, k -> new ArrayList<>(1)).add(c);
      held = true;
    }
    if (held) {
      kept++;
    }
  }

  /** Contacts read. */
  public int size() {
    return size;
  }

  /** Contacts held: those that could be a member's. */
  public int kept() {
    return kept;
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
