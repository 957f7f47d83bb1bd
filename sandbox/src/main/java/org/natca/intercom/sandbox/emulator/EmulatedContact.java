package org.natca.intercom.sandbox.emulator;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A contact as the emulator holds it, whatever its state. {@code customAttributes} holds only the
 * attributes that have a value (String, Number or Boolean); {@code mergedInto} is set for merged leads.
 */
public record EmulatedContact(
    String id,
    String role,
    String email,
    String externalId,
    String name,
    String phone,
    Map<String, Object> customAttributes,
    Instant createdAt,
    Instant updatedAt,
    ContactState state,
    String mergedInto) {

  public EmulatedContact {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(state, "state");
    customAttributes = customAttributes == null
        ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(customAttributes));
  }

  public boolean isLive() {
    return state == ContactState.ACTIVE;
  }

  public boolean isUser() {
    return "user".equals(role);
  }

  public boolean isLead() {
    return "lead".equals(role);
  }

  /** A custom attribute as a string, or null when absent. */
  public String attribute(String attributeName) {
    Object v = customAttributes.get(attributeName);
    return v == null ? null : v.toString();
  }

  EmulatedContact withState(ContactState newState, Instant at) {
    return new EmulatedContact(id, role, email, externalId, name, phone, customAttributes, createdAt, at, newState, mergedInto);
  }

  EmulatedContact merged(String into, Instant at) {
    return new EmulatedContact(id, role, email, externalId, name, phone, customAttributes, createdAt, at, ContactState.MERGED, into);
  }
}
