package org.natca.intercom.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import okhttp3.HttpUrl;
import org.natca.intercom.client.http.RequestStats;
import org.natca.intercom.client.http.Sleeper;
import org.natca.intercom.client.error.ErrorMapper;
import org.natca.intercom.client.error.IntercomException;
import org.natca.intercom.client.http.ApiRequest;
import org.natca.intercom.client.http.Backoff;
import org.natca.intercom.client.http.RateLimiter;
import org.natca.intercom.client.http.RequestCounters;
import org.natca.intercom.client.http.RequestKind;
import org.natca.intercom.client.http.Transport;
import org.natca.intercom.client.json.IntercomJson;
import org.natca.intercom.client.model.Admin;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.client.model.Conversation;
import org.natca.intercom.client.model.DataAttribute;
import org.natca.intercom.client.model.SearchQuery;
import org.natca.intercom.client.model.Tag;
import org.natca.intercom.client.error.InvalidClientSettingException;

/**
 * The Intercom REST calls this toolkit makes. One instance is shared by all threads of a run: it
 * holds one HTTP connection pool, one request budget and one set of counters. Every method throws
 * an unchecked {@link IntercomException} (or a subclass) when Intercom says no or cannot be reached.
 */
public final class IntercomClient implements AutoCloseable {

  private static final int PAGE_SIZE = 150;

  private final Transport transport;
  private final IntercomJson json;
  private final RequestCounters counters;
  private final String description;
  private final boolean mergeNeedsSkipFlag;

  private IntercomClient(Builder b, HttpUrl baseUrl) {
    ObjectMapper mapper =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    this.json = new IntercomJson(mapper);
    this.counters = new RequestCounters();
    RateLimiter limiter = new RateLimiter(b.maxRequestsPerMinute, b.clock, b.sleeper, counters);
    Backoff backoff = new Backoff(b.initialBackoff, b.maxBackoff, b.random);
    Transport.Settings settings = new Transport.Settings(
        baseUrl, b.accessToken, b.apiVersion, b.maxRetries, b.maxRateLimitWaits,
        b.connectTimeout, b.readTimeout, b.maxConcurrentRequests);
    this.transport = new Transport(
        settings, limiter, backoff, b.sleeper, counters, json, new ErrorMapper(mapper));
    this.mergeNeedsSkipFlag = atLeast(b.apiVersion, 2, 16);
    this.description = "IntercomClient[" + baseUrl + ", version " + b.apiVersion
        + ", " + b.maxRequestsPerMinute + "/min]";
  }

  public static Builder builder() {
    return new Builder();
  }

  // ---- contacts

  /** {@code POST /contacts}. A 409 says which contact already has that email or external id. */
  public Contact createContact(ContactDraft draft) {
    return json.contact(send(ApiRequest.post(RequestKind.NON_IDEMPOTENT_WRITE, json.draft(draft), "contacts")));
  }

  /** {@code PUT /contacts/{id}}: fields that are null in the draft are left as they are. */
  public Contact updateContact(String id, ContactDraft draft) {
    return json.contact(send(ApiRequest.put(json.draft(draft), "contacts", id)));
  }

  /**
   * {@code PUT /contacts/{id}} with exactly these fields, nulls included: unlike {@link #updateContact},
   * a null value is sent, so Intercom clears the field. {@code custom_attributes} is a nested map. For
   * restoring values a contact had before (audit undo), which may have been empty.
   */
  public Contact putContactFields(String id, Map<String, ?> fields) {
    Objects.requireNonNull(fields, "fields");
    ObjectNode body = json.mapper().valueToTree(fields);
    return json.contact(send(ApiRequest.put(body, "contacts", id)));
  }

  public Contact getContact(String id) {
    return json.contact(send(ApiRequest.get("contacts", id)));
  }

  /** The user with this external id; empty when there is none (leads have no external id) or it was merged away. */
  public Optional<Contact> findContactByExternalId(String externalId) {
    JsonNode n;
    try {
      n = send(ApiRequest.get("contacts", "find_by_external_id", externalId));
    } catch (IntercomException e) {
      if (e.isNotFound()) { // 404; 410 contact_merged from 2.16
        return Optional.empty();
      }
      throw e;
    }
    // every published version (2.14, 2.16) answers the contact itself
    return n.hasNonNull("id") ? Optional.of(json.contact(n)) : Optional.empty();
  }

  /** Every contact, 150 a request, fetched as the iteration goes. Archived contacts are not listed. */
  public PagedIterable<Contact> listContacts() {
    return listContacts(null);
  }

  /**
   * As {@link #listContacts()}, keeping of each contact's custom attributes only those named (null:
   * all): a workspace's other apps may put dozens on every contact, and a bulk read need not hold them.
   * Pages are read as a stream, never as a whole JSON tree.
   */
  public PagedIterable<Contact> listContacts(Set<String> attributes) {
    Set<String> keep = attributes == null ? null : Set.copyOf(attributes);
    return PagedIterable.fromPages(cursor -> {
      ApiRequest r = ApiRequest.get("contacts").withQuery("per_page", String.valueOf(PAGE_SIZE));
      if (cursor != null) {
        r = r.withQuery("starting_after", cursor);
      }
      return transport.execute(r, body -> json.contactPage(body, keep));
    });
  }

  /** {@code POST /contacts/search}, 150 a request; the cursor travels in the body. */
  public PagedIterable<Contact> searchContacts(SearchQuery query) {
    return searchContacts(query, null);
  }

  /** As {@link #searchContacts(SearchQuery)}, keeping only the custom attributes named (null: all). */
  public PagedIterable<Contact> searchContacts(SearchQuery query, Set<String> attributes) {
    Objects.requireNonNull(query, "query");
    Set<String> keep = attributes == null ? null : Set.copyOf(attributes);
    return PagedIterable.fromPages(cursor -> transport.execute(
        ApiRequest.post(RequestKind.SEARCH, json.search(query, PAGE_SIZE, cursor), "contacts", "search"),
        body -> json.contactPage(body, keep)));
  }

  public void archiveContact(String id) {
    send(ApiRequest.post(RequestKind.IDEMPOTENT_WRITE, null, "contacts", id, "archive"));
  }

  public void unarchiveContact(String id) {
    send(ApiRequest.post(RequestKind.IDEMPOTENT_WRITE, null, "contacts", id, "unarchive"));
  }

  /**
   * Merges a lead into a user ({@code {"from": lead, "into": user}}); returns the user. From API 2.16
   * Intercom merges only contacts sharing an email or phone unless told otherwise; this toolkit merges
   * only a member's lead into the member's user, matched by its own rules (email, member number, a
   * manual mapping), so it sends {@code skip_duplicate_validation} there.
   */
  public Contact mergeContacts(String leadId, String userId) {
    ObjectNode body = json.object();
    body.put("from", Objects.requireNonNull(leadId, "leadId"));
    body.put("into", Objects.requireNonNull(userId, "userId"));
    if (mergeNeedsSkipFlag) {
      body.put("skip_duplicate_validation", true);
    }
    return json.contact(send(ApiRequest.post(RequestKind.NON_IDEMPOTENT_WRITE, body, "contacts", "merge")));
  }

  // ---- data attributes

  public List<DataAttribute> listContactDataAttributes() {
    return json.list(send(ApiRequest.get("data_attributes").withQuery("model", "contact")), "data",
        json::dataAttribute);
  }

  /**
   * Creates a custom contact attribute; {@code dataType} as Intercom names it ("string", "integer", ...).
   * Sent again after a 5xx or a dropped connection like an idempotent write: names are unique, so a
   * second copy cannot make a second attribute; Intercom answers it 400 "You already have 'name'"
   * (see {@link org.natca.intercom.client.error.IntercomException#isAttributeAlreadyDefined}).
   */
  public DataAttribute createContactDataAttribute(String name, String dataType) {
    ObjectNode body = json.object();
    body.put("name", Objects.requireNonNull(name, "name"));
    body.put("model", "contact");
    body.put("data_type", Objects.requireNonNull(dataType, "dataType"));
    return json.dataAttribute(send(ApiRequest.post(RequestKind.IDEMPOTENT_WRITE, body, "data_attributes")));
  }

  // ---- conversations

  public Conversation getConversation(String id) {
    return json.conversation(send(ApiRequest.get("conversations", id)));
  }

  /**
   * {@code POST /conversations/search}, 150 a request, fetched as the iteration goes; each
   * conversation with its contacts' ids, tags and data attributes.
   */
  public PagedIterable<Conversation> searchConversations(SearchQuery query) {
    Objects.requireNonNull(query, "query");
    return PagedIterable.fromPages(cursor -> json.page(
        send(ApiRequest.post(RequestKind.SEARCH, json.search(query, PAGE_SIZE, cursor), "conversations", "search")),
        "conversations", json::conversation));
  }

  public void tagConversation(String conversationId, String tagId, String adminId) {
    ObjectNode body = json.object();
    body.put("id", Objects.requireNonNull(tagId, "tagId"));
    body.put("admin_id", Objects.requireNonNull(adminId, "adminId"));
    send(ApiRequest.post(RequestKind.NON_IDEMPOTENT_WRITE, body, "conversations", conversationId, "tags"));
  }

  /** {@code DELETE /conversations/{id}/tags/{tagId}} with {@code {"admin_id": ...}} as its body. */
  public void untagConversation(String conversationId, String tagId, String adminId) {
    ObjectNode body = json.object();
    body.put("admin_id", Objects.requireNonNull(adminId, "adminId"));
    send(ApiRequest.delete(body, "conversations", conversationId, "tags", tagId));
  }

  /** An internal note on the conversation, written as {@code adminId}. */
  public void addNote(String conversationId, String adminId, String body) {
    ObjectNode reply = json.object();
    reply.put("message_type", "note");
    reply.put("type", "admin");
    reply.put("admin_id", Objects.requireNonNull(adminId, "adminId"));
    reply.put("body", Objects.requireNonNull(body, "body"));
    send(ApiRequest.post(RequestKind.NON_IDEMPOTENT_WRITE, reply, "conversations", conversationId, "reply"));
  }

  // ---- tags and admins

  public List<Tag> listTags() {
    return json.list(send(ApiRequest.get("tags")), "data", json::tag);
  }

  /**
   * {@code POST /tags {"name"}}: creates the tag, or answers the existing one of that name (Intercom
   * matches names ignoring case), so sending it twice leaves one tag.
   */
  public Tag createTag(String name) {
    ObjectNode body = json.object();
    body.put("name", Objects.requireNonNull(name, "name"));
    return json.tag(send(ApiRequest.post(RequestKind.IDEMPOTENT_WRITE, body, "tags")));
  }

  /** {@code POST /contacts/{id}/tags {"id": tagId}}; attaching a tag the contact has changes nothing. */
  public void tagContact(String contactId, String tagId) {
    ObjectNode body = json.object();
    body.put("id", Objects.requireNonNull(tagId, "tagId"));
    send(ApiRequest.post(RequestKind.IDEMPOTENT_WRITE, body, "contacts", Objects.requireNonNull(contactId, "contactId"), "tags"));
  }

  /** {@code DELETE /contacts/{id}/tags/{tagId}}. */
  public void untagContact(String contactId, String tagId) {
    send(ApiRequest.delete(null, "contacts", Objects.requireNonNull(contactId, "contactId"), "tags",
        Objects.requireNonNull(tagId, "tagId")));
  }

  /** The contacts that carry the tag: {@code POST /contacts/search} on {@code tag_id =}, 150 a request. */
  public PagedIterable<Contact> contactsTagged(String tagId) {
    // only who holds it matters: no custom attribute of the holders is kept
    return searchContacts(SearchQuery.eq("tag_id", Objects.requireNonNull(tagId, "tagId")), Set.of());
  }

  /** The admin the access token belongs to. */
  public Admin me() {
    return json.admin(send(ApiRequest.get("me")));
  }

  public RequestStats stats() {
    return counters.snapshot();
  }

  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return description;
  }

  /** Whether {@code version} ("2.14", "2.16", ...) is at least major.minor; unparseable counts as older. */
  static boolean atLeast(String version, int major, int minor) {
    String[] parts = version.trim().split("\\.");
    try {
      int ma = Integer.parseInt(parts[0]);
      int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return ma > major || (ma == major && mi >= minor);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private JsonNode send(ApiRequest r) {
    return transport.execute(r);
  }

  /** Settings for a client; {@link #build()} checks them. */
  public static final class Builder {
    private String baseUrl = "https://api.intercom.io";
    private String accessToken;
    private String apiVersion = "2.14";
    private int maxRequestsPerMinute = 1000;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private Random random = new Random();
    private int maxRetries = 5;
    private int maxRateLimitWaits = 10;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private int maxConcurrentRequests = 32;

    private Builder() {}

    /** {@code https://api.intercom.io} (default), the EU or AU host, or a local emulator. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    public Builder accessToken(String accessToken) {
      this.accessToken = accessToken;
      return this;
    }

    public Builder apiVersion(String apiVersion) {
      this.apiVersion = apiVersion;
      return this;
    }

    /** This client's own budget; 10-second windows of a sixth of it each. */
    public Builder maxRequestsPerMinute(int maxRequestsPerMinute) {
      this.maxRequestsPerMinute = maxRequestsPerMinute;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /** Source of backoff jitter. */
    public Builder random(Random random) {
      this.random = random;
      return this;
    }

    /** Retries after a 5xx, a timeout or a lost connection (429s are counted apart). */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    /** Waits for a rate-limit reset after 429s before giving up with IntercomRateLimitException. */
    public Builder maxRateLimitWaits(int maxRateLimitWaits) {
      this.maxRateLimitWaits = maxRateLimitWaits;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
      return this;
    }

    /** First retry waits between half and all of {@code initial}; each later one doubles, up to {@code max}. */
    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /** Threads that may have a request on the wire at once; more wait their turn. */
    public Builder maxConcurrentRequests(int maxConcurrentRequests) {
      this.maxConcurrentRequests = maxConcurrentRequests;
      return this;
    }

    /** @throws InvalidClientSettingException naming the first setting that is missing or out of range */
    public IntercomClient build() {
      if (accessToken == null || accessToken.isBlank()) {
        throw new InvalidClientSettingException("Intercom access token is missing");
      }
      if (accessToken.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
        throw new InvalidClientSettingException("Intercom access token contains spaces or other characters a header cannot carry");
      }
      HttpUrl url = baseUrl == null ? null : HttpUrl.parse(baseUrl.trim());
      if (url == null) {
        throw new InvalidClientSettingException("Intercom base URL is not an http(s) URL: " + baseUrl);
      }
      if (apiVersion == null || apiVersion.isBlank()) {
        throw new InvalidClientSettingException("Intercom API version is empty");
      }
      requireAtLeast("maxRequestsPerMinute", maxRequestsPerMinute, 6);
      requireAtLeast("maxRetries", maxRetries, 0);
      requireAtLeast("maxRateLimitWaits", maxRateLimitWaits, 0);
      requireAtLeast("maxConcurrentRequests", maxConcurrentRequests, 1);
      requirePositive("connectTimeout", connectTimeout);
      requirePositive("readTimeout", readTimeout);
      requirePositive("initial backoff", initialBackoff);
      requirePositive("max backoff", maxBackoff);
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new InvalidClientSettingException("max backoff must not be shorter than the initial backoff");
      }
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(sleeper, "sleeper");
      Objects.requireNonNull(random, "random");
      return new IntercomClient(this, url);
    }

    private static void requireAtLeast(String name, int value, int min) {
      if (value < min) {
        throw new InvalidClientSettingException("Intercom client setting " + name + " must be at least " + min + ", got " + value);
      }
    }

    private static void requirePositive(String name, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new InvalidClientSettingException("Intercom client setting " + name + " must be a positive duration, got " + d);
      }
    }
  }
}
