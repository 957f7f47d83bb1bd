package org.natca.intercom.client.model;

import java.util.Map;

/**
 * What we write to a contact, on create (POST /contacts) or update (PUT /contacts/{id}, partial).
 * A null field is left out of the request body, so an update leaves that field as it is in Intercom.
 */
public record ContactDraft(
    String role,
    String email,
    String externalId,
    String name,
    String phone,
    Map<String, String> customAttributes) {

  public ContactDraft {
    customAttributes = customAttributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(customAttributes));
  }

  public ContactDraft withPhone(String newPhone) {
    return new ContactDraft(role, email, externalId, name, newPhone, customAttributes);
  }

  public ContactDraft withRole(String newRole) {
    return new ContactDraft(newRole, email, externalId, name, phone, customAttributes);
  }

  public ContactDraft withEmail(String newEmail) {
    return new ContactDraft(role, newEmail, externalId, name, phone, customAttributes);
  }

  public ContactDraft withoutExternalId() {
    return new ContactDraft(role, email, null, name, phone, customAttributes);
  }
}
