package org.natca.intercom.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.natca.intercom.app.Sandbox;
import org.natca.intercom.app.wiring.Components;
import org.natca.intercom.config.Config;
import org.natca.intercom.member.Databases;
import org.natca.intercom.sandbox.db.SandboxPostgres;
import org.natca.intercom.sandbox.webhook.WebhookNotifications;
import org.natca.intercom.webhook.EventRecord;
import org.natca.intercom.webhook.EventStatus;
import org.natca.intercom.webhook.RetryPolicy;
import org.natca.intercom.webhook.WebhookInbox;
import org.natca.intercom.webhook.WorkerOptions;

/**
 * webhook-serve for end-to-end tests: the real server on a free port over the {@link Sandbox} (real
 * PostgreSQL, the Intercom emulator), built by the composition root exactly as the command builds it,
 * with short retry waits. Requests go over real HTTP.
 */
final class WebhookWorld implements AutoCloseable {
  static final String SECRET = "test-client-secret";
  static final String LOOKUP_TOKEN = "lookup-token-for-tests";
  static final ObjectMapper JSON = new ObjectMapper();

  /** Fast: three attempts a few milliseconds apart, idle workers look every 50 ms. */
  static final WorkerOptions FAST = new WorkerOptions(2, Duration.ofMillis(50), Duration.ofMinutes(10),
      new RetryPolicy(3, Duration.ofMillis(20), 2, Duration.ofMillis(100)), Duration.ofDays(30));

  final Sandbox sandbox;
  final SandboxPostgres postgres;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, String> env;
  private Components components;
  private WebhookServer server;
  /** The test's own view of the inbox, on its own pool: it outlives stops and database outages. */
  private final HikariDataSource inspection;
  private final WebhookInbox inbox;

  record Response(int status, String body, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  WebhookWorld(Sandbox sandbox, SandboxPostgres postgres) {
    this.sandbox = sandbox;
    this.postgres = postgres;
    this.env = sandbox.env;
    env.put("INTERCOM_CLIENT_SECRET", SECRET);
    env.put("LOOKUP_API_TOKEN", LOOKUP_TOKEN);
    inspection = Databases.postgres(postgres.postgresUrl(), "public", "test-inspection", 2, 5_000);
    inbox = new WebhookInbox(inspection, Clock.systemUTC());
  }

  Map<String, String> env() {
    return env;
  }

  /** Empties the inbox of earlier tests (the database is shared by a test class). */
  void clearInbox() {
    postgres.execute("drop schema if exists intercom_sync cascade");
  }

  WebhookWorld start() {
    return start(FAST);
  }

  WebhookWorld start(WorkerOptions options) {
    Config config = Config.fromEnvironment(new HashMap<>(env)).withPort(0);
    components = new Components(config, Clock.systemUTC(),
        b -> b.backoff(Duration.ofMillis(1), Duration.ofMillis(5)).readTimeout(Duration.ofSeconds(10)));
    server = components.webhookServer(options);
    server.start();
    return this;
  }

  /** Stops like SIGTERM does; returns whether running work finished within {@code grace}. */
  boolean stop(Duration grace) {
    boolean finished = server.stop(grace);
    components.close();
    server = null;
    components = null;
    return finished;
  }

  WebhookWorld restart(WorkerOptions options) {
    stop(Duration.ofSeconds(5));
    return start(options);
  }

  WebhookServer server() {
    return server;
  }

  int port() {
    return server.port();
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
  }

  WebhookInbox inbox() {
    return inbox;
  }

  static String newId() {
    return "notif_" + UUID.randomUUID();
  }

  Response post(String body, String signature) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(WebhookServer.WEBHOOK_PATH))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (signature != null) {
      b.header("X-Hub-Signature", signature);
    }
    return send(b.build());
  }

  /** Delivers a notification as Intercom does, signed with the client secret. */
  Response deliver(String body) {
    Response r = post(body, WebhookNotifications.signature(body, SECRET));
    return r;
  }

  /** Delivers and expects the 200 acknowledgement. */
  void deliverOk(String body) {
    Response r = deliver(body);
    assertEquals(200, r.status(), r.body());
    assertEquals("{\"received\":true}", r.body());
  }

  Response get(String pathAndQuery, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  EventRecord event(String id) {
    return inbox.find(id).orElseThrow(() -> new AssertionError("not stored: " + id));
  }

  /** Waits until the event is finished (done or failed) and returns it. */
  EventRecord awaitFinished(String id) {
    awaitTrue("event " + id + " finished", () -> inbox.find(id)
        .map(r -> r.status() == EventStatus.DONE || r.status() == EventStatus.FAILED).orElse(false));
    return event(id);
  }

  static void awaitTrue(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    if (server != null) {
      stop(Duration.ofSeconds(2));
    }
    inspection.close();
    sandbox.close();
  }
}
