package org.natca.intercom.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natca.intercom.member.Databases;
import org.natca.intercom.sandbox.db.SandboxPostgres;

/** The run lock and the recorder over a real PostgreSQL, with short leases (the jar test uses processes). */
class RunLockTest {
  static final RunLock.Timings SHORT = new RunLock.Timings(Duration.ofMillis(200), Duration.ofMillis(800));
  static SandboxPostgres pg;
  static HikariDataSource ds;

  @BeforeAll
  static void start() {
    pg = SandboxPostgres.start();
    // as for Supabase's transaction pooler: every statement on whatever connection the pool hands out
    ds = Databases.postgres(pg.postgresUrl(), "public", "lock-test", 8, 2_000);
    assertEquals(OperationsSchema.version(), OperationsSchema.migrate(ds));
  }

  @AfterAll
  static void stop() {
    ds.close();
    pg.close();
  }

  @BeforeEach
  void empty() {
    pg.execute("truncate intercom_sync.runs, intercom_sync.run_lock");
  }

  static RunStart run(String host, long pid) {
    return new RunStart("daily-sync", List.of(), false, "public", host, pid);
  }

  @Test
  void migrate_isIdempotent_andConcurrentStartsAgree() throws Exception {
    assertEquals(0, OperationsSchema.migrate(ds));
    pg.execute("drop schema intercom_sync cascade");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Integer>> results = pool.invokeAll(List.<Callable<Integer>>of(
        () -> OperationsSchema.migrate(ds), () -> OperationsSchema.migrate(ds), () -> OperationsSchema.migrate(ds)));
    pool.shutdown();
    int applied = 0;
    for (Future<Integer> f : results) {
      applied += f.get();
    }
    assertEquals(OperationsSchema.version(), applied, "one of them migrated, the others found it done");
  }

  @Test
  void held_untilReleased_thenFree() {
    RunLock lock = new RunLock(ds, RunLock.Timings.DEFAULT);
    RunLock.Attempt.Acquired a = assertInstanceOf(RunLock.Attempt.Acquired.class, lock.acquire(run("a", 1)));
    assertNull(a.previous());

    RunLock.Attempt.Held held = assertInstanceOf(RunLock.Attempt.Held.class, lock.acquire(run("b", 2)));
    assertEquals("daily-sync on host a, pid 1, since " + held.holder().since(), held.holder().describe());

    lock.release("public", a.token());
    assertInstanceOf(RunLock.Attempt.Acquired.class, lock.acquire(run("b", 2)));
  }

  @Test
  void holderThatStopsRenewing_isTakenOverAfterTheLease_andLearnsItLostTheLock() throws Exception {
    RunLock lock = new RunLock(ds, SHORT);
    RunLock.Attempt.Acquired a = (RunLock.Attempt.Acquired) lock.acquire(run("a", 1));
    assertTrue(lock.renew("public", a.token()));
    assertInstanceOf(RunLock.Attempt.Held.class, lock.acquire(run("b", 2)));

    Thread.sleep(1_000);
    RunLock.Attempt.Acquired b = assertInstanceOf(RunLock.Attempt.Acquired.class, lock.acquire(run("b", 2)));

    assertEquals("a", b.previous().host());
    assertFalse(lock.renew("public", a.token()), "a's lease is gone");
    lock.release("public", a.token());
    assertInstanceOf(RunLock.Attempt.Held.class, lock.acquire(run("c", 3)), "a's release did not free b's lock");
  }

  @Test
  void concurrentAttempts_exactlyOneWins() throws Exception {
    RunLock lock = new RunLock(ds, RunLock.Timings.DEFAULT);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Callable<RunLock.Attempt>> attempts = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      long pid = 100 + i;
      attempts.add(() -> lock.acquire(run("host-" + pid, pid)));
    }
    int won = 0;
    for (Future<RunLock.Attempt> f : pool.invokeAll(attempts)) {
      won += f.get() instanceof RunLock.Attempt.Acquired ? 1 : 0;
    }
    pool.shutdown();
    assertEquals(1, won);
  }

  @Test
  void recordedRun_heartbeatKeepsItsLockPastTheLease_andAKilledOneStaysRunningInTheHistory() throws Exception {
    RunRecorder recorder = new RunRecorder(ds, Clock.systemUTC(), SHORT);
    RecordedRun alive = recorder.begin(run("a", 1));
    assertTrue(alive.holdsLock());
    Thread.sleep(1_500);

    RunLockRefusedException refused = assertThrows(RunLockRefusedException.class, () -> recorder.begin(run("b", 2)));
    assertEquals("a", refused.holder().host());
    // what kill -9 does to a: its heartbeat stops, nothing else happens
    alive.abandon();
    Thread.sleep(1_200);

    RecordedRun next = recorder.begin(run("b", 2));
    assertTrue(next.holdsLock());
    next.end(new RunEnd(0, null, null));
    List<String> states = new java.util.ArrayList<>();
    try (var c = ds.getConnection(); var st = c.createStatement();
         var rs = st.executeQuery("select host || ':' || state || ':' || (finished_at is null) from intercom_sync.runs order by id")) {
      while (rs.next()) {
        states.add(rs.getString(1));
      }
    }
    assertEquals(List.of("a:running:true", "b:refused:false", "b:finished:false"), states);
  }
}
