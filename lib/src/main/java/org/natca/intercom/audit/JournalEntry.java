package org.natca.intercom.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;

/**
 * One write of an audit run, as a line of its journal. {@code before} holds the contact's fields as
 * read before the write, {@code after} what was written, both with Intercom's field names
 * ({@code email}, {@code external_id}, {@code custom_attributes}, ...), so an undo can put back exactly
 * the fields that were written. {@code contactId} is null only for {@link #CREATE_ATTRIBUTE} and for a
 * create not confirmed. {@code outcome}: each write is journaled {@code intended} before it is sent,
 * then {@code done} or {@code failed} (Intercom refused it: nothing changed) once Intercom answered, or
 * {@code unknown} when the answer was lost; a write still {@code intended} at the end of the journal (the
 * process died) reads as {@code unknown}. An undo reads the contact as it is now for an unknown outcome.
 */
public record JournalEntry(
    Instant time,
    String action,
    String contactId,
    Integer memberNumber,
    String reason,
    boolean undoable,
    String outcome,
    Map<String, Object> before,
    Map<String, Object> after) {

  public static final String ARCHIVE = "archive";
  public static final String UPDATE = "update";
  public static final String MERGE = "merge";
  public static final String CREATE = "create";
  /** A custom contact attribute the member data needs was created; {@code contactId} is null. */
  public static final String CREATE_ATTRIBUTE = "create-attribute";
  public static final Set<String> ACTIONS = Set.of(ARCHIVE, UPDATE, MERGE, CREATE, CREATE_ATTRIBUTE);
  public static final String DONE = "done";
  public static final String UNKNOWN = "unknown";
  /** Journaled before the write is sent; replaced by the outcome's line once it is known. */
  public static final String INTENDED = "intended";
  /** Intercom refused the write: nothing to undo. */
  public static final String FAILED = "failed";
  public static final Set<String> OUTCOMES = Set.of(DONE, UNKNOWN, INTENDED, FAILED);

  public JournalEntry {
    before = before == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(before));
    after = after == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(after));
  }

  public JournalEntry withOutcome(String newOutcome) {
    return new JournalEntry(time, action, contactId, memberNumber, reason, undoable, newOutcome, before, after);
  }

  /** The contact's fields as read, under Intercom's names. Holds personal data: the journal is a backup. */
  public static Map<String, Object> fields(Contact c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("role", c.role());
    m.put("email", c.email());
    m.put("external_id", c.externalId());
    m.put("name", c.name());
    m.put("phone", c.phone());
    m.put("custom_attributes", new LinkedHashMap<>(c.customAttributes()));
    return m;
  }

  /** The fields a draft writes (null ones are not sent, so they are not here either). */
  public static Map<String, Object> fields(ContactDraft d) {
    Map<String, Object> m = new LinkedHashMap<>();
    putIfPresent(m, "role", d.role());
    putIfPresent(m, "email", d.email());
    putIfPresent(m, "external_id", d.externalId());
    putIfPresent(m, "name", d.name());
    putIfPresent(m, "phone", d.phone());
    Map<String, Object> attributes = new LinkedHashMap<>();
    d.customAttributes().forEach((k, v) -> {
      if (v != null) {
        attributes.put(k, v);
      }
    });
    if (!attributes.isEmpty()) {
      m.put("custom_attributes", attributes);
    }
    return m;
  }

  private static void putIfPresent(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
