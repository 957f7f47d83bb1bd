package org.natca.intercom.app.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natca.intercom.app.Sandbox;
import org.natca.intercom.member.Databases;
import org.natca.intercom.operations.OperationsSchema;
import org.natca.intercom.operations.RunLock;
import org.natca.intercom.operations.RunStart;
import org.natca.intercom.sandbox.emulator.SeedContact;
import org.natca.intercom.sandbox.members.MemberRow;

/** Alerts to a local HTTP receiver, on a change of state only, never carrying a phone or a secret. */
class AlertsTest extends OperationsTest {
  static final String PHONE = "(765) 465-7031";
  AlertReceiver receiver;

  @BeforeEach
  void receiver() {
    receiver = new AlertReceiver();
    sandbox.env.put("ALERT_WEBHOOK_URL", receiver.url());
    sandbox.env.put("LOOKUP_API_TOKEN", "lookup-secret-77");
    sandbox.insert(new MemberRow(801, "Ann", "One", "shared@example.org", PHONE, "Active", 6, 1, 1),
        new MemberRow(802, "Bob", "Two", "bob@example.org", PHONE, "Active", 6, 1, 1));
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  /** Before the first sync: member 801's email belongs to another member's contact, a conflict, so daily-sync exits 1. */
  void breakIt() {
    sandbox.intercom.addContact(SeedContact.user("shared@example.org", "999"));
  }

  void assertClean(List<String> texts) {
    for (String t : texts) {
      assertFalse(t.contains("465-7031") || t.contains("4657031"), "no phone: " + t);
      assertFalse(t.contains(sandbox.intercom.token()), "no token: " + t);
      assertFalse(t.contains("lookup-secret-77") || t.contains("secret-path-T0B0"), "no secret: " + t);
      assertFalse(t.contains("@example.org"), "no email: " + t);
    }
  }

  @Test
  void failure_oneMessage_secondFailure_none_recovery_one() {
    assertEquals(0, sandbox.run("daily-sync").exitCode());
    assertEquals(List.of(), receiver.texts(), "success after nothing: no news");
    // member 802 changes, and Intercom refuses every update
    sandbox.sql("update members set lastname = 'Changed' where membernumber = 802");
    sandbox.intercom.failMatching("PUT", "/contacts", 1_000, 422);

    Sandbox.Run failed = sandbox.run("daily-sync");
    Sandbox.Run failedAgain = sandbox.run("daily-sync");
    List<String> afterFailures = receiver.texts();
    sandbox.intercom.clearFaults();
    Sandbox.Run recovered = sandbox.run("daily-sync");
    Sandbox.Run fine = sandbox.run("daily-sync");

    assertEquals(1, failed.exitCode(), failed.toString());
    assertEquals(1, failedAgain.exitCode());
    assertEquals(0, recovered.exitCode(), recovered.toString());
    assertEquals(0, fine.exitCode());
    assertEquals(1, afterFailures.size(), afterFailures.toString());
    List<String> texts = receiver.texts();
    assertEquals(2, texts.size(), texts.toString());
    assertTrue(texts.get(0).startsWith("natca-intercom: daily-sync FAILED (exit 1) on "), texts.get(0));
    assertTrue(texts.get(0).contains("1 item failed (member 802)"), texts.get(0));
    assertTrue(texts.get(1).startsWith("natca-intercom: daily-sync recovered on "), texts.get(1));
    assertTrue(texts.get(1).contains("exit 0 (created 0, updated 1, failed 0, blocked 0)"), texts.get(1));
    assertClean(texts);
  }

  @Test
  void exit3_isAFailureToo_andTheMessageSaysWhy_withoutTheToken() {
    sandbox.env.put("INTERCOM_ACCESS_TOKEN", "tok-wrong-123");

    Sandbox.Run run = sandbox.run("daily-sync");

    assertEquals(3, run.exitCode(), run.toString());
    List<String> texts = receiver.texts();
    assertEquals(1, texts.size());
    assertTrue(texts.get(0).contains("FAILED (exit 3)"), texts.get(0));
    assertTrue(texts.get(0).contains("401"), texts.get(0));
    assertFalse(texts.get(0).contains("tok-wrong-123"), texts.get(0));
    assertClean(texts);
  }

  @Test
  void receiverAnswering500_changesNoExitCode_andTheNextFailingRunTriesAgain() {
    receiver.mode = AlertReceiver.Mode.ERROR;
    breakIt();

    Sandbox.Run first = sandbox.run("daily-sync");
    receiver.mode = AlertReceiver.Mode.OK;
    Sandbox.Run second = sandbox.run("daily-sync");
    Sandbox.Run third = sandbox.run("daily-sync");

    assertEquals(1, first.exitCode(), first.toString());
    assertEquals(1, second.exitCode());
    assertEquals(1, third.exitCode());
    assertEquals(2, receiver.texts().size(), "undelivered, so sent again once: " + receiver.texts());
    assertEquals("finished", runs().get(0).get("state"));
  }

  @Test
  void receiverThatHangs_changesNoExitCode_andHoldsTheRunAtMost5s() {
    receiver.mode = AlertReceiver.Mode.HANG;
    breakIt();
    sandbox.insert(MemberRow.active(803, "C", "D", "blocked@example.org"));
    sandbox.intercom.block(sandbox.intercom.addContact(SeedContact.user("blocked@example.org", "803")));

    long start = System.nanoTime();
    Sandbox.Run run = sandbox.run("daily-sync");
    double seconds = (System.nanoTime() - start) / 1e9;

    assertEquals(1, run.exitCode(), run.toString());
    assertEquals(1, receiver.texts().size(), "after one timeout the other alert is not tried: " + receiver.texts());
    assertTrue(seconds < 30, "the receiver sleeps 60 s; the run took " + seconds + " s");
  }

  @Test
  void newlyBlockedContacts_oneMessageEach_namingMemberAndContact_notAgain() {
    sandbox.insert(MemberRow.active(803, "C", "D", "blocked@example.org"));
    String blocked = sandbox.intercom.addContact(SeedContact.user("blocked@example.org", "803"));
    sandbox.intercom.block(blocked);

    assertEquals(0, sandbox.run("daily-sync").exitCode());
    assertEquals(0, sandbox.run("daily-sync").exitCode());

    List<String> texts = receiver.texts();
    assertEquals(1, texts.size(), texts.toString());
    assertTrue(texts.get(0).contains("1 contact is newly blocked or unrecoverable"), texts.get(0));
    assertTrue(texts.get(0).contains("member 803, contact " + blocked), texts.get(0));
    assertTrue(texts.get(0).contains("nblock"), texts.get(0));
    assertClean(texts);
  }

  @Test
  void dryRuns_andRunsRefusedByTheLock_sendNothing() {
    breakIt();
    assertEquals(1, sandbox.run("daily-sync", "--dry-run").exitCode());
    try (var ds = Databases.postgres(sandbox.env.get("DATABASE_URL"), SCHEMA, "t", 1, 2_000)) {
      OperationsSchema.migrate(ds);
      new RunLock(ds, RunLock.Timings.DEFAULT).acquire(new RunStart("audit", List.of(), false, SCHEMA, "elsewhere", 9));
      assertEquals(3, sandbox.run("daily-sync").exitCode());
    }
    assertEquals(List.of(), receiver.texts());
  }

  @Test
  void webhookEventsEndedFailed_areAlertedAtTheEndOfARun() {
    try (var ds = Databases.postgres(sandbox.env.get("DATABASE_URL"), SCHEMA, "t", 1, 2_000)) {
      new org.natca.intercom.webhook.WebhookInbox(ds, java.time.Clock.systemUTC()).migrate();
    }
    postgres.execute("insert into intercom_sync.webhook_events (id, topic, priority, payload, status, attempts, received_at,"
        + " next_attempt_at, finished_at, last_error) values ('n1', 'conversation.user.replied', 1, '{}', 'failed', 5, now(),"
        + " now(), now() - interval '1 minute', 'x'), ('n2', 'conversation.user.replied', 1, '{}', 'failed', 5, now(), now(), now(), 'y')");

    assertEquals(0, sandbox.run("daily-sync").exitCode());
    assertEquals(0, sandbox.run("daily-sync").exitCode());

    List<String> texts = receiver.texts();
    assertEquals(1, texts.size(), texts.toString());
    assertTrue(texts.get(0).startsWith("natca-intercom: 2 webhook events ended failed"), texts.get(0));
  }

  @Test
  void alertUrlThatIsNotHttp_exits2_namingTheVariable_nothingWritten() {
    sandbox.env.put("ALERT_WEBHOOK_URL", "hooks.slack.com/services/T0/B0/XYZ");

    Sandbox.Run sync = sandbox.run("daily-sync");
    Sandbox.Run serve = sandbox.run("webhook-serve");

    assertEquals(2, sync.exitCode(), sync.toString());
    assertEquals(1, sync.err().strip().lines().count(), sync.err());
    assertTrue(sync.err().startsWith("error: ALERT_WEBHOOK_URL is not an http(s) URL"), sync.err());
    assertFalse(sync.err().contains("XYZ"), "the URL is a secret: " + sync.err());
    assertEquals(2, serve.exitCode(), serve.toString());
    assertTrue(serve.err().contains("ALERT_WEBHOOK_URL"), serve.err());
    assertEquals(0, sandbox.intercom.requests().size());
    assertTrue(runs().isEmpty());
  }
}
