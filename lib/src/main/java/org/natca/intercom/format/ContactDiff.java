package org.natca.intercom.format;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.natca.intercom.member.Emails;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;

/**
 * Which fields of a contact a draft would change. The nightly sync calls a contact "unchanged" when
 * this is empty, so it must not report a difference Intercom would not see (no churn) and must not miss
 * one it would.
 */
public final class ContactDiff {
  private ContactDiff() {}

  /**
   * Names of the fields whose desired value differs: {@code role}, {@code email} (trimmed,
   * case-insensitive), {@code external_id}, {@code name}, {@code phone}, and
   * {@code custom_attributes.<name>} for each desired attribute (compared as strings, null equal to
   * {@code ""}). A null desired field is not sent, so it never differs. Empty: nothing to send.
   */
  public static List<String> changedFields(Contact actual, ContactDraft desired) {
    List<String> changed = new ArrayList<>();
    if (desired.role() != null && !desired.role().equals(actual.role())) {
      changed.add("role");
    }
    if (desired.email() != null && !Objects.equals(Emails.key(desired.email()), Emails.key(actual.email()))) {
      changed.add("email");
    }
    if (desired.externalId() != null && !desired.externalId().equals(actual.externalId())) {
      changed.add("external_id");
    }
    if (desired.name() != null && !desired.name().equals(actual.name())) {
      changed.add("name");
    }
    if (desired.phone() != null && !desired.phone().equals(actual.phone())) {
      changed.add("phone");
    }
    for (Map.Entry<String, String> attribute : desired.customAttributes().entrySet()) {
      String want = attribute.getValue() == null ? "" : attribute.getValue();
      String have = asString(actual.customAttributes().get(attribute.getKey()));
      if (!want.equals(have)) {
        changed.add("custom_attributes." + attribute.getKey());
      }
    }
    return List.copyOf(changed);
  }

  /**
   * Only what differs, as a partial update: fields that already match are left out (null), and so are
   * matching custom attributes. Sending less means fewer chances for Intercom to object (an unchanged
   * email that an archived duplicate also holds, say). Empty when nothing differs.
   */
  public static ContactDraft changesOnly(Contact actual, ContactDraft desired) {
    List<String> changed = changedFields(actual, desired);
    java.util.Map<String, String> attributes = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> attribute : desired.customAttributes().entrySet()) {
      if (changed.contains("custom_attributes." + attribute.getKey())) {
        attributes.put(attribute.getKey(), attribute.getValue());
      }
    }
    return new ContactDraft(
        changed.contains("role") ? desired.role() : null,
        changed.contains("email") ? desired.email() : null,
        changed.contains("external_id") ? desired.externalId() : null,
        changed.contains("name") ? desired.name() : null,
        changed.contains("phone") ? desired.phone() : null,
        attributes);
  }

  /** An attribute value as its string; a whole number read from JSON as 12345.0 is "12345". */
  private static String asString(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      if (number == Math.rint(number) && Math.abs(number) < 0x1p53) {
        return Long.toString((long) number);
      }
    } else if (value instanceof BigDecimal) {
      BigDecimal number = (BigDecimal) value;
      if (number.signum() == 0 || number.stripTrailingZeros().scale() <= 0) {
        return number.toBigInteger().toString();
      }
    }
    return value.toString();
  }
}
