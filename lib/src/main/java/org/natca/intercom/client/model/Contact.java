package org.natca.intercom.client.model;

import java.util.Map;
import java.util.Objects;

/**
 * A contact as Intercom returns it. {@code customAttributes} values are what the JSON held
 * (String, Number, Boolean or null). Times are Unix seconds (0 when absent).
 */
public record Contact(
    String id,
    String role,
    String email,
    String externalId,
    String name,
    String phone,
    Map<String, Object> customAttributes,
    long createdAt,
    long updatedAt) {

  public Contact {
    Objects.requireNonNull(id, "id");
    // most contacts of a grown workspace are leads without any of the toolkit's attributes: share one empty map
    customAttributes = customAttributes == null || customAttributes.isEmpty()
        ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(customAttributes));
  }

  public boolean isLead() {
    return "lead".equals(role);
  }

  public boolean isUser() {
    return "user".equals(role);
  }

  /** A custom attribute as a string, or null when absent or null. */
  public String attribute(String name) {
    Object v = customAttributes.get(name);
    return v == null ? null : v.toString();
  }
}
