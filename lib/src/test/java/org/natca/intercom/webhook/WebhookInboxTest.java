package org.natca.intercom.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natca.intercom.client.FakeClock;
import org.natca.intercom.member.Databases;
import org.natca.intercom.member.MemberDatabaseConnectionException;

/** The inbox against a real PostgreSQL, through a pool configured as for Supabase's transaction pooler. */
class WebhookInboxTest extends InboxDatabaseTest {
  static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");
  final FakeClock clock = new FakeClock(T0);
  WebhookInbox inbox;

  @BeforeEach
  void empty() {
    inbox = new WebhookInbox(dataSource, clock);
    inbox.migrate();
    pg.execute("truncate " + WebhookInbox.TABLE);
  }

  static Notification notification(String id, String topic) {
    String json = "{\"type\":\"notification_event\",\"id\":\"" + id + "\",\"topic\":\"" + topic + "\",\"data\":{\"item\":{}}}";
    try {
      return Notification.parse(json.getBytes(StandardCharsets.UTF_8));
    } catch (InvalidNotificationException e) {
      throw new AssertionError(e);
    }
  }

  Instant lease() {
    return clock.instant().plus(Duration.ofMinutes(10));
  }

  @Test
  void migrate_isIdempotent_andRecordsTheVersion_evenWhenInstancesStartTogether() throws Exception {
    assertEquals(0, inbox.migrate(), "already at the current version");
    pg.execute("drop schema " + WebhookInbox.SCHEMA + " cascade");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        runs.add(pool.submit(() -> new WebhookInbox(dataSource, clock).migrate()));
      }
      int applied = 0;
      for (Future<Integer> f : runs) {
        applied += f.get();
      }
      assertEquals(WebhookInbox.schemaVersion(), applied, "exactly one instance migrated");
    } finally {
      pool.shutdownNow();
    }
    assertTrue(inbox.store(notification("n1", Topics.USER_CREATED)));
  }

  @Test
  void store_sameIdTwice_storesOnce() {
    assertTrue(inbox.store(notification("n1", Topics.USER_CREATED)));
    assertFalse(inbox.store(notification("n1", Topics.USER_CREATED)));

    EventRecord r = inbox.find("n1").orElseThrow();
    assertEquals(EventStatus.PENDING, r.status());
    assertEquals(0, r.attempts());
    assertEquals(T0, r.receivedAt());
  }

  @Test
  void claim_takesTagReSyncsFirst_thenTheOldest_andLeasesThem() {
    inbox.store(notification("old", Topics.USER_REPLIED));
    clock.advance(Duration.ofSeconds(1));
    inbox.store(notification("new", Topics.USER_CREATED));
    clock.advance(Duration.ofSeconds(1));
    inbox.store(notification("tag", Topics.TAG_CREATED));

    List<String> order = new ArrayList<>();
    for (Optional<StoredEvent> e = inbox.claim("me", lease()); e.isPresent(); e = inbox.claim("me", lease())) {
      order.add(e.get().id());
      assertEquals(1, e.get().attempt());
    }

    assertEquals(List.of("tag", "old", "new"), order);
    assertEquals(EventStatus.PROCESSING, inbox.find("old").orElseThrow().status());
  }

  @Test
  void claim_byManyWorkersAtOnce_neverHandsOutAnEventTwice() throws Exception {
    for (int i = 0; i < 60; i++) {
      inbox.store(notification("n" + i, Topics.USER_REPLIED));
    }
    List<String> taken = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Callable<Void>> workers = new ArrayList<>();
      for (int w = 0; w < 6; w++) {
        String owner = "w" + w;
        workers.add(() -> {
          for (Optional<StoredEvent> e = inbox.claim(owner, lease()); e.isPresent(); e = inbox.claim(owner, lease())) {
            taken.add(e.get().id());
          }
          return null;
        });
      }
      for (Future<Void> f : pool.invokeAll(workers)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    Set<String> distinct = new HashSet<>(taken);
    assertEquals(60, taken.size());
    assertEquals(60, distinct.size());
  }

  @Test
  void anExpiredLease_makesTheEventDueAgain_withTheAttemptCounted() {
    inbox.store(notification("n1", Topics.USER_CREATED));
    inbox.claim("crashed", clock.instant().plus(Duration.ofMinutes(10))).orElseThrow();

    assertTrue(inbox.claim("me", lease()).isEmpty(), "leased");
    clock.advance(Duration.ofMinutes(10));
    StoredEvent again = inbox.claim("me", lease()).orElseThrow();

    assertEquals("n1", again.id());
    assertEquals(2, again.attempt());
    assertFalse(inbox.finish("n1", "crashed", EventStatus.DONE, "late", null), "the old owner's word no longer counts");
    assertTrue(inbox.finish("n1", "me", EventStatus.DONE, "done: ok", null));
  }

  @Test
  void retryAt_keepsTheEventUntilItsTime_withTheError() {
    inbox.store(notification("n1", Topics.USER_CREATED));
    inbox.claim("me", lease()).orElseThrow();

    assertTrue(inbox.retryAt("n1", "me", clock.instant().plusSeconds(30), "Intercom answered 503"));
    assertTrue(inbox.claim("me", lease()).isEmpty());
    EventRecord waiting = inbox.find("n1").orElseThrow();
    assertEquals(EventStatus.PENDING, waiting.status());
    assertEquals("Intercom answered 503", waiting.lastError());

    clock.advance(Duration.ofSeconds(30));
    assertEquals(2, inbox.claim("me", lease()).orElseThrow().attempt());
  }

  @Test
  void finish_recordsOutcomeOrError_andTheEventIsNotTakenAgain() {
    inbox.store(notification("ok", Topics.USER_CREATED));
    inbox.store(notification("bad", Topics.USER_CREATED));
    inbox.claim("me", lease());
    inbox.claim("me", lease());
    clock.advance(Duration.ofSeconds(3));

    inbox.finish("ok", "me", EventStatus.DONE, "done: updated", null);
    inbox.finish("bad", "me", EventStatus.FAILED, null, "x".repeat(5000));

    EventRecord ok = inbox.find("ok").orElseThrow();
    EventRecord bad = inbox.find("bad").orElseThrow();
    assertEquals(EventStatus.DONE, ok.status());
    assertEquals("done: updated", ok.outcome());
    assertEquals(T0.plusSeconds(3), ok.finishedAt());
    assertEquals(EventStatus.FAILED, bad.status());
    assertTrue(bad.lastError().length() < 4100, "long errors are clipped");
    assertNull(bad.outcome());
    clock.advance(Duration.ofDays(1));
    assertTrue(inbox.claim("me", lease()).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> inbox.finish("ok", "me", EventStatus.PENDING, null, null));
  }

  @Test
  void release_givesBackTheEventsOfAProcessesWorkers_dueAtOnce_attemptNotCounted() {
    inbox.store(notification("mine", Topics.USER_CREATED));
    inbox.store(notification("theirs", Topics.USER_CREATED));
    inbox.store(notification("similar", Topics.USER_CREATED));
    inbox.claim("me/1", lease());
    inbox.claim("other/1", lease());
    inbox.claim("mex/1", lease());

    assertEquals(1, inbox.release("me"));

    EventRecord mine = inbox.find("mine").orElseThrow();
    assertEquals(EventStatus.PENDING, mine.status());
    assertEquals(0, mine.attempts());
    assertEquals(EventStatus.PROCESSING, inbox.find("theirs").orElseThrow().status());
    assertEquals(EventStatus.PROCESSING, inbox.find("similar").orElseThrow().status());
    assertEquals("mine", inbox.claim("next", lease()).orElseThrow().id());
  }

  @Test
  void purgeFinished_deletesOnlyOldFinishedEvents_andCountsTell() {
    for (String id : List.of("old-done", "old-failed", "old-pending")) {
      inbox.store(notification(id, Topics.USER_CREATED));
    }
    inbox.claim("me", lease());
    inbox.claim("me", lease());
    inbox.finish("old-done", "me", EventStatus.DONE, "done", null);
    inbox.finish("old-failed", "me", EventStatus.FAILED, null, "error");
    clock.advance(Duration.ofDays(31));
    inbox.store(notification("new", Topics.USER_CREATED));
    inbox.claim("me", lease());
    inbox.finish("old-pending", "me", EventStatus.DONE, "done", null);

    assertEquals(2, inbox.purgeFinished(clock.instant().minus(Duration.ofDays(30)), 100));

    assertTrue(inbox.find("old-done").isEmpty());
    assertTrue(inbox.find("old-failed").isEmpty());
    assertEquals(1L, inbox.counts().get(EventStatus.DONE));
    assertEquals(1L, inbox.counts().get(EventStatus.PENDING));
    assertEquals(0L, inbox.counts().get(EventStatus.FAILED));
  }

  @Test
  void store_whenTheDatabaseIsDown_failsAsAConnectionProblem_quickly() {
    try (HikariDataSource down = Databases.postgres("postgres://u:pw@127.0.0.1:1/db", "public", "down", 1, 1_000)) {
      WebhookInbox unreachable = new WebhookInbox(down, clock);
      long started = System.nanoTime();

      MemberDatabaseConnectionException e = assertThrows(MemberDatabaseConnectionException.class,
          () -> unreachable.store(notification("n1", Topics.USER_CREATED)));

      assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
      assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 3_000);
      assertInstanceOf(MemberDatabaseConnectionException.class, e);
    }
  }
}
