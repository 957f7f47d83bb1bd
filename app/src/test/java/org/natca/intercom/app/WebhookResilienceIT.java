package org.natca.intercom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natca.intercom.sandbox.bench.Slowloris;
import org.natca.intercom.sandbox.db.SandboxPostgres;
import org.natca.intercom.sandbox.emulator.EmulatedConversation;
import org.natca.intercom.sandbox.emulator.EmulatorOptions;
import org.natca.intercom.sandbox.emulator.IntercomEmulator;
import org.natca.intercom.sandbox.emulator.SeedContact;
import org.natca.intercom.sandbox.members.MemberRow;
import org.natca.intercom.sandbox.members.SyntheticMembers;
import org.natca.intercom.sandbox.webhook.WebhookNotifications;

/**
 * webhook-serve from the shipped jar, as separate processes, under what a bad night brings: slow
 * clients holding hundreds of connections, an instance killed -9 in the middle of a burst while
 * another shares its inbox, and database backends terminated under it. (The figures against the
 * targets come from {@code scripts/bench webhook}; these check the behaviour, with wide margins.)
 */
class WebhookResilienceIT {
  static final Path JAR = Path.of("target", "natca-intercom.jar");
  static final String SECRET = "it-client-secret";
  static final String TAG = "mynatca-sync";
  static final String ATTRIBUTE = "Member Number Verification";

  @TempDir
  Path dir;
  SandboxPostgres pg;
  IntercomEmulator intercom;
  String tagId;
  final List<Serve> instances = new ArrayList<>();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void world() {
    pg = SandboxPostgres.start();
    intercom = IntercomEmulator.start(EmulatorOptions.builder().requestsPerMinute(100_000).build());
    tagId = intercom.addTag(TAG);
  }

  @AfterEach
  void stopAll() {
    instances.forEach(Serve::kill);
    intercom.close();
    pg.close();
  }

  /** One webhook-serve process. */
  final class Serve {
    final String name;
    final int port;
    final Path log;
    final Process process;

    Serve(String name) throws IOException {
      this.name = name;
      this.port = freePort();
      this.log = dir.resolve(name + ".log");
      List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
          "-jar", JAR.toAbsolutePath().toString(), "webhook-serve", "--port=" + port);
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().clear();
      pb.environment().putAll(Map.of(
          "INTERCOM_ACCESS_TOKEN", intercom.token(),
          "INTERCOM_BASE_URL", intercom.baseUrl(),
          "INTERCOM_MAX_REQUESTS_PER_MINUTE", "10000",
          "INTERCOM_CLIENT_SECRET", SECRET,
          "DATABASE_URL", pg.postgresUrl(),
          "BIND_ADDRESS", "127.0.0.1"));
      this.process = pb.start();
      instances.add(this);
      awaitTrue(name + " answers /healthz", Duration.ofSeconds(60), () -> status(get("/healthz")) == 200);
    }

    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpRequest get(String path) {
      return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build();
    }

    HttpRequest post(String body) {
      return HttpRequest.newBuilder(uri("/api/intercom/webhook")).timeout(Duration.ofSeconds(10))
          .header("X-Hub-Signature", WebhookNotifications.signature(body, SECRET))
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    /** The owner name this process writes into the inbox's locked_by. */
    String owner() throws IOException {
      Matcher m = Pattern.compile("webhook workers started \\((webhook-serve-[0-9a-f]+)").matcher(logText());
      assertTrue(m.find(), "no owner in the log of " + name + ":\n" + logText());
      return m.group(1);
    }

    String logText() throws IOException {
      return Files.readString(log, StandardCharsets.UTF_8);
    }

    void kill() {
      process.destroyForcibly(); // SIGKILL: no shutdown hook, no hand-back
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A status, or -1 when there was no answer. */
  int status(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Test
  void slowloris_300RenewedConnections_healthAndSignedPostsStayQuick() throws Exception {
    Serve serve = new Serve("slowloris");
    List<Long> health = new ArrayList<>();
    List<Long> posts = new ArrayList<>();
    int failures = 0;
    try (Slowloris attack = new Slowloris("127.0.0.1", serve.port, 300, Duration.ofSeconds(1)).start()) {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < end) {
        long t0 = System.nanoTime();
        int h = status(serve.get("/healthz"));
        long t1 = System.nanoTime();
        String body = "{\"type\":\"notification_event\",\"id\":\"notif_" + UUID.randomUUID()
            + "\",\"topic\":\"conversation.user.replied\",\"created_at\":" + System.currentTimeMillis() / 1000
            + ",\"data\":{\"item\":{}}}";
        int p = status(serve.post(body));
        long t2 = System.nanoTime();
        failures += (h == 200 ? 0 : 1) + (p == 200 ? 0 : 1);
        health.add(t1 - t0);
        posts.add(t2 - t1);
        Thread.sleep(50);
      }
      assertEquals(0, failures, "every probe answered 200");
      // each slow connection is closed once its headers are ~10-15 s late, and the attack renews it
      assertTrue(attack.reopened() >= 300, "slow connections closed by the server: " + attack.reopened());
      assertEquals(0, attack.failedOpens(), "the server kept accepting");
    }
    long p99Health = p99(health);
    long p99Posts = p99(posts);
    System.out.printf("slowloris IT: /healthz p99 %d ms, signed post p99 %d ms (%d probes each)%n",
        p99Health / 1_000_000, p99Posts / 1_000_000, health.size());
    // the 500 ms target is measured by scripts/bench webhook on a quiet machine; this one is shared
    assertTrue(p99Health < TimeUnit.SECONDS.toNanos(2), "healthz p99 " + p99Health / 1_000_000 + " ms");
    assertTrue(p99Posts < TimeUnit.SECONDS.toNanos(2), "post p99 " + p99Posts / 1_000_000 + " ms");
    assertFalse(serve.logText().contains("\tat "), "no stack trace in the log:\n" + serve.logText());
  }

  @Test
  void anInstanceKilledMidBurst_itsEventsAreTakenUpWithin30s_noConversationGetsTwoNotes() throws Exception {
    intercom.setLatency(Duration.ofMillis(200)); // each event takes a second or two: the kill finds some running
    Serve a = new Serve("a");
    Serve b = new Serve("b");
    String ownerA = a.owner();
    List<String> refused = new ArrayList<>();
    List<String> synced = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    for (int n = 1; n <= 40; n++) {
      SyntheticMembers.insertMembers(pg.dataSource(), "public", List.of(MemberRow.active(n, "F" + n, "L" + n, "m" + n + "@example.org")));
      String lead = intercom.addContact(SeedContact.lead("m" + n + "@example.org"));
      // every other one has no member number: refused, with a note saying why
      boolean refuse = n % 2 == 0;
      String c = intercom.addConversation(lead, "open", refuse ? Map.of() : Map.of(ATTRIBUTE, Integer.toString(n)), tagId);
      (refuse ? refused : synced).add(c);
      String id = "notif_" + UUID.randomUUID();
      ids.add(id);
      bodies.add(WebhookNotifications.tagAdded(intercom, id, c, TAG));
    }
    // the first half of the burst reaches a, which is killed while it works on them; the rest goes to b
    for (String body : bodies.subList(0, 20)) {
      assertEquals(200, status(a.post(body)));
    }
    awaitTrue("instance a holds events", Duration.ofSeconds(30), () -> count(
        "select count(*) from intercom_sync.webhook_events where status = 'processing' and locked_by like '" + ownerA + "/%'") > 0);
    long killedAtMillis = System.currentTimeMillis();
    a.kill();
    long heldByA = count("select count(*) from intercom_sync.webhook_events where status = 'processing'"
        + " and locked_by like '" + ownerA + "/%'");
    for (String body : bodies.subList(20, 40)) {
      assertEquals(200, status(b.post(body)));
    }

    awaitTrue("every event finished", Duration.ofSeconds(60), () -> count(
        "select count(*) from intercom_sync.webhook_events where status in ('done', 'failed')") == ids.size());

    long lastFinished = count("select (extract(epoch from max(finished_at)) * 1000)::bigint from intercom_sync.webhook_events");
    long recovery = lastFinished - killedAtMillis;
    System.out.printf("kill -9 IT: %d events held by the killed instance; all %d done %d ms after the kill%n",
        heldByA, ids.size(), recovery);
    assertTrue(heldByA > 0, "the kill found events running");
    assertTrue(recovery <= 30_000, "every event done within 30 s of the kill: " + recovery + " ms");
    assertEquals(0, count("select count(*) from intercom_sync.webhook_events where status = 'failed'"));
    for (String c : refused) {
      EmulatedConversation conv = intercom.conversation(c).orElseThrow();
      assertEquals(1, conv.notes().size(), c + ": " + conv.notes());
      assertTrue(conv.hasTagNamed(TAG));
    }
    for (String c : synced) {
      EmulatedConversation conv = intercom.conversation(c).orElseThrow();
      assertTrue(conv.notes().isEmpty(), c + ": " + conv.notes());
      assertFalse(conv.hasTagNamed(TAG), c + " untagged");
    }
    assertEquals(synced.size(), intercom.contacts().stream().filter(x -> "user".equals(x.role())).count(),
        "one user per synced member: " + intercom.contacts());
    assertFalse(b.logText().contains("\tat "), "no stack trace in the survivor's log:\n" + b.logText());
  }

  /**
   * The member database stopped under a running instance for longer than a minute (HikariCP's own
   * "pool is empty" warning, with the driver's stack trace, comes after a minute of failures):
   * deliveries get 503, /healthz 503, and every failure is one line.
   */
  @Test
  void theDatabaseGoneForMoreThanAMinute_isAnsweredWith503_andLoggedOneLineAtATime() throws Exception {
    Serve serve = new Serve("outage");
    String ok = "{\"type\":\"notification_event\",\"id\":\"notif_before\",\"topic\":\"conversation.user.replied\","
        + "\"created_at\":" + System.currentTimeMillis() / 1000 + ",\"data\":{\"item\":{}}}";
    assertEquals(200, status(serve.post(ok)));
    assertFalse(serve.logText().contains("[WARN]"), "a start with everything in order warns of nothing:\n" + serve.logText());
    pg.close(); // connections refused from now on
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(75);
    int refused = 0;
    int unhealthy = 0;
    while (System.nanoTime() < end) {
      String body = "{\"type\":\"notification_event\",\"id\":\"notif_" + UUID.randomUUID()
          + "\",\"topic\":\"conversation.user.replied\",\"created_at\":" + System.currentTimeMillis() / 1000
          + ",\"data\":{\"item\":{}}}";
      refused += status(serve.post(body)) == 503 ? 1 : 0;
      unhealthy += status(serve.get("/healthz")) == 503 ? 1 : 0;
      Thread.sleep(1_000);
    }
    assertTrue(refused >= 5 && unhealthy >= 5, "deliveries refused " + refused + ", /healthz 503 " + unhealthy);
    String log = serve.logText();
    List<String> notOneLine = log.lines()
        .filter(l -> !l.isEmpty() && !l.matches("^\\d{4}-\\d{2}-\\d{2}T.*"))
        .toList();
    assertTrue(notOneLine.isEmpty(), notOneLine.size() + " lines that continue a log entry (a stack trace?), e.g. "
        + notOneLine.subList(0, Math.min(5, notOneLine.size())) + "\nin:\n" + log);
    assertTrue(log.contains("answered 503"), "the refused deliveries are logged:\n" + log);
  }

  long count(String sql) {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl()); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  static long p99(List<Long> nanos) {
    long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)];
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
