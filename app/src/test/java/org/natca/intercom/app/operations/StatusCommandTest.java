package org.natca.intercom.app.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.natca.intercom.app.Sandbox;
import org.natca.intercom.member.Databases;
import org.natca.intercom.sandbox.members.MemberRow;
import org.natca.intercom.webhook.WebhookInbox;

/** status and status --json over the run history that real runs left, for healthy, failing and stale workspaces. */
class StatusCommandTest extends OperationsTest {

  JsonNode statusJson(int expectedExit) {
    Sandbox.Run run = sandbox.run("status", "--json");
    assertEquals(expectedExit, run.exitCode(), run.toString());
    return json(run.out());
  }

  @Test
  void afterASuccessfulSync_isHealthy_exit0_textAndJson() {
    sandbox.insert(MemberRow.active(1, "Ann", "One", "ann@example.org"), MemberRow.active(2, "Bob", "Two", "bob@example.org"));
    assertEquals(0, sandbox.run("daily-sync").exitCode());

    Sandbox.Run text = sandbox.run("status");
    JsonNode json = statusJson(0);

    assertEquals(0, text.exitCode(), text.toString());
    assertTrue(text.out().contains(": HEALTHY"), text.out());
    assertTrue(text.out().matches("(?s).*daily-sync\\s+\\S+\\s+\\S+\\s+exit 0\\s+created 2, updated 0, failed 0, blocked 0.*"), text.out());
    assertTrue(text.out().contains("audit          never"), text.out());
    assertEquals("healthy", json.get("health").asText());
    assertEquals(0, json.get("exitCode").asInt());
    assertEquals(0, json.get("attention").size());
    JsonNode last = json.get("lastRuns").get("daily-sync").get(0);
    assertEquals("finished", last.get("state").asText());
    assertEquals(0, last.get("exitCode").asInt());
    assertEquals(2, last.get("totals").get("created").asInt());
    assertTrue(last.get("durationSeconds").asDouble() >= 0);
    assertTrue(last.get("requests").asInt() > 0);
    assertFalse(json.get("dailySyncStale").asBoolean());
    assertEquals(last.get("id"), json.get("lastSuccessfulDailySync").get("id"));
    assertEquals(0, json.get("lastRuns").get("audit").size());
    assertFalse(json.get("webhooks").get("inboxExists").asBoolean());
  }

  @Test
  void failingSync_needsAttention_listingTheConflictAndTheBlockedContactWithTheAdminAction() {
    Sandbox.Troubles troubles = sandbox.seedTroubles();
    String theirs = troubles.conflicting();
    String blocked = troubles.blocked();
    assertEquals(1, sandbox.run("daily-sync").exitCode());

    Sandbox.Run text = sandbox.run("status");
    JsonNode json = statusJson(1);

    assertEquals(1, text.exitCode(), text.toString());
    assertTrue(text.out().contains("ATTENTION NEEDED"), text.out());
    assertTrue(text.out().contains("exited 1"), text.out());
    assertTrue(text.out().contains("member 601 contact " + blocked), text.out());
    assertTrue(text.out().contains("unblock"), text.out());
    assertTrue(text.out().contains("member 801 contact " + theirs), text.out());
    assertEquals("attention", json.get("health").asText());
    JsonNode problems = json.get("problems");
    assertEquals(1, problems.get("conflicts").get("total").asInt());
    assertEquals(801, problems.get("conflicts").get("items").get(0).get("memberNumber").asInt());
    assertEquals(1, problems.get("unrecoverableContacts").get("total").asInt());
    assertEquals(blocked, problems.get("unrecoverableContacts").get("items").get(0).get("contactId").asText());
    assertTrue(problems.get("unrecoverableContacts").get("items").get(0).get("problem").asText().contains("unblock"));
    assertEquals(1, json.get("lastDailySync").get("exitCode").asInt());
    assertTrue(json.get("dailySyncStale").asBoolean(), "no successful sync at all");
    assertTrue(json.get("attention").toString().contains("no successful daily-sync recorded yet"), json.toString());
  }

  @Test
  void failingMember_isListedAsFailing() {
    sandbox.insert(MemberRow.active(1, "Ann", "One", "ann@example.org"));
    sandbox.intercom.failMatching("POST", "/contacts", 1_000, 422);
    Sandbox.Run sync = sandbox.run("daily-sync");
    assertEquals(1, sync.exitCode(), sync.toString());

    JsonNode json = statusJson(1);

    JsonNode failing = json.get("problems").get("failingMembers");
    assertEquals(1, failing.get("total").asInt(), json.toString());
    assertEquals(1, failing.get("items").get(0).get("memberNumber").asInt());
    assertTrue(json.get("attention").get(0).asText().contains("(1 member failed)"), json.toString());
  }

  @Test
  void staleWorkspace_lastSuccessOlderThan26Hours_needsAttention() {
    sandbox.insert(MemberRow.active(1, "Ann", "One", "ann@example.org"));
    assertEquals(0, sandbox.run("daily-sync").exitCode());
    postgres.execute("update intercom_sync.runs set started_at = started_at - interval '27 hours',"
        + " finished_at = finished_at - interval '27 hours'");

    Sandbox.Run text = sandbox.run("status");
    JsonNode json = statusJson(1);

    assertTrue(text.out().contains("STALE"), text.out());
    assertTrue(json.get("dailySyncStale").asBoolean());
    assertEquals(1, json.get("attention").size(), json.toString());
    assertTrue(json.get("attention").get(0).asText().startsWith("no successful daily-sync in the last 26 hours"), json.toString());
  }

  @Test
  void emptyHistory_needsAttention_andDryRunsDoNotCountAsSuccess() {
    sandbox.insert(MemberRow.active(1, "Ann", "One", "ann@example.org"));
    assertEquals(0, statusJson(1).get("lastRuns").get("daily-sync").size());
    assertEquals(0, sandbox.run("daily-sync", "--dry-run").exitCode());

    JsonNode json = statusJson(1);

    assertTrue(json.get("lastRuns").get("daily-sync").get(0).get("dryRun").asBoolean());
    assertTrue(json.get("lastSuccessfulDailySync").isNull());
    assertTrue(json.get("attention").get(0).asText().contains("no successful daily-sync recorded yet"));
  }

  @Test
  void webhookEventsFailedAndPending_areCountedWithTheOldestAge() {
    sandbox.insert(MemberRow.active(1, "Ann", "One", "ann@example.org"));
    assertEquals(0, sandbox.run("daily-sync").exitCode());
    try (var ds = Databases.postgres(sandbox.env.get("DATABASE_URL"), SCHEMA, "test", 1, 2_000)) {
      new WebhookInbox(ds, java.time.Clock.systemUTC()).migrate();
    }
    postgres.execute("insert into intercom_sync.webhook_events (id, topic, priority, payload, status, attempts, received_at,"
        + " next_attempt_at, finished_at, last_error) values"
        + " ('n1', 'conversation.user.created', 1, '{}', 'failed', 5, now() - interval '2 hours', now(), now() - interval '1 hour', 'Intercom: 500'),"
        + " ('n0', 'conversation.user.created', 1, '{}', 'failed', 5, now() - interval '9 days', now(), now() - interval '8 days', 'old'),"
        + " ('n2', 'conversation_part.tag.created', 0, '{}', 'pending', 0, now() - interval '5 minutes', now(), null, null)");

    Sandbox.Run text = sandbox.run("status");
    JsonNode json = statusJson(1);

    JsonNode w = json.get("webhooks");
    assertEquals(1, w.get("failedLast7Days").asInt(), w.toString());
    assertEquals("n1", w.get("recentFailures").get(0).get("id").asText());
    assertEquals(1, w.get("pending").asInt());
    double age = w.get("oldestPendingAgeSeconds").asDouble();
    assertTrue(age >= 299 && age < 400, "age " + age);
    assertEquals(1, json.get("attention").size(), json.toString());
    assertTrue(text.out().contains("1 failed in the last 7 days; 1 pending, the oldest received 5m"), text.out());
  }

  @Test
  void killedRun_staysVisibleAsNotFinished_andNeedsAttention() {
    sandbox.insert(MemberRow.active(1, "Ann", "One", "ann@example.org"));
    assertEquals(0, sandbox.run("daily-sync").exitCode());
    postgres.execute("update intercom_sync.runs set started_at = started_at - interval '1 hour', finished_at = finished_at - interval '1 hour'");
    // what a kill -9 leaves: a running row whose heartbeat stopped (the jar test kills a real process)
    postgres.execute("insert into intercom_sync.runs (command, arguments, dry_run, member_schema, host, pid, state,"
        + " started_at, heartbeat_at) values ('daily-sync', '[]', false, '" + SCHEMA + "', 'cron-1', 77, 'running',"
        + " now() - interval '10 minutes', now() - interval '9 minutes')");

    Sandbox.Run text = sandbox.run("status");
    JsonNode json = statusJson(1);

    assertEquals("not finished", json.get("lastRuns").get("daily-sync").get(0).get("state").asText());
    assertTrue(json.get("lastRuns").get("daily-sync").get(0).get("finishedAt").isNull());
    assertTrue(json.get("attention").get(0).asText().contains("did not finish"), json.toString());
    assertTrue(text.out().contains("DID NOT FINISH"), text.out());
  }

  @Test
  void runningNow_isShownRunning_andThePreviousRunDecides() {
    sandbox.insert(MemberRow.active(1, "Ann", "One", "ann@example.org"));
    assertEquals(0, sandbox.run("daily-sync").exitCode());
    postgres.execute("update intercom_sync.runs set started_at = started_at - interval '1 hour', finished_at = finished_at - interval '1 hour'");
    postgres.execute("insert into intercom_sync.runs (command, arguments, dry_run, member_schema, host, pid, state,"
        + " started_at, heartbeat_at) values ('daily-sync', '[]', false, '" + SCHEMA + "', 'cron-1', 77, 'running',"
        + " now() - interval '1 minute', now())");

    JsonNode json = statusJson(0);

    assertEquals("running", json.get("lastRuns").get("daily-sync").get(0).get("state").asText());
    assertEquals("finished", json.get("lastDailySync").get("state").asText());
  }

  @Test
  void unreachableDatabase_exits3_inTextAndJson() {
    sandbox.env.put("DATABASE_URL", "postgres://u:secretpw@127.0.0.1:1/db");

    Sandbox.Run text = sandbox.run("status");
    Sandbox.Run json = sandbox.run("status", "--json");

    assertEquals(3, text.exitCode(), text.toString());
    assertTrue(text.out().contains("DATABASE UNREACHABLE"), text.out());
    assertTrue(text.err().contains("127.0.0.1:1"), text.err());
    assertFalse(text.toString().contains("secretpw"));
    assertEquals(3, json.exitCode());
    assertEquals("unreachable", json(json.out()).get("health").asText());
  }

  @Test
  void statusNeedsNoIntercomToken() {
    sandbox.env.remove("INTERCOM_ACCESS_TOKEN");
    assertEquals(1, sandbox.run("status").exitCode(), "no runs yet: attention, but it ran");
    sandbox.env.remove("DATABASE_URL");
    Sandbox.Run run = sandbox.run("status");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("error: DATABASE_URL is not set"), run.err());
  }
}
