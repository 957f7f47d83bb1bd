package org.natca.intercom.sandbox.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Data attributes: the built-in contact ones and the custom ones created over the API. Only defined custom
 * attributes may be written to a contact, with a value of their type. Called with the workspace lock held.
 */
final class AttributeCatalog {
  static final List<String> CONTRACT_ATTRIBUTES = List.of("member_number", "member_type", "region", "facility", "positions");
  static final List<EmulatedAttribute> BUILT_IN = List.of(
      new EmulatedAttribute("name", "contact", "string", false),
      new EmulatedAttribute("email", "contact", "string", false),
      new EmulatedAttribute("phone", "contact", "string", false),
      new EmulatedAttribute("external_id", "contact", "string", false),
      new EmulatedAttribute("role", "contact", "string", false),
      new EmulatedAttribute("owner_id", "contact", "integer", false),
      new EmulatedAttribute("unsubscribed_from_emails", "contact", "boolean", false),
      new EmulatedAttribute("created_at", "contact", "date", false),
      new EmulatedAttribute("signed_up_at", "contact", "date", false),
      new EmulatedAttribute("updated_at", "contact", "date", false),
      new EmulatedAttribute("last_seen_at", "contact", "date", false));

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\- ]+");
  private static final Set<String> DATA_TYPES = Set.of("string", "integer", "float", "boolean", "date", "datetime");

  private final Clock clock;
  private final Map<String, Custom> custom = new LinkedHashMap<>();
  private int nextId = 30;

  AttributeCatalog(Clock clock) {
    this.clock = clock;
  }

  /** A custom data attribute and when it was made (for the list answer). */
  record Custom(int id, String name, String model, String dataType, String description, Instant createdAt) {
    EmulatedAttribute view() {
      return new EmulatedAttribute(name, model, dataType, true);
    }
  }

  Custom create(JsonNode body) {
    ObjectNode in = Bodies.object(body);
    String name = Bodies.required(in, "name");
    String model = in.hasNonNull("model") ? in.get("model").asText() : null;
    String dataType = in.hasNonNull("data_type") ? in.get("data_type").asText() : null;
    String description = in.hasNonNull("description") ? in.get("description").asText() : null;
    if (!"contact".equals(model) && !"company".equals(model)) {
      throw ApiError.invalid("The Data Attribute model field must be either contact or company", "model");
    }
    return create(name, model, dataType, description);
  }

  Custom create(String name, String model, String dataType, String description) {
    if (dataType == null || !DATA_TYPES.contains(dataType)) {
      throw ApiError.invalid("Data Type isn't an option", "data_type");
    }
    if (!NAME.matcher(name).matches()) {
      throw ApiError.invalid("Your name for this attribute must only contain alphanumeric characters, currency symbols,"
          + " and hyphens", "name");
    }
    boolean builtIn = model.equals("contact") && BUILT_IN.stream().anyMatch(a -> a.name().equals(name));
    if (builtIn || custom.containsKey(model + ":" + name)) {
      String data = model.equals("contact") ? "people" : "company";
      throw ApiError.invalid("You already have '" + name + "' in your " + data + " data. To save this as new "
          + data + " data, use a different name.", "name");
    }
    Custom a = new Custom(nextId++, name, model, dataType, description, clock.instant());
    custom.put(model + ":" + name, a);
    return a;
  }

  List<Custom> custom(String model) {
    List<Custom> out = new ArrayList<>();
    for (Custom a : custom.values()) {
      if (model == null || a.model().equals(model)) {
        out.add(a);
      }
    }
    return out;
  }

  List<EmulatedAttribute> contactAttributes() {
    List<EmulatedAttribute> out = new ArrayList<>(BUILT_IN);
    custom("contact").forEach(a -> out.add(a.view()));
    return out;
  }

  boolean isContactAttribute(String name) {
    return custom.containsKey("contact:" + name);
  }

  /** The contact's custom attributes after applying {@code custom_attributes} of a body (null clears one). */
  Map<String, Object> apply(ObjectNode in, Map<String, Object> existing) {
    Map<String, Object> out = new LinkedHashMap<>(existing);
    JsonNode attrs = in.get("custom_attributes");
    if (attrs == null || attrs.isNull()) {
      return out;
    }
    if (!attrs.isObject()) {
      throw ApiError.invalid("custom_attributes must be an object", "custom_attributes");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = attrs.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      Custom def = custom.get("contact:" + e.getKey());
      if (def == null) {
        throw new ApiError(400, "parameter_not_found", "Custom attribute '" + e.getKey() + "' does not exist",
            "custom_attributes." + e.getKey());
      }
      if (e.getValue().isNull()) {
        out.remove(e.getKey());
      } else {
        out.put(e.getKey(), typed(def, e.getValue()));
      }
    }
    return out;
  }

  private static Object typed(Custom def, JsonNode v) {
    boolean fits;
    Object value;
    switch (def.dataType()) {
      case "string":
        fits = v.isTextual();
        value = v.asText();
        break;
      case "float":
        fits = v.isNumber();
        value = v.asDouble();
        break;
      case "boolean":
        fits = v.isBoolean();
        value = v.asBoolean();
        break;
      default:
        fits = v.isIntegralNumber();
        value = v.asLong();
        break;
    }
    if (!fits) {
      throw ApiError.invalid("Custom attribute '" + def.name() + "' is a " + def.dataType() + "; got "
          + v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT), "custom_attributes." + def.name());
    }
    return value;
  }
}
