package org.natca.intercom.sandbox.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The contacts and contact data attributes of one emulated Intercom workspace, with the rules of the real
 * API: uniqueness of users' emails (case-insensitive) and external ids, the exact 409 messages, archived
 * and blocked contacts invisible but still conflicting, merge only lead into user, search lag.
 * Every method holds {@code lock}, shared with the {@link Inbox}.
 */
final class Workspace {
  static final List<String> CONTRACT_ATTRIBUTES = List.of("member_number", "member_type", "region", "facility", "positions");
  static final String CONFLICT = "A contact matching those details already exists with id=";
  static final String ARCHIVED_CONFLICT = "An archived contact matching those details already exists with id=";

  private static final Pattern E164 = Pattern.compile("\\+[0-9]{8,15}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_\\- ]+");
  private static final Set<String> DATA_TYPES = Set.of("string", "integer", "float", "boolean", "date", "datetime");
  private static final List<EmulatedAttribute> BUILT_IN = List.of(
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

  final Object lock;
  private final Clock clock;
  private final Duration searchLag;
  private final Ids ids;
  private Inbox inbox;

  private long nextSeq = 1;
  private final TreeMap<Long, ContactRecord> bySeq = new TreeMap<>();
  private final Map<String, ContactRecord> byId = new HashMap<>();
  // Users that still block a create (active, archived, blocked), by lower-cased email and by external id.
  private final Map<String, Set<String>> userEmails = new HashMap<>();
  private final Map<String, Set<String>> userExternalIds = new HashMap<>();
  // Every value a contact ever had, to find search candidates quickly despite search lag.
  private final Map<String, Set<String>> everEmail = new HashMap<>();
  private final Map<String, Set<String>> everExternalId = new HashMap<>();
  private final Map<String, CustomAttribute> customAttributes = new LinkedHashMap<>();
  private int nextAttributeId = 30;

  Workspace(Object lock, Clock clock, Duration searchLag, Ids ids) {
    this.lock = lock;
    this.clock = clock;
    this.searchLag = searchLag;
    this.ids = ids;
  }

  void attach(Inbox value) {
    this.inbox = value;
  }

  /** A custom data attribute and who made it when (for the list answer). */
  record CustomAttribute(int id, String name, String model, String dataType, String description, Instant createdAt) {
    EmulatedAttribute view() {
      return new EmulatedAttribute(name, model, dataType, true);
    }
  }

  private static final class ContactRecord {
    final long seq;
    EmulatedContact current;
    // Snapshots as search sees them over time, oldest first; search shows the newest older than the lag.
    final ArrayDeque<Indexed> index = new ArrayDeque<>();

    ContactRecord(long seq, EmulatedContact current) {
      this.seq = seq;
      this.current = current;
    }
  }

  private record Indexed(Instant at, EmulatedContact snapshot) {}

  // ---------------------------------------------------------------- direct (seeding) API

  String seed(SeedContact c) {
    synchronized (lock) {
      Instant now = clock.instant();
      Instant created = c.createdAt() == null ? now : c.createdAt();
      String externalId = c.role().equals("lead") ? null : c.externalId();
      EmulatedContact contact = new EmulatedContact(ids.contactId(created), c.role(), c.email(), externalId, c.name(),
          c.phone(), withoutNulls(c.customAttributes()), created, created, ContactState.ACTIVE, null);
      insert(contact, true);
      return contact.id();
    }
  }

  void setState(String id, ContactState state) {
    synchronized (lock) {
      ContactRecord r = byId.get(id);
      if (r == null) {
        throw new IllegalArgumentException("no contact " + id);
      }
      replace(r, r.current.withState(state, clock.instant()), true);
    }
  }

  void defineAttribute(String name, String dataType) {
    synchronized (lock) {
      createAttribute(name, "contact", dataType, null);
    }
  }

  Optional<EmulatedContact> find(String id) {
    synchronized (lock) {
      ContactRecord r = byId.get(id);
      return r == null ? Optional.empty() : Optional.of(r.current);
    }
  }

  List<EmulatedContact> all() {
    synchronized (lock) {
      List<EmulatedContact> out = new ArrayList<>(bySeq.size());
      for (ContactRecord r : bySeq.values()) {
        out.add(r.current);
      }
      return out;
    }
  }

  List<EmulatedAttribute> attributes() {
    synchronized (lock) {
      List<EmulatedAttribute> out = new ArrayList<>(BUILT_IN);
      for (CustomAttribute a : customAttributes.values()) {
        if (a.model().equals("contact")) {
          out.add(a.view());
        }
      }
      return out;
    }
  }

  // ---------------------------------------------------------------- HTTP API

  EmulatedContact create(JsonNode body) {
    ObjectNode in = object(body);
    synchronized (lock) {
      String role = in.has("role") ? role(in.get("role")) : "user";
      boolean user = role.equals("user");
      String email = text(in, "email");
      String externalId = user ? externalId(in) : null;
      String name = text(in, "name");
      String phone = phone(in);
      Map<String, Object> attributes = attributesToWrite(in, Map.of());
      if (email != null) {
        checkEmail(email);
      }
      if (user && blank(email) && blank(externalId)) {
        throw ApiError.invalid("A user needs an email or an external_id", "email");
      }
      if (user) {
        checkConflict(null, email, externalId);
      }
      Instant now = clock.instant();
      EmulatedContact contact = new EmulatedContact(ids.contactId(now), role, email, externalId, name, phone,
          attributes, now, now, ContactState.ACTIVE, null);
      insert(contact, false);
      return contact;
    }
  }

  EmulatedContact update(String id, JsonNode body) {
    ObjectNode in = object(body);
    synchronized (lock) {
      ContactRecord r = live(id);
      EmulatedContact old = r.current;
      String role = old.role();
      if (in.has("role")) {
        String wanted = role(in.get("role"));
        if (old.isUser() && wanted.equals("lead")) {
          throw ApiError.invalid("A user cannot be converted to a lead", "role");
        }
        role = wanted;
      }
      boolean user = role.equals("user");
      String email = in.has("email") ? text(in, "email") : old.email();
      if (in.has("email") && email != null) {
        checkEmail(email);
      }
      // Leads ignore external_id, also on update; it takes effect once the contact is a user.
      String externalId = user && in.has("external_id") ? externalId(in) : old.externalId();
      String name = in.has("name") ? text(in, "name") : old.name();
      String phone = in.has("phone") ? phone(in) : old.phone();
      Map<String, Object> attributes = attributesToWrite(in, old.customAttributes());
      if (user && blank(email) && blank(externalId)) {
        throw ApiError.invalid("A user needs an email or an external_id", "email");
      }
      if (user) {
        checkConflict(id, email, externalId);
      }
      EmulatedContact changed = new EmulatedContact(id, role, email, externalId, name, phone, attributes,
          old.createdAt(), old.updatedAt(), ContactState.ACTIVE, null);
      if (!sameContent(old, changed)) {
        changed = new EmulatedContact(id, role, email, externalId, name, phone, attributes, old.createdAt(),
            clock.instant(), ContactState.ACTIVE, null);
        replace(r, changed, false);
      }
      return changed;
    }
  }

  EmulatedContact get(String id) {
    synchronized (lock) {
      return live(id).current;
    }
  }

  EmulatedContact findByExternalId(String externalId) {
    synchronized (lock) {
      for (String id : userExternalIds.getOrDefault(externalId, Set.of())) {
        EmulatedContact c = byId.get(id).current;
        if (c.isLive()) {
          return c;
        }
      }
      throw ApiError.userNotFound();
    }
  }

  Page<EmulatedContact> list(int perPage, Cursor after) {
    synchronized (lock) {
      int total = 0;
      for (ContactRecord r : bySeq.values()) {
        if (r.current.isLive()) {
          total++;
        }
      }
      List<EmulatedContact> data = new ArrayList<>();
      long lastSeq = 0;
      boolean more = false;
      long from = after == null ? 0 : after.seq();
      for (ContactRecord r : bySeq.tailMap(from, false).values()) {
        if (!r.current.isLive()) {
          continue;
        }
        if (data.size() == perPage) {
          more = true;
          break;
        }
        data.add(r.current);
        lastSeq = r.seq;
      }
      return new Page<>(data, total, perPage, after == null ? 1 : after.page() + 1, more ? lastSeq : null);
    }
  }

  Page<EmulatedContact> search(JsonNode query, int perPage, Cursor after) {
    synchronized (lock) {
      QueryFilter.validate(query, this::searchField);
      Instant now = clock.instant();
      Set<String> candidates = candidates(query);
      Iterable<ContactRecord> scan = candidates == null ? bySeq.values() : sorted(candidates);
      int total = 0;
      List<EmulatedContact> data = new ArrayList<>();
      long lastSeq = 0;
      boolean more = false;
      long from = after == null ? 0 : after.seq();
      for (ContactRecord r : scan) {
        EmulatedContact seen = searchView(r, now);
        if (seen == null || !seen.isLive() || !QueryFilter.matches(query, seen, Workspace::contactField)) {
          continue;
        }
        total++;
        if (r.seq <= from) {
          continue;
        }
        if (data.size() < perPage) {
          data.add(seen);
          lastSeq = r.seq;
        } else {
          more = true;
        }
      }
      return new Page<>(data, total, perPage, after == null ? 1 : after.page() + 1, more ? lastSeq : null);
    }
  }

  EmulatedContact archive(String id) {
    synchronized (lock) {
      ContactRecord r = existing(id);
      if (r.current.state() == ContactState.BLOCKED) {
        throw ApiError.userNotFound();
      }
      if (r.current.state() == ContactState.ACTIVE) {
        replace(r, r.current.withState(ContactState.ARCHIVED, clock.instant()), false);
      }
      return r.current;
    }
  }

  EmulatedContact unarchive(String id) {
    synchronized (lock) {
      ContactRecord r = existing(id);
      if (r.current.state() == ContactState.BLOCKED) {
        throw new ApiError(400, "not_restorable", "This user was blocked and cannot be recreated");
      }
      if (r.current.state() == ContactState.ARCHIVED) {
        replace(r, r.current.withState(ContactState.ACTIVE, clock.instant()), false);
      }
      return r.current;
    }
  }

  EmulatedContact block(String id) {
    synchronized (lock) {
      ContactRecord r = existing(id);
      if (r.current.state() != ContactState.BLOCKED) {
        replace(r, r.current.withState(ContactState.BLOCKED, clock.instant()), false);
      }
      return r.current;
    }
  }

  EmulatedContact merge(JsonNode body) {
    ObjectNode in = object(body);
    String from = requiredText(in, "from");
    String into = requiredText(in, "into");
    synchronized (lock) {
      if (from.equals(into)) {
        throw ApiError.invalid("A contact cannot be merged into itself", "from");
      }
      ContactRecord lead = live(from);
      ContactRecord user = live(into);
      if (!lead.current.isLead()) {
        throw ApiError.invalid("Only a lead can be merged; " + from + " is a user", "from");
      }
      if (!user.current.isUser()) {
        throw ApiError.invalid("A lead can only be merged into a user; " + into + " is a lead", "into");
      }
      Instant now = clock.instant();
      EmulatedContact u = user.current;
      EmulatedContact l = lead.current;
      // The user keeps what it has and takes from the lead what it lacks.
      Map<String, Object> attributes = new LinkedHashMap<>(l.customAttributes());
      attributes.putAll(u.customAttributes());
      EmulatedContact merged = new EmulatedContact(u.id(), u.role(), u.email() != null ? u.email() : l.email(),
          u.externalId(), u.name() != null ? u.name() : l.name(), u.phone() != null ? u.phone() : l.phone(),
          attributes, u.createdAt(), now, ContactState.ACTIVE, null);
      replace(user, merged, false);
      replace(lead, l.merged(into, now), false);
      inbox.moveContact(from, into);
      return merged;
    }
  }

  List<CustomAttribute> customAttributeList(String model) {
    synchronized (lock) {
      List<CustomAttribute> out = new ArrayList<>();
      for (CustomAttribute a : customAttributes.values()) {
        if (model == null || a.model().equals(model)) {
          out.add(a);
        }
      }
      return out;
    }
  }

  static List<EmulatedAttribute> builtIn() {
    return BUILT_IN;
  }

  CustomAttribute createAttribute(JsonNode body) {
    ObjectNode in = object(body);
    String name = requiredText(in, "name");
    String model = in.hasNonNull("model") ? in.get("model").asText() : null;
    String dataType = in.hasNonNull("data_type") ? in.get("data_type").asText() : null;
    String description = in.hasNonNull("description") ? in.get("description").asText() : null;
    if (!"contact".equals(model) && !"company".equals(model)) {
      throw ApiError.invalid("The Data Attribute model field must be either contact or company", "model");
    }
    if (dataType == null || !DATA_TYPES.contains(dataType)) {
      throw ApiError.invalid("Data Type isn't an option", "data_type");
    }
    synchronized (lock) {
      return createAttribute(name, model, dataType, description);
    }
  }

  // ---------------------------------------------------------------- internals

  private CustomAttribute createAttribute(String name, String model, String dataType, String description) {
    if (!ATTRIBUTE_NAME.matcher(name).matches()) {
      throw ApiError.invalid("Your name for this attribute must only contain alphanumeric characters, currency symbols, and hyphens", "name");
    }
    boolean builtIn = model.equals("contact") && BUILT_IN.stream().anyMatch(a -> a.name().equals(name));
    if (builtIn || customAttributes.containsKey(model + ":" + name)) {
      String data = model.equals("contact") ? "people" : "company";
      throw ApiError.invalid("You already have '" + name + "' in your " + data + " data. To save this as new "
          + data + " data, use a different name.", "name");
    }
    CustomAttribute a = new CustomAttribute(nextAttributeId++, name, model, dataType, description, clock.instant());
    customAttributes.put(model + ":" + name, a);
    return a;
  }

  private void insert(EmulatedContact c, boolean immediate) {
    ContactRecord r = new ContactRecord(nextSeq++, c);
    bySeq.put(r.seq, r);
    byId.put(c.id(), r);
    index(null, c);
    indexForSearch(r, c, immediate);
  }

  private void replace(ContactRecord r, EmulatedContact c, boolean immediate) {
    EmulatedContact old = r.current;
    r.current = c;
    index(old, c);
    indexForSearch(r, c, immediate);
  }

  private void indexForSearch(ContactRecord r, EmulatedContact c, boolean immediate) {
    if (immediate || searchLag.isZero()) {
      r.index.clear();
      r.index.add(new Indexed(Instant.MIN, c));
    } else {
      r.index.add(new Indexed(clock.instant(), c));
    }
  }

  private EmulatedContact searchView(ContactRecord r, Instant now) {
    if (searchLag.isZero()) {
      return r.current;
    }
    Instant cutoff = now.minus(searchLag);
    Iterator<Indexed> it = r.index.iterator();
    Indexed visible = null;
    while (it.hasNext()) {
      Indexed i = it.next();
      if (i.at().isAfter(cutoff)) {
        break;
      }
      visible = i;
    }
    while (visible != null && r.index.peekFirst() != visible) {
      r.index.removeFirst();
    }
    return visible == null ? null : visible.snapshot();
  }

  private void index(EmulatedContact old, EmulatedContact now) {
    if (old != null && blocksCreate(old)) {
      removeFrom(userEmails, lower(old.email()), old.id());
      removeFrom(userExternalIds, old.externalId(), old.id());
    }
    if (blocksCreate(now)) {
      addTo(userEmails, lower(now.email()), now.id());
      addTo(userExternalIds, now.externalId(), now.id());
    }
    addTo(everEmail, lower(now.email()), now.id());
    addTo(everExternalId, now.externalId(), now.id());
  }

  private static boolean blocksCreate(EmulatedContact c) {
    return c.isUser() && c.state() != ContactState.MERGED;
  }

  private void checkConflict(String self, String email, String externalId) {
    String hit = firstOther(userExternalIds.get(externalId), self);
    if (hit == null && email != null) {
      hit = firstOther(userEmails.get(lower(email)), self);
    }
    if (hit != null) {
      boolean archived = byId.get(hit).current.state() != ContactState.ACTIVE;
      throw new ApiError(409, "conflict", (archived ? ARCHIVED_CONFLICT : CONFLICT) + hit);
    }
  }

  private static String firstOther(Set<String> ids, String self) {
    if (ids == null) {
      return null;
    }
    for (String id : ids) {
      if (!id.equals(self)) {
        return id;
      }
    }
    return null;
  }

  private ContactRecord existing(String id) {
    ContactRecord r = byId.get(id);
    if (r == null || r.current.state() == ContactState.MERGED) {
      throw ApiError.userNotFound();
    }
    return r;
  }

  private ContactRecord live(String id) {
    ContactRecord r = byId.get(id);
    if (r == null || !r.current.isLive()) {
      throw ApiError.userNotFound();
    }
    return r;
  }

  private Set<String> candidates(JsonNode query) {
    return QueryFilter.candidates(query, (field, value) -> {
      switch (field) {
        case "email":
          return everEmail.getOrDefault(lower(value), Set.of());
        case "external_id":
          return everExternalId.getOrDefault(value, Set.of());
        case "id":
          return byId.containsKey(value) ? Set.of(value) : Set.of();
        default:
          return null;
      }
    });
  }

  private List<ContactRecord> sorted(Set<String> idSet) {
    List<ContactRecord> out = new ArrayList<>(idSet.size());
    for (String id : idSet) {
      ContactRecord r = byId.get(id);
      if (r != null) {
        out.add(r);
      }
    }
    out.sort((a, b) -> Long.compare(a.seq, b.seq));
    return out;
  }

  private QueryFilter.Kind searchField(String field) {
    switch (field) {
      case "id": case "role": case "name": case "email": case "email_domain": case "phone": case "external_id":
        return QueryFilter.Kind.TEXT;
      case "created_at": case "updated_at": case "signed_up_at":
        return QueryFilter.Kind.DATE;
      default:
        if (field.startsWith("custom_attributes.")
            && customAttributes.containsKey("contact:" + field.substring("custom_attributes.".length()))) {
          return QueryFilter.Kind.ANY;
        }
        return null;
    }
  }

  static QueryFilter.Value contactField(EmulatedContact c, String field) {
    switch (field) {
      case "id":
        return QueryFilter.Value.text(c.id(), false);
      case "role":
        return QueryFilter.Value.text(c.role(), false);
      case "name":
        return QueryFilter.Value.text(c.name(), false);
      case "email":
        return QueryFilter.Value.text(c.email(), true);
      case "email_domain":
        return QueryFilter.Value.text(c.email() == null ? null : c.email().substring(c.email().indexOf('@') + 1), true);
      case "phone":
        return QueryFilter.Value.text(c.phone(), false);
      case "external_id":
        return QueryFilter.Value.text(c.externalId(), false);
      case "created_at":
      case "signed_up_at":
        return QueryFilter.Value.date(c.createdAt());
      case "updated_at":
        return QueryFilter.Value.date(c.updatedAt());
      default:
        return QueryFilter.Value.of(c.customAttributes().get(field.substring("custom_attributes.".length())));
    }
  }

  private Map<String, Object> attributesToWrite(ObjectNode in, Map<String, Object> existing) {
    Map<String, Object> out = new LinkedHashMap<>(existing);
    if (!in.has("custom_attributes") || in.get("custom_attributes").isNull()) {
      return out;
    }
    JsonNode attrs = in.get("custom_attributes");
    if (!attrs.isObject()) {
      throw ApiError.invalid("custom_attributes must be an object", "custom_attributes");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = attrs.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      CustomAttribute def = customAttributes.get("contact:" + e.getKey());
      if (def == null) {
        throw new ApiError(400, "parameter_not_found", "Custom attribute '" + e.getKey() + "' does not exist",
            "custom_attributes." + e.getKey());
      }
      JsonNode v = e.getValue();
      if (v.isNull()) {
        out.remove(e.getKey());
      } else {
        out.put(e.getKey(), typed(def, v));
      }
    }
    return out;
  }

  private static Object typed(CustomAttribute def, JsonNode v) {
    String field = "custom_attributes." + def.name();
    switch (def.dataType()) {
      case "string":
        if (!v.isTextual()) {
          throw ApiError.invalid("Custom attribute '" + def.name() + "' is a string; got " + v.getNodeType(), field);
        }
        return v.asText();
      case "integer":
      case "date":
      case "datetime":
        if (!v.isIntegralNumber()) {
          throw ApiError.invalid("Custom attribute '" + def.name() + "' is a " + def.dataType() + "; got " + v.getNodeType(), field);
        }
        return v.asLong();
      case "float":
        if (!v.isNumber()) {
          throw ApiError.invalid("Custom attribute '" + def.name() + "' is a float; got " + v.getNodeType(), field);
        }
        return v.asDouble();
      default:
        if (!v.isBoolean()) {
          throw ApiError.invalid("Custom attribute '" + def.name() + "' is a boolean; got " + v.getNodeType(), field);
        }
        return v.asBoolean();
    }
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (v != null) {
        out.put(k, v);
      }
    });
    return out;
  }

  private static boolean sameContent(EmulatedContact a, EmulatedContact b) {
    return a.role().equals(b.role())
        && java.util.Objects.equals(a.email(), b.email())
        && java.util.Objects.equals(a.externalId(), b.externalId())
        && java.util.Objects.equals(a.name(), b.name())
        && java.util.Objects.equals(a.phone(), b.phone())
        && a.customAttributes().equals(b.customAttributes());
  }

  private static String role(JsonNode n) {
    String r = n.isTextual() ? n.asText() : "";
    if (!r.equals("user") && !r.equals("lead")) {
      throw ApiError.invalid("role must be either user or lead", "role");
    }
    return r;
  }

  private static String externalId(ObjectNode in) {
    JsonNode n = in.get("external_id");
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw ApiError.invalid("external_id must be a string", "external_id");
    }
    return n.asText();
  }

  private static String phone(ObjectNode in) {
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

  private static void checkEmail(String email) {
    if (!EMAIL.matcher(email).matches()) {
      throw ApiError.invalid("The email address is invalid", "email");
    }
  }

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

  static String requiredText(ObjectNode in, String field) {
    JsonNode n = in.get(field);
    if (n == null || n.isNull() || n.asText().isBlank() || !n.isValueNode()) {
      throw new ApiError(400, "parameter_not_found", field + " not specified", field);
    }
    return n.asText();
  }

  static ObjectNode object(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiError.invalid("The request body must be a JSON object");
    }
    return (ObjectNode) body;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  private static void addTo(Map<String, Set<String>> m, String key, String id) {
    if (key != null) {
      m.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(id);
    }
  }

  private static void removeFrom(Map<String, Set<String>> m, String key, String id) {
    if (key == null) {
      return;
    }
    Set<String> s = m.get(key);
    if (s != null) {
      s.remove(id);
      if (s.isEmpty()) {
        m.remove(key);
      }
    }
  }
}
