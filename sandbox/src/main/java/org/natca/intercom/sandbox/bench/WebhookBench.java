package org.natca.intercom.sandbox.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.natca.intercom.sandbox.db.SandboxPostgres;
import org.natca.intercom.sandbox.emulator.EmulatorOptions;
import org.natca.intercom.sandbox.emulator.IntercomEmulator;
import org.natca.intercom.sandbox.emulator.SeedContact;
import org.natca.intercom.sandbox.members.SyntheticMembers;
import org.natca.intercom.sandbox.webhook.WebhookNotifications;

/**
 * The webhook-serve benchmark of issue 4, on loopback: a real PostgreSQL with synthetic members, the
 * Intercom emulator at 20 ms a request, and {@code java -jar natca-intercom.jar webhook-serve} as its
 * own process with the environment it would have in production.
 *
 * <ol>
 *   <li>Acknowledgement latency: signed notifications at 200 a second for 60 seconds, open loop (each
 *       latency counts from when the request was due, so a stall is not hidden), a realistic mix:
 *       replies of enriched members, first messages of unknown leads, other tags added. Among them,
 *       one real sync-tag a second, timed from notification to tag removed ("under load").</li>
 *   <li>Tag re-sync on a quiet service: 50 conversations (a lead, a user with stale data, no contact),
 *       one after the other, from notification to tag removed, seen by polling the emulator.</li>
 *   <li>Slowloris (issue 14): 300 connections that send a request's headers one byte a second, each
 *       opened again as soon as the server closes it, for 2 minutes ({@code -Dbench.slowlorisSeconds});
 *       meanwhile {@code /healthz} and signed posts, 5 a second each, timed.</li>
 *   <li>1 MiB notifications, 32 senders at once, 10 each: acknowledgement latency.</li>
 *   <li>Crash recovery: a second instance on the same inbox; a burst of sync tags to the first, which is
 *       killed -9 while it works on some; the time from the kill until the survivor has finished them.</li>
 * </ol>
 *
 * Usage: {@code WebhookBench path/to/natca-intercom.jar [seconds] [rate]}.
 */
public final class WebhookBench {
  static final String SECRET = "bench-client-secret";
  static final String TAG = "mynatca-sync";
  static final String ATTRIBUTE = "Member Number Verification";
  static final int MEMBERS = 20_000;
  static final Duration LATENCY = Duration.ofMillis(20);
  static final int BUDGET_PER_MINUTE = 10_000;
  static final int WARMUP_SECONDS = 20;
  /**
   * An index for the email lookups of enrichment. Here PostgreSQL shares the two cores with the service
   * and the client; in production the member database has its own. Without it ({@code
   * -Dbench.emailIndex=false}) each lookup of an unknown email scans the members table on these cores.
   */
  static final boolean EMAIL_INDEX = Boolean.parseBoolean(System.getProperty("bench.emailIndex", "true"));
  static final List<String> ALL_PARTS = List.of("acks", "quiet", "slowloris", "big", "crash");
  /** The parts to run ({@code -Dbench.parts=big,crash}; scripts/bench passes WEBHOOK_BENCH_PARTS), in this order. */
  static final List<String> PARTS = parts(System.getProperty("bench.parts", String.join(",", ALL_PARTS)));

  private static List<String> parts(String spec) {
    List<String> asked = Arrays.stream(spec.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    for (String p : asked) {
      if (!ALL_PARTS.contains(p)) {
        System.err.println("bench.parts: unknown part " + p + "; the parts are " + String.join(",", ALL_PARTS));
        System.exit(2);
      }
    }
    return ALL_PARTS.stream().filter(asked::contains).toList();
  }

  private final Path jar;
  private final int seconds;
  private final int rate;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(8, daemon("bench-http"))).build();
  private SandboxPostgres postgres;
  private IntercomEmulator intercom;
  private String tagId;
  private int port;

  private WebhookBench(Path jar, int seconds, int rate) {
    this.jar = jar;
    this.seconds = seconds;
    this.rate = rate;
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.log.io.zonky", "warn");
    if (args.length < 1 || !Files.isRegularFile(Path.of(args[0]))) {
      System.err.println("usage: WebhookBench path/to/natca-intercom.jar [seconds=60] [rate=200]");
      System.exit(2);
    }
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    int rate = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    if (seconds < 1 || seconds > 600 || rate < 1 || rate > 2_000) {
      System.err.println("seconds must be 1..600 and rate 1..2000");
      System.exit(2);
    }
    int code = new WebhookBench(Path.of(args[0]), seconds, rate).run();
    System.exit(code);
  }

  private int run() throws Exception {
    Process server = null;
    Path log = Files.createTempFile("webhook-bench-", ".log");
    try {
      say("starting PostgreSQL with " + MEMBERS + " synthetic members and the emulator (" + LATENCY.toMillis() + " ms a request)");
      postgres = SandboxPostgres.start();
      SyntheticMembers.fill(postgres.dataSource(), "public", MEMBERS, 42);
      if (EMAIL_INDEX) {
        postgres.execute("create index on members (lower(btrim(email, E' \\t\\r\\n'))); analyze members");
      }
      intercom = IntercomEmulator.start(EmulatorOptions.builder().latency(LATENCY).requestsPerMinute(BUDGET_PER_MINUTE)
          .predefineContractAttributes(true)
          .conformanceChecks(false) // measured runs: the OpenAPI checks belong to the test suite
          .build());
      tagId = intercom.addTag(TAG);
      List<Member> members = eligibleMembers(2_600);
      Load load = prepareLoad(members.subList(0, 2_000), members.subList(2_000, 2_000 + seconds + 10));
      List<Tagged> quiet = prepareTagged(members.subList(2_100, 2_150), "quiet");

      port = freePort();
      say("starting " + jar + " webhook-serve on port " + port + " (log: " + log + ")");
      server = startServer(log);
      awaitHealthy(server, log);

      // the JIT compiler takes most of a core for the first half minute; production runs for days
      say("warming up (JIT): " + rate + "/s for " + WARMUP_SECONDS + " s, not counted");
      sendAtRate(load.warmup, rate, List.of());
      awaitDrained(Duration.ofSeconds(120));
      intercom.clearLog();

      List<String> report = new ArrayList<>();
      boolean ok = true;
      long syncFailures = 0;
      if (PARTS.contains("acks")) {
        say("load: " + rate + "/s for " + seconds + " s (" + load.notifications.size() + " notifications, "
            + load.underLoad.size() + " of them sync tags)");
        List<TagTimer> underLoadTimers = new ArrayList<>();
        Result acks = sendAtRate(load.notifications, rate, watch(load.underLoad, underLoadTimers));
        String during = loadAverage();
        long drainStarted = System.nanoTime();
        Map<String, Long> after = awaitDrained(Duration.ofSeconds(300));
        double drainSeconds = (System.nanoTime() - drainStarted) / 1e9;
        long intercomRequests = intercom.requests().size();
        Stats underLoad = Stats.of(underLoadTimers.stream().mapToLong(TagTimer::nanos).toArray());
        Stats ackStats = Stats.of(acks.latencies());
        syncFailures += countLeftTagged(load.underLoad);
        report.add(String.format("acks        %d notifications at %d/s for %d s (open loop): non-200 %d, errors %d; load average %s%n"
            + "            ack latency  p50 %s  p99 %s  max %s   (target: p99 < 100 ms, every ack < 500 ms)",
            acks.sent(), rate, seconds, acks.non200(), acks.errors(), during, ms(ackStats.p50), ms(ackStats.p99), ms(ackStats.max)));
        report.add(String.format("processing  events done %d, failed %d; backlog drained %.1f s after the last send; %d Intercom requests",
            after.getOrDefault("done", 0L), after.getOrDefault("failed", 0L), drainSeconds, intercomRequests));
        report.add(String.format("tag re-sync under load (%d conversations)  p50 %s  p99 %s  max %s",
            underLoad.count, ms(underLoad.p50), ms(underLoad.p99), ms(underLoad.max)));
        ok &= acks.non200() == 0 && acks.errors() == 0 && ackStats.p99 < 100_000_000L && ackStats.max < 500_000_000L
            && underLoad.p99 < 1_000_000_000L && after.getOrDefault("failed", 0L) == 0;
      }

      if (PARTS.contains("quiet")) {
        say("tag re-sync on a quiet service: " + quiet.size() + " conversations, one after the other");
        long[] quietNanos = new long[quiet.size()];
        for (int i = 0; i < quiet.size(); i++) {
          quietNanos[i] = tagAndWait(quiet.get(i));
        }
        Stats quietStats = Stats.of(quietNanos);
        syncFailures += countLeftTagged(quiet);
        report.add(String.format("tag re-sync quiet      (%d conversations)  p50 %s  p99 %s  max %s   (target: p99 < 1 s); load average %s",
            quietStats.count, ms(quietStats.p50), ms(quietStats.p99), ms(quietStats.max), loadAverage()));
        ok &= quietStats.p99 < 1_000_000_000L;
      }

      if (PARTS.contains("slowloris")) {
        Duration slowFor = Duration.ofSeconds(Long.getLong("bench.slowlorisSeconds", 120));
        say("slowloris: " + SLOW_CONNECTIONS + " connections, one header byte a second each, renewed, for "
            + slowFor.toSeconds() + " s; /healthz and signed posts timed meanwhile");
        Slow slow = slowloris(slowFor);
        String during = loadAverage();
        awaitDrained(Duration.ofSeconds(120));
        report.add(String.format("slowloris   %d connections renewed for %d s (%d closed by the server and opened again, %d opens failed);"
            + " load average %s%n"
            + "            /healthz      p50 %s  p99 %s  max %s  (%d probes, non-200 %d)   (target: p99 < 500 ms)%n"
            + "            signed post   p50 %s  p99 %s  max %s  (%d probes, non-200 %d)   (target: p99 < 500 ms)",
            SLOW_CONNECTIONS, slowFor.toSeconds(), slow.reopened(), slow.failedOpens(), during,
            ms(slow.health().p50), ms(slow.health().p99), ms(slow.health().max), slow.health().count, slow.healthFailures(),
            ms(slow.posts().p50), ms(slow.posts().p99), ms(slow.posts().max), slow.posts().count, slow.postFailures()));
        ok &= slow.health().p99 < 500_000_000L && slow.posts().p99 < 500_000_000L
            && slow.healthFailures() == 0 && slow.postFailures() == 0;
      }

      if (PARTS.contains("big")) {
        say("1 MiB notifications: " + BIG_SENDERS + " senders at once, " + BIG_EACH + " each");
        HttpRequest[] bigRequests = bigRequests();
        long serverCpu0 = cpuMillis(server.pid());
        long benchCpu0 = ownCpuMillis();
        Map<Long, Long> postgresCpu0 = postgresCpu();
        Result big = bigBodies(bigRequests);
        String during = loadAverage();
        long serverCpu = cpuMillis(server.pid()) - serverCpu0;
        long benchCpu = ownCpuMillis() - benchCpu0;
        long postgresCpu = 0;
        for (Map.Entry<Long, Long> e : postgresCpu().entrySet()) {
          postgresCpu += e.getValue() - postgresCpu0.getOrDefault(e.getKey(), 0L);
        }
        awaitDrained(Duration.ofSeconds(300));
        Stats bigStats = Stats.of(big.latencies());
        report.add(String.format("1 MiB       %d notifications of 1 MiB, %d senders at once: p50 %s  p99 %s  max %s; non-200 %d, errors %d"
            + "   (target: p99 < 500 ms); load average %s%n"
            + "            CPU per notification: webhook-serve %.1f ms (its workers' share included), PostgreSQL %.1f ms,"
            + " this driver (client and emulator) %.1f ms",
            big.sent(), BIG_SENDERS, ms(bigStats.p50), ms(bigStats.p99),
            ms(bigStats.max), big.non200(), big.errors(), during, serverCpu / (double) big.sent(), postgresCpu / (double) big.sent(),
            benchCpu / (double) big.sent()));
        ok &= bigStats.p99 < 500_000_000L && big.non200() == 0 && big.errors() == 0;
      }

      if (PARTS.contains("crash")) {
        List<Tagged> crashBurst = prepareTagged(members.subList(2_200, 2_200 + CRASH_BURST), "crash");
        say("crash recovery: a second instance, " + crashBurst.size() + " sync tags to the first, killed -9 mid-burst");
        Crash crash = crashRecovery(server, log, crashBurst);
        server = null; // killed
        syncFailures += countLeftTagged(crashBurst);
        report.add(String.format("crash       kill -9 with %d of %d events running on it: the survivor finished them %.1f s after the kill,"
            + " the whole burst %.1f s after it; events failed %d   (target: < 30 s); load average %s",
            crash.held(), crashBurst.size(), crash.heldDoneMillis() / 1000.0, crash.allDoneMillis() / 1000.0, crash.failed(),
            loadAverage()));
        ok &= crash.held() > 0 && crash.heldDoneMillis() < 30_000 && crash.allDoneMillis() < 30_000 && crash.failed() == 0;
      }
      ok &= syncFailures == 0;

      System.out.println();
      System.out.println("==== webhook-serve benchmark ====");
      System.out.printf("setup       loopback; %d synthetic members in embedded PostgreSQL (%s); emulator %d ms a request;%n"
          + "            budget %d requests/min; %d CPUs (load average %s at the end); %d s JIT warm-up; java -Xmx256m -jar %s webhook-serve%s%n",
          MEMBERS, EMAIL_INDEX ? "email index" : "no email index", LATENCY.toMillis(), BUDGET_PER_MINUTE,
          Runtime.getRuntime().availableProcessors(), loadAverage(), WARMUP_SECONDS, jar.getFileName(),
          PARTS.equals(ALL_PARTS) ? "" : "; parts " + String.join(",", PARTS));
      report.forEach(System.out::println);
      System.out.println("result      " + (ok ? "PASS" : "FAIL") + (syncFailures > 0 ? " (" + syncFailures + " tags not removed)" : ""));
      System.out.println("=================================");
      return ok ? 0 : 1;
    } finally {
      if (server != null && server.isAlive()) {
        server.destroy();
        if (!server.waitFor(40, TimeUnit.SECONDS)) {
          server.destroyForcibly();
        } else {
          say("webhook-serve stopped on SIGTERM with exit code " + server.exitValue());
        }
      }
      if (intercom != null) {
        intercom.close();
      }
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  // ---------------------------------------------------------------- issue 14: hostile clients, a crash

  static final int SLOW_CONNECTIONS = 300;
  static final int BIG_SENDERS = 32;
  static final int BIG_EACH = 10;
  static final int CRASH_BURST = 40;

  record Slow(Stats health, Stats posts, int healthFailures, int postFailures, long reopened, long failedOpens) {}

  record Crash(int held, long heldDoneMillis, long allDoneMillis, long failed) {}

  private Slow slowloris(Duration duration) throws Exception {
    List<Long> health = new ArrayList<>();
    List<Long> posts = new ArrayList<>();
    int healthFailures = 0;
    int postFailures = 0;
    long reopened;
    long failedOpens;
    try (Slowloris attack = new Slowloris("127.0.0.1", port, SLOW_CONNECTIONS, Duration.ofSeconds(1)).start()) {
      long end = System.nanoTime() + duration.toNanos();
      while (System.nanoTime() < end) {
        long t0 = System.nanoTime();
        healthFailures += statusOf(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
            .timeout(Duration.ofSeconds(10)).build()) == 200 ? 0 : 1;
        long t1 = System.nanoTime();
        String body = "{\"type\":\"notification_event\",\"id\":\"notif_" + UUID.randomUUID()
            + "\",\"topic\":\"conversation.user.replied\",\"created_at\":" + System.currentTimeMillis() / 1000
            + ",\"data\":{\"item\":{}}}";
        postFailures += statusOf(signedPost(body)) == 200 ? 0 : 1;
        long t2 = System.nanoTime();
        health.add(t1 - t0);
        posts.add(t2 - t1);
        long wait = 200_000_000L - (System.nanoTime() - t0);
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000);
        }
      }
      reopened = attack.reopened();
      failedOpens = attack.failedOpens();
    }
    return new Slow(Stats.of(health.stream().mapToLong(Long::longValue).toArray()),
        Stats.of(posts.stream().mapToLong(Long::longValue).toArray()), healthFailures, postFailures, reopened, failedOpens);
  }

  /** 1 MiB signed notifications (a reply whose item carries padding and no contact), sent by many at once. */
  private HttpRequest[] bigRequests() {
    String head = "{\"type\":\"notification_event\",\"id\":\"ID\",\"topic\":\"conversation.user.replied\",\"created_at\":"
        + System.currentTimeMillis() / 1000 + ",\"data\":{\"item\":{\"padding\":\"";
    String tail = "\"}}}";
    int room = (1 << 20) - head.length() - tail.length() - 60; // the id grows by a UUID
    String template = head + "x".repeat(room) + tail;
    // bodies and signatures made up front, as for the load: the senders do nothing but send
    HttpRequest[] requests = new HttpRequest[BIG_SENDERS * BIG_EACH];
    for (int i = 0; i < requests.length; i++) {
      byte[] bytes = withId(template).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      requests[i] = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/intercom/webhook"))
          .timeout(Duration.ofSeconds(20))
          .header(WebhookNotifications.SIGNATURE_HEADER, WebhookNotifications.signature(bytes, SECRET))
          .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    }
    return requests;
  }

  /** Sends the requests, {@link #BIG_SENDERS} at once, each sender its {@link #BIG_EACH} one after the other. */
  private Result bigBodies(HttpRequest[] requests) throws Exception {
    java.util.concurrent.ExecutorService senders = Executors.newFixedThreadPool(BIG_SENDERS, daemon("bench-big"));
    long[] latencies = new long[requests.length];
    AtomicInteger non200 = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
        .executor(Executors.newFixedThreadPool(8, daemon("bench-big-http"))).build();
    CountDownLatch start = new CountDownLatch(1);
    List<java.util.concurrent.Future<?>> all = new ArrayList<>();
    for (int s = 0; s < BIG_SENDERS; s++) {
      int sender = s;
      all.add(senders.submit(() -> {
        start.await();
        for (int i = 0; i < BIG_EACH; i++) {
          HttpRequest r = requests[sender * BIG_EACH + i];
          long t0 = System.nanoTime();
          try {
            int code = own.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (code != 200) {
              non200.incrementAndGet();
            }
          } catch (IOException e) {
            errors.incrementAndGet();
          }
          latencies[sender * BIG_EACH + i] = System.nanoTime() - t0;
        }
        return null;
      }));
    }
    start.countDown();
    for (java.util.concurrent.Future<?> f : all) {
      f.get(10, TimeUnit.MINUTES);
    }
    senders.shutdownNow();
    return new Result(latencies.length, non200.get(), errors.get(), latencies);
  }

  /** A second instance on the same inbox; a burst to the first, killed -9 while it holds events. */
  private Crash crashRecovery(Process first, Path firstLog, List<Tagged> burst) throws Exception {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("webhook workers started \\((webhook-serve-[0-9a-f]+)")
        .matcher(Files.readString(firstLog));
    if (!m.find()) {
      throw new IllegalStateException("no worker owner in " + firstLog);
    }
    String owner = m.group(1);
    int firstPort = port;
    Path secondLog = Files.createTempFile("webhook-bench-second-", ".log");
    port = freePort();
    Process second = startServer(secondLog);
    try {
      awaitHealthy(second, secondLog);
      int secondPort = port;
      port = firstPort;
      intercom.setLatency(Duration.ofMillis(200)); // events take a second or two, so the kill finds some running
      for (Tagged t : burst) {
        if (statusOf(signedPost(t.body())) != 200) {
          throw new IllegalStateException("the first instance refused a tag notification");
        }
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (count("select count(*) from intercom_sync.webhook_events where status = 'processing' and locked_by like '"
          + owner + "/%'") == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      List<String> held = new ArrayList<>();
      long killedAt = System.currentTimeMillis();
      first.destroyForcibly();
      first.waitFor(10, TimeUnit.SECONDS);
      try (Connection c = postgres.dataSource().getConnection(); Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("select id from intercom_sync.webhook_events where status = 'processing'"
               + " and locked_by like '" + owner + "/%'")) {
        while (rs.next()) {
          held.add(rs.getString(1));
        }
      }
      port = secondPort;
      awaitDrained(Duration.ofSeconds(120));
      intercom.setLatency(LATENCY);
      String in = held.isEmpty() ? "''" : "'" + String.join("','", held) + "'";
      long heldDone = count("select coalesce((extract(epoch from max(finished_at)) * 1000)::bigint, 0)"
          + " from intercom_sync.webhook_events where id in (" + in + ")");
      long allDone = count("select (extract(epoch from max(finished_at)) * 1000)::bigint from intercom_sync.webhook_events");
      long failed = count("select count(*) from intercom_sync.webhook_events where status = 'failed'");
      return new Crash(held.size(), held.isEmpty() ? 0 : heldDone - killedAt, allDone - killedAt, failed);
    } finally {
      second.destroy();
      if (!second.waitFor(40, TimeUnit.SECONDS)) {
        second.destroyForcibly();
      }
    }
  }

  private HttpRequest signedPost(String body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/intercom/webhook"))
        .timeout(Duration.ofSeconds(10))
        .header(WebhookNotifications.SIGNATURE_HEADER, WebhookNotifications.signature(body, SECRET))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private int statusOf(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private long count(String sql) throws SQLException {
    try (Connection c = postgres.dataSource().getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // ---------------------------------------------------------------- the world

  record Member(int number, String email) {}

  /** A conversation carrying the sync tag, and its notification. */
  record Tagged(String conversationId, String body) {}

  record Load(List<String> warmup, List<String> notifications, List<Tagged> underLoad) {}

  private List<Member> eligibleMembers(int n) throws SQLException {
    List<Member> out = new ArrayList<>();
    try (Connection c = postgres.dataSource().getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("select min(membernumber), min(btrim(email)) from members"
             + " where status = 'Active' and email ~ '^[^[:space:]]+@[^[:space:]]+$'"
             + " group by lower(btrim(email)) having count(*) = 1 order by 1 limit " + n)) {
      while (rs.next()) {
        out.add(new Member(rs.getInt(1), rs.getString(2)));
      }
    }
    if (out.size() < n) {
      throw new IllegalStateException("only " + out.size() + " usable members");
    }
    return out;
  }

  /**
   * Per second of load: 40% replies of members already enriched (one contact read each), 20% first
   * messages of leads nobody knows (a read and a member lookup), 40% other tags added (no Intercom
   * call), and one real sync tag.
   */
  private Load prepareLoad(List<Member> enriched, List<Member> toTag) {
    List<String> replying = new ArrayList<>();
    for (Member m : enriched) {
      String user = intercom.addContact(SeedContact.user(m.email(), Integer.toString(m.number()))
          .withAttribute("member_number", Integer.toString(m.number())));
      replying.add(intercom.addConversation(user, "open", Map.of()));
    }
    List<String> strangers = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String lead = intercom.addContact(SeedContact.lead("stranger" + i + "@example.com"));
      strangers.add(intercom.addConversation(lead, "open", Map.of()));
    }
    String billing = intercom.addTag("billing");
    List<String> otherTagged = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      otherTagged.add(intercom.addConversation(null, "open", Map.of(), billing));
    }
    // bodies rendered up front: the sender does nothing but send
    Map<String, String> rendered = new HashMap<>();
    List<String> warmup = new ArrayList<>();
    List<String> load = new ArrayList<>();
    int total = seconds * rate;
    int warmupCount = rate * WARMUP_SECONDS;
    for (int i = 0; i < warmupCount + total; i++) {
      int kind = i % 5;
      String body;
      if (kind <= 1) {
        String c = replying.get(i % replying.size());
        body = withId(rendered.computeIfAbsent("r" + c,
            k -> WebhookNotifications.conversationEvent(intercom, "ID", WebhookNotifications.USER_REPLIED, c)));
      } else if (kind == 2) {
        String c = strangers.get(i % strangers.size());
        body = withId(rendered.computeIfAbsent("s" + c,
            k -> WebhookNotifications.conversationEvent(intercom, "ID", WebhookNotifications.USER_CREATED, c)));
      } else {
        String c = otherTagged.get(i % otherTagged.size());
        body = withId(rendered.computeIfAbsent("b" + c, k -> WebhookNotifications.tagAdded(intercom, "ID", c, "billing")));
      }
      (warmup.size() < warmupCount ? warmup : load).add(body);
    }
    List<Tagged> underLoad = prepareTagged(toTag.subList(0, Math.min(toTag.size(), seconds)), "load");
    // one sync tag a second, in place of an ordinary notification
    for (int s = 0; s < underLoad.size(); s++) {
      load.set(s * rate + rate / 2, underLoad.get(s).body());
    }
    return new Load(warmup, load, underLoad);
  }

  /** Conversations in the support guide's situations, in turn: a lead, a user with stale data, no contact. */
  private List<Tagged> prepareTagged(List<Member> members, String label) {
    List<Tagged> out = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      String contact;
      switch (i % 3) {
        case 0:
          contact = intercom.addContact(SeedContact.lead("personal." + label + i + "@example.com"));
          break;
        case 1:
          contact = intercom.addContact(SeedContact.user("old." + label + i + "@example.com", Integer.toString(m.number()))
              .withName("Stale Name"));
          break;
        default:
          contact = null;
      }
      String conversation = intercom.addConversation(contact, "open", Map.of(ATTRIBUTE, Integer.toString(m.number())), tagId);
      out.add(new Tagged(conversation, withId(WebhookNotifications.tagAdded(intercom, "ID", conversation, TAG))));
    }
    return out;
  }

  private static String withId(String template) {
    return template.replace("\"id\":\"ID\"", "\"id\":\"notif_" + UUID.randomUUID() + "\"");
  }

  // ---------------------------------------------------------------- the server

  private Process startServer(Path log) throws IOException {
    // the heap production gives it (.do/app.yaml)
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
    // e.g. a profiler for the service alone: -Dbench.serverJvm="-XX:StartFlightRecording=filename=/tmp/serve.jfr"
    String jvm = System.getProperty("bench.serverJvm", "").strip();
    if (!jvm.isEmpty()) {
      cmd.addAll(List.of(jvm.split("\\s+")));
    }
    cmd.addAll(List.of("-jar", jar.toString(), "webhook-serve"));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("INTERCOM_") || k.startsWith("DATABASE_") || k.startsWith("MYSQL_")
        || k.equals("PORT") || k.equals("LOOKUP_API_TOKEN") || k.equals("SYNC_TAG") || k.equals("MEMBER_NUMBER_ATTRIBUTE"));
    env.put("INTERCOM_ACCESS_TOKEN", intercom.token());
    env.put("INTERCOM_BASE_URL", intercom.baseUrl());
    env.put("INTERCOM_MAX_REQUESTS_PER_MINUTE", Integer.toString(BUDGET_PER_MINUTE));
    env.put("INTERCOM_CLIENT_SECRET", SECRET);
    env.put("DATABASE_URL", postgres.postgresUrl());
    env.put("PORT", Integer.toString(port));
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    return pb.start();
  }

  private void awaitHealthy(Process server, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException("webhook-serve exited " + server.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("webhook-serve did not become healthy:\n" + Files.readString(log));
  }

  /** Waits until no stored event is pending or in progress; returns the counts by status. */
  private Map<String, Long> awaitDrained(Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      Map<String, Long> counts = new HashMap<>();
      try (Connection c = postgres.dataSource().getConnection(); Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("select status, count(*) from intercom_sync.webhook_events group by status")) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getLong(2));
        }
      }
      if (counts.getOrDefault("pending", 0L) + counts.getOrDefault("processing", 0L) == 0) {
        return counts;
      }
      if (System.nanoTime() > deadline) {
        say("backlog not drained in " + limit.toSeconds() + " s: " + counts);
        return counts;
      }
      Thread.sleep(50);
    }
  }

  // ---------------------------------------------------------------- sending and timing

  record Result(int sent, int non200, int errors, long[] latencies) {}

  /** Sends {@code bodies} at {@code perSecond}, open loop; each latency counts from when the request was due. */
  private Result sendAtRate(List<String> bodies, int perSecond, List<TagTimer> timers) throws InterruptedException {
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("bench-ticker"));
    long[] latencies = new long[bodies.size()];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger non200 = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(bodies.size());
    long periodNanos = 1_000_000_000L / perSecond;
    long start = System.nanoTime() + 20_000_000L;
    Map<String, TagTimer> timerByBody = new HashMap<>();
    for (TagTimer t : timers) {
      timerByBody.put(t.tagged.body(), t);
    }
    ticker.scheduleAtFixedRate(() -> {
      // catch up on every request that is due, so a late tick does not lower the rate
      long now = System.nanoTime();
      while (true) {
        int i = next.get();
        if (i >= bodies.size() || start + i * periodNanos > now || !next.compareAndSet(i, i + 1)) {
          return;
        }
        long due = start + i * periodNanos;
        String body = bodies.get(i);
        TagTimer timer = timerByBody.get(body);
        if (timer != null) {
          timer.sentAt = due;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/intercom/webhook"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header(WebhookNotifications.SIGNATURE_HEADER, WebhookNotifications.signature(body, SECRET))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        CompletableFuture<HttpResponse<Void>> f = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        f.whenComplete((r, e) -> {
          latencies[i] = System.nanoTime() - due;
          if (e != null) {
            errors.incrementAndGet();
          } else if (r.statusCode() != 200) {
            non200.incrementAndGet();
          }
          done.countDown();
        });
      }
    }, 0, 1, TimeUnit.MILLISECONDS);
    done.await(bodies.size() / perSecond + 60L, TimeUnit.SECONDS);
    ticker.shutdownNow();
    for (TagTimer t : timers) {
      t.await();
    }
    return new Result(bodies.size(), non200.get(), errors.get(), latencies);
  }

  /** Polls the emulator until the tag is gone from each conversation; one poller thread for all. */
  private List<TagTimer> watch(List<Tagged> tagged, List<TagTimer> into) {
    for (Tagged t : tagged) {
      into.add(new TagTimer(t));
    }
    Thread poller = new Thread(() -> {
      while (into.stream().anyMatch(t -> t.removedAt == 0)) {
        for (TagTimer t : into) {
          if (t.sentAt != 0 && t.removedAt == 0 && !intercom.conversation(t.tagged.conversationId()).orElseThrow().hasTag(tagId)) {
            t.removedAt = System.nanoTime();
            t.done.countDown();
          }
        }
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-tag-poller");
    poller.setDaemon(true);
    poller.start();
    return into;
  }

  static final class TagTimer {
    final Tagged tagged;
    final CountDownLatch done = new CountDownLatch(1);
    volatile long sentAt;
    volatile long removedAt;

    TagTimer(Tagged tagged) {
      this.tagged = tagged;
    }

    void await() throws InterruptedException {
      if (!done.await(60, TimeUnit.SECONDS)) {
        removedAt = -1;
      }
    }

    long nanos() {
      return removedAt <= 0 ? Long.MAX_VALUE : removedAt - sentAt;
    }
  }

  /** One tag re-sync on its own: notification to tag removed. */
  private long tagAndWait(Tagged t) throws Exception {
    long started = System.nanoTime();
    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/intercom/webhook"))
        .header(WebhookNotifications.SIGNATURE_HEADER, WebhookNotifications.signature(t.body(), SECRET))
        .POST(HttpRequest.BodyPublishers.ofString(t.body())).build(), HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("tag notification answered " + r.statusCode());
    }
    long deadline = started + TimeUnit.SECONDS.toNanos(30);
    while (intercom.conversation(t.conversationId()).orElseThrow().hasTag(tagId)) {
      if (System.nanoTime() > deadline) {
        return Long.MAX_VALUE;
      }
      Thread.sleep(0, 200_000);
    }
    return System.nanoTime() - started;
  }

  private long countLeftTagged(List<Tagged> tagged) {
    return tagged.stream().filter(t -> intercom.conversation(t.conversationId()).orElseThrow().hasTag(tagId)).count();
  }

  record Stats(int count, long p50, long p99, long max) {
    static Stats of(long[] nanos) {
      if (nanos.length == 0) {
        return new Stats(0, 0, 0, 0);
      }
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      return new Stats(sorted.length, percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1]);
    }

    static long percentile(long[] sorted, int p) {
      int rank = (int) Math.ceil(p / 100.0 * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
  }

  private static String ms(long nanos) {
    if (nanos == Long.MAX_VALUE) {
      return "timeout";
    }
    return String.format("%.1f ms", nanos / 1e6);
  }

  /** CPU time (user and system) a process used so far, from /proc; -1 where there is none. */
  static long cpuMillis(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
      return ticks * 10; // USER_HZ is 100 on Linux
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** CPU so far of each PostgreSQL process this driver started (backends that ended meanwhile are not counted). */
  private Map<Long, Long> postgresCpu() {
    Map<Long, Long> cpu = new HashMap<>();
    String port = Integer.toString(postgres.port());
    ProcessHandle.allProcesses() // the postmaster runs on its own (pg_ctl started it), its backends under it
        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
        .filter(p -> p.info().arguments().map(a -> List.of(a).contains(port)).orElse(false))
        .forEach(p -> {
          cpu.put(p.pid(), cpuMillis(p.pid()));
          p.descendants().forEach(d -> cpu.put(d.pid(), cpuMillis(d.pid())));
        });
    return cpu;
  }

  private static long ownCpuMillis() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1_000_000 : -1;
  }

  private static String loadAverage() {
    double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return l < 0 ? "unknown" : String.format("%.1f", l);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void say(String line) {
    System.out.println("[bench] " + line);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicLong n = new AtomicLong();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
