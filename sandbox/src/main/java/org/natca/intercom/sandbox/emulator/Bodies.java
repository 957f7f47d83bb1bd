package org.natca.intercom.sandbox.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/** Reading and checking fields of request bodies, with Intercom's 400 answers for bad ones. */
final class Bodies {
  private static final Pattern E164 = Pattern.compile("\\+[0-9]{8,15}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private Bodies() {}

  static ObjectNode object(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiError.invalid("The request body must be a JSON object");
    }
    return (ObjectNode) body;
  }

  /** A string field; null when absent or null. */
  static String text(ObjectNode in, String field) {
    JsonNode n = in.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw ApiError.invalid(field + " must be a string", field);
    }
    return n.asText();
  }

  /** A field that must be there; numbers are taken as their text (Intercom accepts both for ids). */
  static String required(ObjectNode in, String field) {
    JsonNode n = in.get(field);
    if (n == null || n.isNull() || !n.isValueNode() || n.asText().isBlank()) {
      throw new ApiError(400, "parameter_not_found", field + " not specified", field);
    }
    return n.asText();
  }

  static String role(JsonNode n) {
    String r = n.isTextual() ? n.asText() : "";
    if (!r.equals("user") && !r.equals("lead")) {
      throw ApiError.invalid("role must be either user or lead", "role");
    }
    return r;
  }

  static String externalId(ObjectNode in) {
    JsonNode n = in.get("external_id");
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw ApiError.invalid("external_id must be a string", "external_id");
    }
    return n.asText();
  }

  static String phone(ObjectNode in) {
    JsonNode n = in.get("phone");
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual() || !E164.matcher(n.asText()).matches()) {
      // The number itself stays out of the message: clients log error messages.
      throw ApiError.invalid("The phone number is invalid: expected E.164 format, e.g. +14155550100", "phone");
    }
    return n.asText();
  }

  static String email(ObjectNode in) {
    String email = text(in, "email");
    if (email != null && !EMAIL.matcher(email).matches()) {
      throw ApiError.invalid("The email address is invalid", "email");
    }
    return email;
  }
}
