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

/**
 * The contacts and contact data attributes of one emulated Intercom workspace, with the rules of the real
 * API: uniqueness of users' emails (case-insensitive) and external ids, the exact 409 messages, archived
 * and blocked contacts invisible but still conflicting, merge only lead into user, search lag.
 * Every method holds {@code lock}, shared with the {@link Inbox}.
 */
final class Workspace {
  static final String CONFLICT = "A contact matching those details already exists with id=";
  static final String ARCHIVED_CONFLICT = "An archived contact matching those details already exists with id=";

  private final Object lock;
  private final Clock clock;
  private final Duration searchLag;
  private final Ids ids;
  private Inbox inbox;

  private long nextSeq = 1;
  private final TreeMap<Long, ContactRecord> bySeq = new TreeMap<>();
  // kept as contacts change state, so a page of a list of 800,000 contacts need not count them all
  private int liveCount;
  private final Map<String, ContactRecord> byId = new HashMap<>();
  // Users that still block a create (active, archived, blocked), by lower-cased email and by external id.
  private final Map<String, Set<String>> userEmails = new HashMap<>();
  private final Map<String, Set<String>> userExternalIds = new HashMap<>();
  // Every value a contact ever had, to find search candidates quickly despite search lag.
  private final Map<String, Set<String>> everEmail = new HashMap<>();
  private final Map<String, Set<String>> everExternalId = new HashMap<>();
  private final AttributeCatalog catalog;
  private final ContactTags contactTags = new ContactTags();

  Workspace(Object lock, Clock clock, Duration searchLag, Ids ids) {
    this.lock = lock;
    this.clock = clock;
    this.searchLag = searchLag;
    this.ids = ids;
    this.catalog = new AttributeCatalog(clock);
  }

  void attach(Inbox value) {
    this.inbox = value;
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

  /** Adds attributes to a contact as if another app had written them: no checks, visible to search at once. */
  void seedAttributes(String id, Map<String, ?> attributes) {
    synchronized (lock) {
      ContactRecord r = byId.get(id);
      if (r == null) {
        throw new IllegalArgumentException("no contact " + id);
      }
      EmulatedContact c = r.current;
      Map<String, Object> merged = new LinkedHashMap<>(c.customAttributes());
      merged.putAll(attributes);
      replace(r, new EmulatedContact(c.id(), c.role(), c.email(), c.externalId(), c.name(), c.phone(),
          withoutNulls(merged), c.createdAt(), c.updatedAt(), c.state(), c.mergedInto()), true);
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
      catalog.create(name, "contact", dataType, null);
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
      return catalog.contactAttributes();
    }
  }

  // ---------------------------------------------------------------- HTTP API

  EmulatedContact create(JsonNode body) {
    ObjectNode in = Bodies.object(body);
    synchronized (lock) {
      String role = in.has("role") ? Bodies.role(in.get("role")) : "user";
      boolean user = role.equals("user");
      String email = Bodies.email(in);
      String externalId = user ? Bodies.externalId(in) : null;
      String name = Bodies.text(in, "name");
      String phone = Bodies.phone(in);
      Map<String, Object> attributes = catalog.apply(in, Map.of());
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
    ObjectNode in = Bodies.object(body);
    synchronized (lock) {
      ContactRecord r = live(id);
      EmulatedContact old = r.current;
      String role = old.role();
      if (in.has("role")) {
        String wanted = Bodies.role(in.get("role"));
        if (old.isUser() && wanted.equals("lead")) {
          throw ApiError.invalid("A user cannot be converted to a lead", "role");
        }
        role = wanted;
      }
      boolean user = role.equals("user");
      String email = in.has("email") ? Bodies.email(in) : old.email();
      // Leads ignore external_id, also on update; it takes effect once the contact is a user.
      String externalId = user && in.has("external_id") ? Bodies.externalId(in) : old.externalId();
      String name = in.has("name") ? Bodies.text(in, "name") : old.name();
      String phone = in.has("phone") ? Bodies.phone(in) : old.phone();
      Map<String, Object> attributes = catalog.apply(in, old.customAttributes());
      if (user && blank(email) && blank(externalId)) {
        throw ApiError.invalid("A user needs an email or an external_id", "email");
      }
      if (user) {
        // only what the update changes can collide: a contact may keep an email an archived duplicate shares
        boolean emailChanges = !java.util.Objects.equals(lower(email), lower(old.email())) || !old.isUser();
        boolean externalIdChanges = !java.util.Objects.equals(externalId, old.externalId()) || !old.isUser();
        checkConflict(id, emailChanges ? email : null, externalIdChanges ? externalId : null);
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

  EmulatedContact get(String id, boolean mergedAnswers410) {
    synchronized (lock) {
      ContactRecord r = byId.get(id);
      if (mergedAnswers410 && r != null && r.current.state() == ContactState.MERGED) {
        throw ApiError.merged(r.current.mergedInto());
      }
      return live(id).current;
    }
  }

  /** An admin merged this user into another in the inbox: it keeps blocking creates, and cannot be restored. */
  void mergeAway(String id, String intoId) {
    synchronized (lock) {
      ContactRecord r = byId.get(id);
      if (r == null || byId.get(intoId) == null) {
        throw new IllegalArgumentException("no contact " + (r == null ? id : intoId));
      }
      replace(r, r.current.merged(intoId, clock.instant()), true);
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
      int total = liveCount;
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
        if (seen == null || !seen.isLive() || !QueryFilter.matches(query, seen, this::searchValue)) {
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
      if (r.current.state() == ContactState.BLOCKED || r.current.state() == ContactState.DELETED) {
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
      ContactRecord found = byId.get(id);
      if (found != null && found.current.state() == ContactState.MERGED && found.current.isUser()) {
        throw new ApiError(400, "bad_request", "User has been merged and is not restorable.");
      }
      if (found != null && found.current.state() == ContactState.DELETED) {
        throw new ApiError(500, "server_error", "Server Error");
      }
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
      if (r.current.state() == ContactState.DELETED) {
        throw ApiError.userNotFound();
      }
      if (r.current.state() != ContactState.BLOCKED) {
        replace(r, r.current.withState(ContactState.BLOCKED, clock.instant()), false);
      }
      return r.current;
    }
  }

  EmulatedContact merge(JsonNode body, boolean requireDuplicates) {
    ObjectNode in = Bodies.object(body);
    String from = Bodies.required(in, "from");
    String into = Bodies.required(in, "into");
    boolean skipDuplicateValidation = in.path("skip_duplicate_validation").asBoolean(false);
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
      if (requireDuplicates && !skipDuplicateValidation && !duplicates(lead.current, user.current)) {
        throw new ApiError(400, "invalid_merge", "Contacts can only be merged when they are duplicates (matching email or "
            + "phone). Pass skip_duplicate_validation=true to override this check.");
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

  private static boolean duplicates(EmulatedContact a, EmulatedContact b) {
    return (a.email() != null && a.email().equalsIgnoreCase(b.email()))
        || (a.phone() != null && a.phone().equals(b.phone()));
  }

  // ---------------------------------------------------------------- contact tags

  /** {@code POST /contacts/{id}/tags {"id"}}: a live contact and an existing tag, else 404 as the spec shows. */
  EmulatedTag tagContact(String contactId, JsonNode body) {
    ObjectNode in = Bodies.object(body);
    String tagId = Bodies.required(in, "id");
    synchronized (lock) {
      live(contactId);
      EmulatedTag tag = existingTag(tagId);
      contactTags.attach(contactId, tag.id());
      return tag;
    }
  }

  /**
   * {@code DELETE /contacts/{id}/tags/{tag_id}}. Removing a tag the contact does not carry answers 200 with
   * the tag, as attaching twice does (what Intercom answers then is not documented).
   */
  EmulatedTag untagContact(String contactId, String tagId) {
    synchronized (lock) {
      live(contactId);
      EmulatedTag tag = existingTag(tagId);
      contactTags.detach(contactId, tag.id());
      return tag;
    }
  }

  /** The tags of a live contact ({@code GET /contacts/{id}/tags}). */
  List<EmulatedTag> liveContactTags(String contactId) {
    synchronized (lock) {
      live(contactId);
      return tagsOf(contactId);
    }
  }

  /** The tags a contact carries, whatever its state. */
  List<EmulatedTag> tagsOf(String contactId) {
    synchronized (lock) {
      List<EmulatedTag> out = new ArrayList<>();
      for (String id : contactTags.of(contactId)) {
        inbox.tag(id).ifPresent(out::add);
      }
      return out;
    }
  }

  /** Seeding: attaches without the API's checks (any state). */
  void seedTag(String contactId, String tagId) {
    synchronized (lock) {
      if (!byId.containsKey(contactId)) {
        throw new IllegalArgumentException("no contact " + contactId);
      }
      if (inbox.tag(tagId).isEmpty()) {
        throw new IllegalArgumentException("no tag " + tagId);
      }
      contactTags.attach(contactId, tagId);
    }
  }

  private EmulatedTag existingTag(String tagId) {
    return inbox.tag(tagId).orElseThrow(() -> ApiError.notFound("Resource Not Found"));
  }

  List<AttributeCatalog.Custom> customAttributes(String model) {
    synchronized (lock) {
      return catalog.custom(model);
    }
  }

  AttributeCatalog.Custom createAttribute(JsonNode body) {
    synchronized (lock) {
      return catalog.create(body);
    }
  }

  // ---------------------------------------------------------------- internals

  private void insert(EmulatedContact c, boolean immediate) {
    if (c.isLive()) {
      liveCount++;
    }
    ContactRecord r = new ContactRecord(nextSeq++, c);
    bySeq.put(r.seq, r);
    byId.put(c.id(), r);
    index(null, c);
    indexForSearch(r, c, immediate);
  }

  private void replace(ContactRecord r, EmulatedContact c, boolean immediate) {
    EmulatedContact old = r.current;
    liveCount += (c.isLive() ? 1 : 0) - (old.isLive() ? 1 : 0);
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

  // A user holds its email and external id whatever its state: merged away and deleted ones too (a merged
  // lead is no user).
  private static boolean blocksCreate(EmulatedContact c) {
    return c.isUser();
  }

  private void checkConflict(String self, String email, String externalId) {
    String hit = externalId == null ? null : firstOther(userExternalIds.get(externalId), self);
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
      case "tag_id":
        return QueryFilter.Kind.TAG;
      default:
        if (field.startsWith("custom_attributes.")
            && catalog.isContactAttribute(field.substring("custom_attributes.".length()))) {
          return QueryFilter.Kind.ANY;
        }
        return null;
    }
  }

  /** Tag membership is read as it is now; the contact itself as search sees it (with the lag). */
  private QueryFilter.Value searchValue(EmulatedContact c, String field) {
    if (field.equals("tag_id")) {
      return QueryFilter.Value.many(contactTags.of(c.id()));
    }
    return contactField(c, field);
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
