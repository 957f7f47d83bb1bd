package org.natca.intercom.sandbox.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.natca.intercom.sandbox.conformance.Conformance;
import org.natca.intercom.sandbox.conformance.ConformanceLog;
import org.natca.intercom.sandbox.conformance.Exchange;
import org.natca.intercom.sandbox.conformance.Violation;

/**
 * A local Intercom (API 2.14) over real HTTP on 127.0.0.1, for tests, demos and benchmarks: contacts,
 * data attributes, conversations, tags, notes and {@code /me}, with Intercom's rules and error bodies,
 * its 10-second rate-limit windows and headers, search lag, and faults a test can arm.
 *
 * <p>Besides HTTP it offers a direct API to seed and inspect state, and a log of every request.
 * Thread-safe: many clients may call it at once.
 */
public final class IntercomEmulator implements AutoCloseable {
  static final String WORKSPACE_ID = "natcasandbox";
  private static final String ADMIN_ID = "991267459";

  private final EmulatorOptions options;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Workspace workspace;
  private final Inbox inbox;
  private final Api api;
  private final RateLimiter limiter;
  private final Faults faults = new Faults();
  private final Ids ids = new Ids();
  private final List<RecordedRequest> log = new ArrayList<>();
  private final Conformance conformance;
  private volatile Duration latency;

  private IntercomEmulator(EmulatorOptions options) throws IOException {
    this.options = options;
    this.latency = options.latency();
    Object lock = new Object();
    this.workspace = new Workspace(lock, options.clock(), options.searchLag(), ids);
    this.inbox = new Inbox(lock, options.clock(), ids, workspace, ADMIN_ID);
    workspace.attach(inbox);
    this.api = new Api(workspace, inbox, new Render.Admin(ADMIN_ID, "Sandbox Admin", "sandbox-admin@natca.test"), options.clock());
    this.limiter = new RateLimiter(options.clock(), options.requestsPerWindow());
    if (options.predefineContractAttributes()) {
      defineContractAttributes();
    }
    AtomicInteger threadNumber = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(options.threads(), r -> {
      Thread t = new Thread(r, "intercom-emulator-" + threadNumber.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), options.port()), 256);
    String name = "http://127.0.0.1:" + server.getAddress().getPort();
    if (options.conformanceChecks()) {
      this.conformance = new Conformance(name, options.apiVersion());
    } else {
      this.conformance = null;
      ConformanceLog.uncheckedEmulator(name);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public static IntercomEmulator start(EmulatorOptions options) {
    // The JDK server writes headers and body in two segments; without TCP_NODELAY, Nagle's algorithm and the
    // client's delayed ACK add ~40 ms to every answer. The JDK reads this once, before its first server starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    try {
      return new IntercomEmulator(options);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the Intercom emulator", e);
    }
  }

  public static IntercomEmulator start() {
    return start(EmulatorOptions.defaults());
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash: use it as INTERCOM_BASE_URL. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String token() {
    return options.token();
  }

  public EmulatorOptions options() {
    return options;
  }

  /** The admin behind the token, as {@code GET /me} names it. */
  public String adminId() {
    return ADMIN_ID;
  }

  /** The workspace's app id, as {@code GET /me} names it in {@code app.id_code}. */
  public String appId() {
    return WORKSPACE_ID;
  }

  // ---------------------------------------------------------------- seeding and inspection

  /** Puts a contact in place without the API's checks; it is visible to search at once (it "was always there"). */
  public String addContact(SeedContact contact) {
    return workspace.seed(contact);
  }

  /**
   * Adds custom attributes to a contact directly, as another app's integration would have written them:
   * no definition or type checks, the contact's updated_at unchanged. For building grown workspaces fast.
   */
  public void setAttributes(String contactId, Map<String, ?> attributes) {
    workspace.seedAttributes(contactId, attributes);
  }

  /** Archives a contact directly (visible to search at once). */
  public void archive(String contactId) {
    workspace.setState(contactId, ContactState.ARCHIVED);
  }

  public void unarchive(String contactId) {
    workspace.setState(contactId, ContactState.ACTIVE);
  }

  /** Blocks a contact, as an admin would in the inbox. */
  public void block(String contactId) {
    workspace.setState(contactId, ContactState.BLOCKED);
  }

  /**
   * An admin merged this user into another contact in the inbox: the user is gone (404; 410 on get from
   * 2.16) but still holds its email and external id against creates, and unarchiving it answers 400
   * {@code bad_request} "User has been merged and is not restorable."
   */
  public void mergeAway(String contactId, String intoId) {
    workspace.mergeAway(contactId, intoId);
  }

  /**
   * The contact is permanently deleted, yet a create with its email or external id still answers the
   * 409 naming it, and unarchiving it answers 500 "Server Error", every time.
   */
  public void deletePermanently(String contactId) {
    workspace.setState(contactId, ContactState.DELETED);
  }

  /** Defines a custom contact attribute of type string. */
  public void defineAttribute(String name) {
    defineAttribute(name, "string");
  }

  /** Defines a custom contact attribute of a type (string, integer, float, boolean, date, datetime). */
  public void defineAttribute(String name, String dataType) {
    try {
      workspace.defineAttribute(name, dataType);
    } catch (ApiError e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Defines member_number, member_type, region, facility and positions (strings), as the sync would. */
  public void defineContractAttributes() {
    for (String name : AttributeCatalog.CONTRACT_ATTRIBUTES) {
      if (!hasAttribute(name)) {
        defineAttribute(name);
      }
    }
  }

  /** Contact data attributes, built-in and custom. */
  public List<EmulatedAttribute> attributes() {
    return workspace.attributes();
  }

  public boolean hasAttribute(String name) {
    return workspace.attributes().stream().anyMatch(a -> a.custom() && a.name().equals(name));
  }

  /** Any contact by id, whatever its state (archived, blocked, merged included). */
  public Optional<EmulatedContact> contact(String id) {
    return workspace.find(id);
  }

  /** The live (active) contacts, in creation order. */
  public List<EmulatedContact> contacts() {
    return workspace.all().stream().filter(EmulatedContact::isLive).toList();
  }

  /** Every contact ever created, archived, blocked and merged ones included. */
  public List<EmulatedContact> allContacts() {
    return workspace.all();
  }

  /** Live contacts whose email equals {@code email}, ignoring case. */
  public List<EmulatedContact> contactsWithEmail(String email) {
    return contacts().stream().filter(c -> c.email() != null && c.email().equalsIgnoreCase(email)).toList();
  }

  /** The live user with this external id. */
  public Optional<EmulatedContact> userByExternalId(String externalId) {
    return contacts().stream().filter(c -> c.isUser() && externalId.equals(c.externalId())).findFirst();
  }

  /** Creates a tag (or finds one by that name) and returns its id. */
  public String addTag(String name) {
    return inbox.addTag(name);
  }

  public List<EmulatedTag> tags() {
    return inbox.tags();
  }

  /** Attaches a tag to a contact directly, as an agent would in the inbox (any contact state). */
  public void tagContact(String contactId, String tagId) {
    workspace.seedTag(contactId, tagId);
  }

  /** The ids of the tags a contact carries (any state), in the order they were attached. */
  public List<String> contactTagIds(String contactId) {
    return workspace.tagsOf(contactId).stream().map(EmulatedTag::id).toList();
  }

  /** The live contacts that carry the tag, in creation order. */
  public List<EmulatedContact> contactsTagged(String tagId) {
    return contacts().stream().filter(c -> contactTagIds(c.id()).contains(tagId)).toList();
  }

  /**
   * Starts a conversation of a contact (null for none) in state open, closed or snoozed, with data attributes
   * keyed by display name (e.g. "Member Number Verification") and tags.
   */
  public String addConversation(String contactId, String state, Map<String, ?> customAttributes, String... tagIds) {
    return inbox.addConversation(contactId, state, customAttributes, tagIds);
  }

  /** Adds a contact to a conversation's contacts (a conversation may have several), as an admin would. */
  public void addParticipant(String conversationId, String contactId) {
    inbox.addParticipant(conversationId, contactId);
  }

  public Optional<EmulatedConversation> conversation(String id) {
    return inbox.find(id);
  }

  public List<EmulatedConversation> conversations() {
    return inbox.all();
  }

  /**
   * The conversation as {@code GET /conversations/{id}} renders it, without its parts: what a webhook
   * notification carries as {@code data.item}.
   */
  public String conversationJson(String id) {
    EmulatedConversation c = inbox.find(id).orElseThrow(() -> new IllegalArgumentException("no conversation " + id));
    return api.renderConversation(c);
  }

  // ---------------------------------------------------------------- request log

  /** Every request received so far, in the order they were answered. */
  public List<RecordedRequest> requests() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  /** Requests that change state (POST except the searches, PUT, DELETE), whatever their answer. */
  public long writeCount() {
    return requests().stream().filter(RecordedRequest::isWrite).count();
  }

  /** Requests with this method (null for any) whose path starts with {@code pathPrefix}. */
  public long countRequests(String method, String pathPrefix) {
    return requests().stream()
        .filter(r -> method == null || r.method().equalsIgnoreCase(method))
        .filter(r -> r.path().startsWith(pathPrefix))
        .count();
  }

  public void clearLog() {
    synchronized (log) {
      log.clear();
    }
  }

  // ---------------------------------------------------------------- conformance

  /**
   * Every exchange so far that Intercom's published description (with the known undocumented answers)
   * does not allow; waits for pending checks. Empty when checks are off.
   */
  public List<Violation> violations() {
    return conformance == null ? List.of() : conformance.violations();
  }

  /**
   * Claims the violations not claimed yet and returns them: for a test that sends a request the
   * description forbids on purpose. Unclaimed violations fail the test (see {@code ConformanceExtension}).
   */
  public List<Violation> takeViolations() {
    return conformance == null ? List.of() : conformance.take();
  }

  /**
   * For a test that breaks the description on purpose: claims the violations so far and fails unless
   * there are exactly {@code count}, each naming {@code mentioning} (a validator key, a status, a path).
   */
  public void expectViolations(int count, String mentioning) {
    List<Violation> taken = takeViolations();
    if (taken.size() != count || !taken.stream().allMatch(v -> v.toString().contains(mentioning))) {
      throw new AssertionError("expected " + count + " violation(s) naming '" + mentioning + "', got " + taken.size()
          + ":\n" + taken.stream().map(Violation::toString).collect(java.util.stream.Collectors.joining("\n")));
    }
  }

  // ---------------------------------------------------------------- faults

  /** The next {@code count} requests answer {@code status} with an error.list, without being applied. */
  public void failNext(int count, int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("an error status is 4xx or 5xx: " + status);
    }
    faults.failNext(count, status);
  }

  /**
   * The next {@code count} requests with this method (GET, POST, ...) whose path starts with
   * {@code pathPrefix} (e.g. "/contacts/search") answer {@code status}, without being applied; other
   * requests go through. Lets a test break one step of a flow and watch the rest.
   */
  public void failMatching(String method, String pathPrefix, int count, int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("an error status is 4xx or 5xx: " + status);
    }
    faults.failMatching(method, pathPrefix, count, status);
  }

  /** The next {@code count} requests get no answer: the connection is closed before the request is applied. */
  public void dropNext(int count) {
    faults.dropNext(count);
  }

  /** The next {@code count} requests are applied, then the connection is closed without an answer. */
  public void dropNextAfterApplying(int count) {
    faults.dropNextAfterApplying(count);
  }

  /** The next {@code count} requests wait {@code delay} more before being handled. */
  public void slowNext(int count, Duration delay) {
    faults.slowNext(count, delay);
  }

  /** The next {@code count} requests answer 429, as if the window were used up; Reset names the next window. */
  public void rateLimitNext(int count) {
    faults.rateLimitNext(count);
  }

  /** Changes the latency added to every request. */
  public void setLatency(Duration value) {
    this.latency = value;
  }

  public void clearFaults() {
    faults.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---------------------------------------------------------------- HTTP

  private void handle(HttpExchange exchange) throws IOException {
    Instant received = options.clock().instant();
    String requestId = ids.requestId();
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    String body;
    try {
      body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      exchange.close();
      return;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    Recorder recorder = (status, dropped) -> record(new RecordedRequest(method, path, query == null ? "" : query,
        body, headers, status, dropped, received, requestId));

    pause(latency.plus(faults.takeSlowdown()));
    if (faults.takeDropBefore()) {
      recorder.record(0, true);
      check(method, path, query, headers, body, 0, Map.of(), null, false);
      exchange.close();
      return;
    }
    Api.Answer answer;
    boolean armed = false;
    RateLimiter.Verdict verdict;
    if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
      verdict = limiter.peek();
      answer = error(requestId, new ApiError(401, "unauthorized", "Access Token Invalid"));
    } else {
      verdict = faults.takeRateLimit() ? limiter.forced() : limiter.take();
      Integer failure = verdict.allowed() ? faults.takeScopedFailure(method, path) : null;
      if (verdict.allowed() && failure == null) {
        failure = faults.takeFailure();
      }
      if (!verdict.allowed()) {
        answer = error(requestId, new ApiError(429, "rate_limit_exceeded",
            "Exceeded rate limit of " + verdict.limit() + " in 10_seconds"));
      } else if (failure != null) {
        armed = true;
        answer = error(requestId, new ApiError(failure, failureCode(failure), "The sandbox failed this request on purpose"));
      } else {
        answer = apply(method, path, query, body, requestId, headers);
        if (faults.takeDropAfter()) {
          recorder.record(answer.status(), true);
          check(method, path, query, headers, body, answer.status(), answer.headers(), Render.JSON.writeValueAsString(answer.body()),
              false);
          exchange.close();
          return;
        }
      }
    }
    byte[] bytes = Render.JSON.writeValueAsBytes(answer.body());
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("X-Request-Id", requestId);
    exchange.getResponseHeaders().set("X-RateLimit-Limit", Integer.toString(verdict.limit()));
    exchange.getResponseHeaders().set("X-RateLimit-Remaining", Integer.toString(verdict.remaining()));
    exchange.getResponseHeaders().set("X-RateLimit-Reset", Long.toString(verdict.resetEpochSecond()));
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    recorder.record(answer.status(), false);
    check(method, path, query, headers, body, answer.status(), answer.headers(), new String(bytes, StandardCharsets.UTF_8), armed);
    try (OutputStream out = exchange.getResponseBody()) {
      exchange.sendResponseHeaders(answer.status(), bytes.length);
      out.write(bytes);
    } finally {
      exchange.close();
    }
  }

  private interface Recorder {
    void record(int status, boolean dropped);
  }

  private void check(String method, String path, String query, Map<String, List<String>> requestHeaders, String requestBody,
      int status, Map<String, String> extraHeaders, String responseBody, boolean armedFault) {
    if (conformance == null) {
      return;
    }
    Map<String, String> responseHeaders = new LinkedHashMap<>(extraHeaders);
    responseHeaders.put("Content-Type", "application/json; charset=utf-8");
    conformance.record(new Exchange(method, path, query == null ? "" : query, requestHeaders, requestBody, status,
        responseHeaders, responseBody, armedFault));
  }

  private Api.Answer apply(String method, String path, String query, String body, String requestId,
      Map<String, List<String>> headers) {
    List<String> versionHeader = headers.get("intercom-version");
    String version = versionHeader == null || versionHeader.isEmpty() ? options.apiVersion() : versionHeader.get(0).trim();
    try {
      return api.handle(method, path, query, body, version);
    } catch (ApiError e) {
      return error(requestId, e);
    } catch (RuntimeException e) {
      return error(requestId, new ApiError(500, "server_error", "Sandbox bug: " + e));
    }
  }

  private static Api.Answer error(String requestId, ApiError e) {
    JsonNode body = Render.error(requestId, e.code, e.getMessage(), e.field);
    return new Api.Answer(e.status, body, e.headers);
  }

  private static String failureCode(int status) {
    switch (status) {
      case 429:
        return "rate_limit_exceeded";
      case 500:
        return "server_error";
      case 502:
        return "bad_gateway";
      case 503:
        return "service_unavailable";
      case 504:
        return "gateway_timeout";
      default:
        return status >= 500 ? "server_error" : "error";
    }
  }

  private boolean authorized(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return header.substring(7).trim().equals(options.token());
  }

  private void record(RecordedRequest r) {
    synchronized (log) {
      log.add(r);
    }
  }

  private static void pause(Duration d) {
    if (d.isZero() || d.isNegative()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
