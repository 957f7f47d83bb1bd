package org.natca.intercom.sandbox.emulator;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A contact placed straight into the emulator by a test ({@link IntercomEmulator#addContact}).
 * Seeding skips the API's checks (uniqueness, defined attributes, phone format) so a test can build
 * the messy workspaces found in the wild; {@code createdAt} null means "now" on the emulator's clock.
 */
public record SeedContact(
    String role,
    String email,
    String externalId,
    String name,
    String phone,
    Map<String, Object> customAttributes,
    Instant createdAt) {

  public SeedContact {
    Objects.requireNonNull(role, "role");
    if (!"user".equals(role) && !"lead".equals(role)) {
      throw new IllegalArgumentException("role must be user or lead: " + role);
    }
    customAttributes = customAttributes == null
        ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(customAttributes));
  }

  public static SeedContact user(String email, String externalId) {
    return new SeedContact("user", email, externalId, null, null, Map.of(), null);
  }

  public static SeedContact lead(String email) {
    return new SeedContact("lead", email, null, null, null, Map.of(), null);
  }

  public SeedContact withName(String newName) {
    return new SeedContact(role, email, externalId, newName, phone, customAttributes, createdAt);
  }

  public SeedContact withPhone(String newPhone) {
    return new SeedContact(role, email, externalId, name, newPhone, customAttributes, createdAt);
  }

  public SeedContact withAttribute(String attribute, Object value) {
    Map<String, Object> m = new LinkedHashMap<>(customAttributes);
    m.put(attribute, value);
    return new SeedContact(role, email, externalId, name, phone, m, createdAt);
  }

  public SeedContact withAttributes(Map<String, ?> attributes) {
    Map<String, Object> m = new LinkedHashMap<>(customAttributes);
    m.putAll(attributes);
    return new SeedContact(role, email, externalId, name, phone, m, createdAt);
  }

  public SeedContact withCreatedAt(Instant at) {
    return new SeedContact(role, email, externalId, name, phone, customAttributes, at);
  }
}
