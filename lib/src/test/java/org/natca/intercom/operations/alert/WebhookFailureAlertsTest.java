package org.natca.intercom.operations.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natca.intercom.client.FakeClock;
import org.natca.intercom.member.Databases;
import org.natca.intercom.operations.OperationsSchema;
import org.natca.intercom.sandbox.db.SandboxPostgres;
import org.natca.intercom.webhook.WebhookInbox;

/** Webhook events ending failed: one message per 10 minutes at most, with the count, over a real PostgreSQL. */
class WebhookFailureAlertsTest {
  static SandboxPostgres pg;
  static HikariDataSource ds;
  final FakeClock clock = new FakeClock(Instant.parse("2026-12-01T08:00:00Z"));
  final RecordingSink sink = new RecordingSink();
  WebhookFailureAlerts alerts;

  @BeforeAll
  static void start() {
    pg = SandboxPostgres.start();
    ds = Databases.postgres(pg.postgresUrl(), "public", "alerts-test", 2, 2_000);
    new WebhookInbox(ds, java.time.Clock.systemUTC()).migrate();
    OperationsSchema.migrate(ds);
  }

  @AfterAll
  static void stop() {
    ds.close();
    pg.close();
  }

  @BeforeEach
  void empty() {
    pg.execute("truncate intercom_sync.webhook_events, intercom_sync.alert_state");
    alerts = new WebhookFailureAlerts(ds, sink, clock);
  }

  void failed(String id, String topic, Instant at) {
    pg.execute("insert into intercom_sync.webhook_events (id, topic, priority, payload, status, attempts, received_at,"
        + " next_attempt_at, finished_at, last_error) values ('" + id + "', '" + topic + "', 1, '{}', 'failed', 5,"
        + " '" + at + "', '" + at + "', '" + at + "', 'Intercom: 500 for +17654657031')");
  }

  @Test
  void failedEvents_oneMessageWithTheCount_thenNoneFor10Minutes_thenTheNewOnes() {
    failed("a", "conversation.user.replied", clock.instant().minusSeconds(60));
    failed("b", "conversation.user.replied", clock.instant().minusSeconds(30));
    failed("c", "conversation_part.tag.created", clock.instant().minusSeconds(10));

    assertTrue(alerts.check());
    assertEquals(1, sink.sent.size());
    assertTrue(sink.sent.get(0).contains("3 webhook events ended failed"), sink.sent.get(0));
    assertTrue(sink.sent.get(0).contains("conversation.user.replied: 2, conversation_part.tag.created: 1"), sink.sent.get(0));
    assertFalse(sink.sent.get(0).contains("7654657031"), "no error text, so no phone: " + sink.sent.get(0));

    clock.advance(Duration.ofMinutes(5));
    failed("d", "conversation.user.created", clock.instant().minusSeconds(5));
    assertFalse(alerts.check(), "within 10 minutes of the last message");
    clock.advance(Duration.ofMinutes(6));
    assertTrue(alerts.check());
    assertEquals(2, sink.sent.size());
    assertTrue(sink.sent.get(1).startsWith("natca-intercom: 1 webhook event ended failed"), sink.sent.get(1));
    clock.advance(Duration.ofMinutes(20));
    assertFalse(alerts.check(), "nothing new failed");
    assertEquals(2, sink.sent.size());
  }

  @Test
  void noFailures_noMessage_andOldFailuresAreNotNews() {
    failed("old", "conversation.user.replied", clock.instant().minus(Duration.ofDays(8)));
    assertFalse(alerts.check());
    assertTrue(sink.sent.isEmpty());
  }

  @Test
  void undeliveredMessage_isTriedAgainByTheNextCheck() {
    failed("a", "conversation.user.replied", clock.instant().minusSeconds(60));
    sink.accept = false;
    assertFalse(alerts.check());
    sink.accept = true;
    clock.advance(Duration.ofMinutes(1));

    assertTrue(alerts.check());
    assertEquals(2, sink.sent.size());
    assertTrue(sink.sent.get(1).contains("1 webhook event ended failed"), sink.sent.get(1));
  }

  @Test
  void twoProcessesChecking_sendOneMessage() throws Exception {
    failed("a", "conversation.user.replied", clock.instant().minusSeconds(60));
    WebhookFailureAlerts other = new WebhookFailureAlerts(ds, sink, clock);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    var one = pool.submit(alerts::check);
    var two = pool.submit(other::check);
    boolean a = one.get();
    boolean b = two.get();
    pool.shutdown();

    assertTrue(a ^ b, "exactly one sent: " + a + " " + b);
    assertEquals(1, sink.sent.size());
  }
}
