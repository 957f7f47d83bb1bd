package org.natca.intercom.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import org.natca.intercom.member.MemberDatabaseException;

/** Group commit of deliveries, against a real PostgreSQL. */
class InboxWriterTest extends InboxDatabaseTest {
  final FakeClock clock = new FakeClock(Instant.parse("2026-03-10T12:00:00Z"));
  WebhookInbox inbox;

  @BeforeEach
  void empty() {
    inbox = new WebhookInbox(dataSource, clock);
    inbox.migrate();
    pg.execute("truncate " + WebhookInbox.TABLE);
  }

  static Notification n(String id) {
    return WebhookInboxTest.notification(id, Topics.USER_REPLIED);
  }

  @Test
  void aDeliveryThatCannotBeStored_failsAlone_itsBatchNeighboursAreStored() throws Exception {
    // a NUL cannot be stored in PostgreSQL text; parsing refuses such ids, this gets past it on purpose
    Notification poison = new Notification("bad\u0000id", Topics.USER_REPLIED, 0, null,
        "{\"type\":\"notification_event\",\"id\":\"bad\\u0000id\",\"topic\":\"conversation.user.replied\"}");
    try (InboxWriter writer = new InboxWriter(inbox, 1, Duration.ofSeconds(10));
         java.sql.Connection lock = dataSource.getConnection()) {
      ExecutorService pool = Executors.newFixedThreadPool(101);
      try {
        // the table locked, the first delivery's insert waits; the rest queue up and go in one batch
        lock.setAutoCommit(false);
        lock.createStatement().execute("lock table " + WebhookInbox.TABLE + " in share mode");
        List<Future<Boolean>> valid = new ArrayList<>();
        List<Future<Boolean>> bad = new ArrayList<>();
        valid.add(pool.submit(() -> writer.store(n("first"))));
        Thread.sleep(300);
        for (int round = 0; round < 5; round++) {
          bad.add(pool.submit(() -> writer.store(poison)));
          for (int i = 0; i < 19; i++) {
            String id = "v" + round + "-" + i;
            valid.add(pool.submit(() -> writer.store(n(id))));
          }
        }
        Thread.sleep(300);
        lock.commit();
        for (Future<Boolean> f : valid) {
          assertTrue(f.get());
        }
        for (Future<Boolean> f : bad) {
          Exception e = assertThrows(Exception.class, f::get);
          assertTrue(e.getCause() instanceof MemberDatabaseException, e.toString());
        }
      } finally {
        pool.shutdownNow();
      }
    }
    assertEquals(96L, inbox.counts().get(EventStatus.PENDING));
  }

  @Test
  void batches_areCappedBySize_asWellAsByCount() throws Exception {
    int big = InboxWriter.MAX_BATCH_CHARS / 3 - 1_000; // three fit in a batch, a fourth does not
    try (InboxWriter writer = new InboxWriter(inbox, 1, Duration.ofSeconds(20));
         java.sql.Connection lock = dataSource.getConnection()) {
      ExecutorService pool = Executors.newFixedThreadPool(40);
      try {
        lock.setAutoCommit(false);
        lock.createStatement().execute("lock table " + WebhookInbox.TABLE + " in share mode");
        List<Future<Boolean>> all = new ArrayList<>();
        all.add(pool.submit(() -> writer.store(n("first")))); // its insert waits for the lock; the rest queue up
        Thread.sleep(300);
        for (int i = 0; i < 9; i++) {
          Notification large = new Notification("large" + i, Topics.USER_REPLIED, 0, null,
              "{\"type\":\"notification_event\",\"id\":\"large" + i + "\",\"pad\":\"" + "x".repeat(big) + "\"}");
          all.add(pool.submit(() -> writer.store(large)));
        }
        for (int i = 0; i < 30; i++) {
          String id = "small" + i;
          all.add(pool.submit(() -> writer.store(n(id))));
        }
        Thread.sleep(500);
        lock.commit();
        for (Future<Boolean> f : all) {
          assertTrue(f.get());
        }
      } finally {
        pool.shutdownNow();
      }
    }
    // rows inserted by one statement share their transaction id: one group per batch
    List<long[]> batches = new ArrayList<>();
    try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement();
         java.sql.ResultSet rs = st.executeQuery("select count(*), sum(length(payload)) from " + WebhookInbox.TABLE
             + " group by xmin::text::bigint order by min(id)")) {
      while (rs.next()) {
        batches.add(new long[] {rs.getLong(1), rs.getLong(2)});
      }
    }
    long rows = batches.stream().mapToLong(b -> b[0]).sum();
    assertEquals(40, rows);
    for (long[] b : batches) {
      assertTrue(b[0] == 1 || b[1] <= InboxWriter.MAX_BATCH_CHARS, b[0] + " deliveries, " + b[1] + " chars in one batch");
      assertTrue(b[0] <= InboxWriter.MAX_BATCH, b[0] + " deliveries in one batch");
    }
    // the first alone, 9 large ones in at least three batches, the small ones in the batches' room
    assertTrue(batches.size() >= 4, batches.size() + " batches");
    assertTrue(batches.size() <= 8, "small deliveries share batches: " + batches.size() + " batches");
  }

  @Test
  void storeAll_storesNewOnes_andNamesThem_repeatsAndDoublesOnce() {
    inbox.store(n("old"));

    Set<String> stored = inbox.storeAll(List.of(n("a"), n("old"), n("b"), n("a")));

    assertEquals(Set.of("a", "b"), stored);
    assertEquals(3L, inbox.counts().get(EventStatus.PENDING));
    assertEquals(Set.of(), inbox.storeAll(List.of()));
  }

  @Test
  void manyConcurrentDeliveries_areAllStored_eachRepeatAcknowledgedAsSuch() throws Exception {
    try (InboxWriter writer = new InboxWriter(inbox, 2, Duration.ofSeconds(5))) {
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        List<Callable<Boolean>> deliveries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
          String id = "n" + (i % 200); // 100 of them delivered twice
          deliveries.add(() -> writer.store(n(id)));
        }
        int fresh = 0;
        for (Future<Boolean> f : pool.invokeAll(deliveries)) {
          fresh += f.get() ? 1 : 0;
        }
        assertEquals(200, fresh, "each id stored exactly once");
      } finally {
        pool.shutdownNow();
      }
    }
    assertEquals(200L, inbox.counts().get(EventStatus.PENDING));
  }

  @Test
  void aDatabaseThatIsDown_failsTheDelivery_soItIsNotAcknowledged() {
    try (HikariDataSource down = Databases.postgres("postgres://u:pw@127.0.0.1:1/db", "public", "down", 1, 500);
         InboxWriter writer = new InboxWriter(new WebhookInbox(down, clock), 1, Duration.ofSeconds(5))) {
      assertThrows(MemberDatabaseConnectionException.class, () -> writer.store(n("x")));
    }
  }

  @Test
  void aDeliveryNotStoredInTime_isRefused() {
    // no writer threads: nothing is ever written
    try (InboxWriter writer = new InboxWriter(inbox, 0, Duration.ofMillis(100))) {
      MemberDatabaseException e = assertThrows(MemberDatabaseException.class, () -> writer.store(n("slow")));
      assertTrue(e.getMessage().contains("took more than 100 ms"), e.getMessage());
    }
  }

  @Test
  void afterClose_deliveriesAreRefused() {
    InboxWriter writer = new InboxWriter(inbox, 1, Duration.ofSeconds(1));
    assertTrue(writer.store(n("before")));
    writer.close();

    assertThrows(MemberDatabaseException.class, () -> writer.store(n("after")));
    assertFalse(inbox.find("after").isPresent());
  }
}
