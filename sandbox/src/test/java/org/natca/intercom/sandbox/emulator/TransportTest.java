package org.natca.intercom.sandbox.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Authentication, rate limits, latency, faults, the request log and concurrency. */
class TransportTest {
  private static final Instant T0 = Instant.parse("2026-03-10T12:00:03Z");
  private final ManualClock clock = new ManualClock(T0);
  private IntercomEmulator emulator;

  @AfterEach
  void stop() {
    if (emulator != null) {
      emulator.close();
    }
  }

  private Http start(EmulatorOptions.Builder options) {
    emulator = IntercomEmulator.start(options.clock(clock).build());
    return new Http(emulator);
  }

  private static Map<String, Object> newUser(String email) {
    return Map.of("role", "user", "email", email);
  }

  @Test
  void wrongOrMissingToken_answers401Unauthorized_andChangesNothing() {
    start(EmulatorOptions.builder());

    Http.Response wrong = new Http(emulator.baseUrl(), "not-the-token").post("/contacts", newUser("a@example.com"));
    Http.Response missing = new Http(emulator.baseUrl(), null).get("/me");

    assertEquals(401, wrong.status());
    assertEquals("unauthorized", wrong.errorCode());
    assertEquals(401, missing.status());
    assertTrue(emulator.allContacts().isEmpty());
    assertTrue(new Http(emulator.baseUrl(), "custom").get("/me").status() == 401);
  }

  @Test
  void rateLimit_handsOutASixthPerAlignedWindow_withHeaders_then429UntilReset() {
    Http http = start(EmulatorOptions.builder().requestsPerMinute(60));
    long reset = Instant.parse("2026-03-10T12:00:10Z").getEpochSecond();

    for (int i = 0; i < 10; i++) {
      Http.Response r = http.get("/me");
      assertEquals(200, r.status());
      assertEquals("10", r.header("X-RateLimit-Limit"));
      assertEquals(Integer.toString(9 - i), r.header("X-RateLimit-Remaining"));
      assertEquals(Long.toString(reset), r.header("X-RateLimit-Reset"));
    }
    Http.Response limited = http.post("/contacts", newUser("late@example.com"));
    assertEquals(429, limited.status());
    assertEquals("rate_limit_exceeded", limited.errorCode());
    assertEquals("Exceeded rate limit of 10 in 10_seconds", limited.errorMessage());
    assertEquals("0", limited.header("X-RateLimit-Remaining"));
    assertEquals(Long.toString(reset), limited.header("X-RateLimit-Reset"));
    assertTrue(emulator.allContacts().isEmpty(), "a 429 applies nothing");

    clock.set(Instant.ofEpochSecond(reset));
    Http.Response next = http.get("/me");
    assertEquals(200, next.status());
    assertEquals("9", next.header("X-RateLimit-Remaining"));
    assertEquals(Long.toString(reset + 10), next.header("X-RateLimit-Reset"));
  }

  @Test
  void rateLimit_olderWorkspaceBudget_is167PerWindow() {
    Http http = start(EmulatorOptions.builder().requestsPerMinute(1000));

    assertEquals("167", http.get("/me").header("X-RateLimit-Limit"));
  }

  @Test
  void rateLimitNext_answers429ForExactlyThatMany() {
    Http http = start(EmulatorOptions.builder());
    emulator.rateLimitNext(2);

    Http.Response first = http.get("/me");
    assertEquals(429, first.status());
    assertEquals("0", first.header("X-RateLimit-Remaining"));
    assertEquals(Long.toString(Instant.parse("2026-03-10T12:00:10Z").getEpochSecond()), first.header("X-RateLimit-Reset"));
    assertEquals(429, http.get("/me").status());
    assertEquals(200, http.get("/me").status());
  }

  @Test
  void failNext_answers5xxErrorList_withoutApplying() {
    Http http = start(EmulatorOptions.builder());
    emulator.failNext(2, 503);

    Http.Response first = http.post("/contacts", newUser("a@example.com"));
    Http.Response second = http.post("/contacts", newUser("a@example.com"));
    Http.Response third = http.post("/contacts", newUser("a@example.com"));

    assertEquals(503, first.status());
    assertEquals("error.list", first.body().get("type").asText());
    assertEquals("service_unavailable", first.errorCode());
    assertEquals(503, second.status());
    assertEquals(200, third.status());
    assertEquals(1, emulator.contacts().size());
  }

  @Test
  void dropNext_closesTheConnectionBeforeApplying() {
    Http http = start(EmulatorOptions.builder());
    emulator.dropNext(1);

    assertThrows(IOException.class, () -> http.sendOrThrow("POST", "/contacts", newUser("a@example.com")));

    assertTrue(emulator.allContacts().isEmpty());
    RecordedRequest logged = emulator.requests().get(0);
    assertTrue(logged.dropped());
    assertEquals(0, logged.status());
    assertEquals(200, http.post("/contacts", newUser("a@example.com")).status());
  }

  @Test
  void dropNextAfterApplying_appliesThenCloses_soABlindRetryConflicts() {
    Http http = start(EmulatorOptions.builder());
    emulator.dropNextAfterApplying(1);

    assertThrows(IOException.class, () -> http.sendOrThrow("POST", "/contacts", newUser("a@example.com")));

    assertEquals(1, emulator.contacts().size());
    RecordedRequest logged = emulator.requests().get(0);
    assertTrue(logged.dropped());
    assertEquals(200, logged.status());
    Http.Response retry = http.post("/contacts", newUser("a@example.com"));
    assertEquals(409, retry.status());
    assertEquals("A contact matching those details already exists with id=" + emulator.contacts().get(0).id(), retry.errorMessage());
  }

  @Test
  void slowNext_delaysOnlyThatManyRequests() {
    Http http = start(EmulatorOptions.builder());
    emulator.slowNext(1, Duration.ofMillis(400));

    long slow = timed(() -> http.get("/me"));
    long fast = timed(() -> http.get("/me"));

    assertTrue(slow >= 400, "slow took " + slow);
    assertTrue(fast < 300, "fast took " + fast);
  }

  private static long timed(Runnable r) {
    long start = System.nanoTime();
    r.run();
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void latency_servesFiftyConcurrentClientsInParallel() throws Exception {
    Http http = start(EmulatorOptions.builder().latency(Duration.ofMillis(300)));
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      long start = System.nanoTime();
      List<CompletableFuture<Http.Response>> calls = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String email = "c" + i + "@example.com";
        calls.add(CompletableFuture.supplyAsync(() -> http.post("/contacts", newUser(email)), pool));
      }
      for (CompletableFuture<Http.Response> c : calls) {
        assertEquals(200, c.get(20, TimeUnit.SECONDS).status());
      }
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertTrue(millis >= 300, "took " + millis);
      assertTrue(millis < 5_000, "50 calls of 300 ms each took " + millis + " ms: not served in parallel");
      assertEquals(50, emulator.contacts().size());
      assertEquals(50, emulator.contacts().stream().map(EmulatedContact::id).distinct().count());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentCreatesOfOneEmail_makeExactlyOneContact() throws Exception {
    Http http = start(EmulatorOptions.builder());
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<CompletableFuture<Http.Response>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        calls.add(CompletableFuture.supplyAsync(() -> http.post("/contacts", newUser("same@example.com")), pool));
      }
      int created = 0;
      int conflicts = 0;
      for (CompletableFuture<Http.Response> c : calls) {
        int status = c.get(20, TimeUnit.SECONDS).status();
        created += status == 200 ? 1 : 0;
        conflicts += status == 409 ? 1 : 0;
      }
      assertEquals(1, created);
      assertEquals(19, conflicts);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void requestLog_recordsEverything_andCountsWrites() {
    Http http = start(EmulatorOptions.builder().predefineContractAttributes(true));
    String id = http.post("/contacts", newUser("a@example.com")).body().get("id").asText();
    http.put("/contacts/" + id, Map.of("name", "A"));
    http.get("/contacts/" + id);
    http.get("/contacts?per_page=5");
    http.post("/contacts/search", Map.of("query", Map.of("field", "email", "operator", "=", "value", "a@example.com")));
    http.post("/contacts", newUser("a@example.com"));

    List<RecordedRequest> log = emulator.requests();
    assertEquals(6, log.size());
    RecordedRequest create = log.get(0);
    assertEquals("POST", create.method());
    assertEquals("/contacts", create.path());
    assertTrue(create.body().contains("a@example.com"));
    assertEquals(200, create.status());
    assertFalse(create.dropped());
    assertEquals(T0, create.receivedAt());
    assertEquals("2.14", create.header("Intercom-Version"));
    assertFalse(create.requestId().isEmpty());
    assertEquals("per_page=5", log.get(3).query());
    assertEquals(409, log.get(5).status());

    assertEquals(3, emulator.writeCount(), "two creates and one update; searches and reads are not writes");
    assertEquals(1, emulator.countRequests("POST", "/contacts/"), "the search and nothing else");
    assertEquals(3, emulator.countRequests("POST", "/contacts"));
    assertEquals(6, emulator.countRequests(null, "/contacts"));

    emulator.clearLog();
    assertTrue(emulator.requests().isEmpty());
    assertEquals(0, emulator.writeCount());
  }
}
