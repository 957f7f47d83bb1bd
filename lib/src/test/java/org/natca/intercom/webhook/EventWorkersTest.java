package org.natca.intercom.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import com.zaxxer.hikari.HikariDataSource;
import org.natca.intercom.client.FakeClock;

/** Workers over a real inbox, with a recording handler and a clock that moves only when told. */
class EventWorkersTest extends InboxDatabaseTest {
  static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");
  final FakeClock clock = new FakeClock(T0);
  final List<String> calls = new CopyOnWriteArrayList<>();
  WebhookInbox inbox;
  EventWorkers workers;

  @BeforeEach
  void empty() {
    inbox = new WebhookInbox(dataSource, clock);
    inbox.migrate();
    pg.execute("truncate " + WebhookInbox.TABLE);
  }

  @AfterEach
  void stopWorkers() {
    if (workers != null) {
      workers.stop(Duration.ofSeconds(1));
    }
  }

  static WorkerOptions options(int maxAttempts) {
    return new WorkerOptions(2, Duration.ofMillis(20), Duration.ofMinutes(10),
        new RetryPolicy(maxAttempts, Duration.ofSeconds(10), 2, Duration.ofMinutes(1)), Duration.ofDays(30));
  }

  void startWorkers(EventHandler handler, WorkerOptions options) {
    workers = new EventWorkers(inbox, handler, options, clock);
    workers.start();
  }

  void store(String id) {
    inbox.store(WebhookInboxTest.notification(id, Topics.USER_CREATED));
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(5);
    }
  }

  EventStatus status(String id) {
    return inbox.find(id).orElseThrow().status();
  }

  @Test
  void aStoredEvent_isProcessedOnce_andItsOutcomeRecorded() throws Exception {
    startWorkers((e, last) -> {
      calls.add(e.id() + "#" + e.attempt() + (last ? " last" : ""));
      return new EventOutcome.Done("updated contact 1");
    }, options(3));

    store("n1");
    workers.wake();
    await("n1 is done", () -> status("n1") == EventStatus.DONE);

    assertEquals(List.of("n1#1"), calls);
    assertEquals("done: updated contact 1", inbox.find("n1").orElseThrow().outcome());
  }

  @Test
  void aFailingEvent_isRetriedOnSchedule_thenMarkedFailed_theLastAttemptKnowingIt() throws Exception {
    startWorkers((e, last) -> {
      calls.add(e.id() + "#" + e.attempt() + (last ? " last" : ""));
      throw new IllegalArgumentException("Intercom answered 500");
    }, options(3));

    store("n1");
    workers.wake();
    await("first attempt", () -> calls.size() == 1 && status("n1") == EventStatus.PENDING);
    Thread.sleep(100);
    assertEquals(1, calls.size(), "not again before its time");
    EventRecord waiting = inbox.find("n1").orElseThrow();
    assertEquals(T0.plusSeconds(10), waiting.nextAttemptAt());
    assertEquals("Intercom answered 500", waiting.lastError());

    clock.advance(Duration.ofSeconds(10));
    await("second attempt", () -> calls.size() == 2 && status("n1") == EventStatus.PENDING);
    assertEquals(clock.instant().plusSeconds(20), inbox.find("n1").orElseThrow().nextAttemptAt(), "backoff doubled");
    clock.advance(Duration.ofSeconds(20));
    await("failed", () -> status("n1") == EventStatus.FAILED);

    assertEquals(List.of("n1#1", "n1#2", "n1#3 last"), calls);
    assertEquals("Intercom answered 500", inbox.find("n1").orElseThrow().lastError());
  }

  @Test
  void aFailedOutcome_isNotRetried() throws Exception {
    startWorkers((e, last) -> {
      calls.add(e.id());
      return new EventOutcome.Failed("contact X belongs to member 999");
    }, options(3));

    store("n1");
    workers.wake();
    await("failed", () -> status("n1") == EventStatus.FAILED);
    clock.advance(Duration.ofHours(1));
    Thread.sleep(100);

    assertEquals(List.of("n1"), calls);
    assertEquals("contact X belongs to member 999", inbox.find("n1").orElseThrow().lastError());
  }

  @Test
  void stop_letsARunningEventFinish() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    startWorkers((e, last) -> {
      running.countDown();
      try {
        Thread.sleep(300);
      } catch (InterruptedException ex) {
        throw new IllegalStateException("interrupted");
      }
      return new EventOutcome.Done("slow but done");
    }, options(3));
    store("n1");
    workers.wake();
    assertTrue(running.await(5, TimeUnit.SECONDS));

    assertTrue(workers.stop(Duration.ofSeconds(5)));

    assertEquals(EventStatus.DONE, status("n1"));
    workers = null;
  }

  @Test
  void stop_afterTheGracePeriod_givesTheEventBack_forTheNextStart() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    startWorkers((e, last) -> {
      running.countDown();
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted");
      }
      return new EventOutcome.Done("never");
    }, options(3));
    store("n1");
    workers.wake();
    assertTrue(running.await(5, TimeUnit.SECONDS));

    assertFalse(workers.stop(Duration.ofMillis(100)));

    EventRecord r = inbox.find("n1").orElseThrow();
    assertEquals(EventStatus.PENDING, r.status());
    assertEquals(0, r.attempts(), "the interrupted attempt does not count");
    workers = null;

    startWorkers((e, last) -> new EventOutcome.Done("on the next start"), options(3));
    await("done after restart", () -> status("n1") == EventStatus.DONE);
  }

  static WorkerOptions shortLease() {
    return new WorkerOptions(1, Duration.ofMillis(20), Duration.ofMillis(300),
        new RetryPolicy(3, Duration.ofSeconds(10), 2, Duration.ofMinutes(1)), Duration.ofDays(30));
  }

  @Test
  void aRunningEvent_hasItsLeaseRenewedByTheHeartbeat() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    startWorkers((e, last) -> {
      try {
        release.await();
      } catch (InterruptedException ex) {
        throw new IllegalStateException("interrupted");
      }
      return new EventOutcome.Done("slow but done");
    }, shortLease());
    store("n1");
    workers.wake();
    await("taken", () -> status("n1") == EventStatus.PROCESSING);

    clock.advance(Duration.ofMinutes(5)); // long past the first lease: only a renewal keeps it
    await("lease renewed", () -> inbox.find("n1").orElseThrow().nextAttemptAt().equals(clock.instant().plusMillis(300)));
    release.countDown();

    await("done", () -> status("n1") == EventStatus.DONE);
    assertEquals(1, inbox.find("n1").orElseThrow().attempts());
  }

  @Test
  void aWorkerWhoseLeaseWasTakenOver_isStopped_andRecordsNothing() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    startWorkers((e, last) -> {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException ex) {
        interrupted.countDown();
        throw new IllegalStateException("interrupted");
      }
      return new EventOutcome.Done("never");
    }, shortLease());
    store("n1");
    workers.wake();
    await("taken", () -> status("n1") == EventStatus.PROCESSING);

    // what another instance does once the lease ran out (this one was paused too long to renew it)
    pg.execute("update " + WebhookInbox.TABLE + " set locked_by = 'webhook-serve-other/1', attempts = 2 where id = 'n1'");

    assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the worker was stopped");
    Thread.sleep(200);
    EventRecord r = inbox.find("n1").orElseThrow();
    assertEquals(EventStatus.PROCESSING, r.status(), "still the other instance's");
    assertEquals(null, r.lastError(), "this worker wrote nothing");
  }

  @Test
  void aWorkerThatCannotRenewItsLease_isStoppedBeforeTheLeaseEnds() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    HikariDataSource pool = org.natca.intercom.member.Databases.postgres(pg.postgresUrl(), "public", "lease-test", 2, 1_000);
    try {
      WebhookInbox own = new WebhookInbox(pool, clock);
      workers = new EventWorkers(own, (e, last) -> {
        running.countDown();
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException ex) {
          interrupted.countDown();
          throw new IllegalStateException("interrupted");
        }
        return new EventOutcome.Done("never");
      }, shortLease(), clock);
      workers.start();
      store("n1");
      workers.wake();
      assertTrue(running.await(5, TimeUnit.SECONDS), "the handler runs"); // the claim's connection is back in the pool

      pool.close(); // the database is gone for this process: no renewal can succeed
      clock.advance(Duration.ofMillis(250)); // the lease (300 ms) ends within one heartbeat (100 ms)

      assertTrue(interrupted.await(5, TimeUnit.SECONDS), "stopped before another instance could take it");
    } finally {
      workers.stop(Duration.ofSeconds(1));
      workers = null;
      pool.close();
    }
  }

  @Test
  void anEventWhoseAttemptsNeverFinished_isFailedWithoutRunningAgain() throws Exception {
    store("poison");
    pg.execute("update " + WebhookInbox.TABLE + " set status = 'processing', attempts = 3, locked_by = 'dead',"
        + " next_attempt_at = '2026-03-10T11:00:00Z' where id = 'poison'");

    startWorkers((e, last) -> {
      calls.add(e.id());
      return new EventOutcome.Done("ran");
    }, options(3));
    await("failed", () -> status("poison") == EventStatus.FAILED);

    assertTrue(calls.isEmpty());
    assertTrue(inbox.find("poison").orElseThrow().lastError().startsWith("abandoned"));
  }

  @Test
  void ignoredAndRefusedOutcomes_areDone_withTheirWord() throws Exception {
    startWorkers((e, last) -> e.id().equals("a")
        ? new EventOutcome.Ignored("already has member_number 5")
        : new EventOutcome.Refused("attribute empty; note added"), options(3));

    store("a");
    store("b");
    workers.wake();
    await("both done", () -> status("a") == EventStatus.DONE && status("b") == EventStatus.DONE);

    assertEquals("ignored: already has member_number 5", inbox.find("a").orElseThrow().outcome());
    assertEquals("refused: attribute empty; note added", inbox.find("b").orElseThrow().outcome());
  }
}
