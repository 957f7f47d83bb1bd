package org.natca.intercom.app.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natca.intercom.app.Sandbox;
import org.natca.intercom.sandbox.emulator.SeedContact;
import org.natca.intercom.sandbox.members.MemberRow;

/** Every run of daily-sync, audit and manual-update leaves one row in intercom_sync.runs. */
class RunHistoryTest extends OperationsTest {

  @Test
  void eachRecordedCommand_leavesOneFinishedRow_withArgumentsTotalsRequestsAndReport(@TempDir Path dir) throws Exception {
    sandbox.insert(MemberRow.active(1, "Ann", "One", "ann@example.org"), MemberRow.active(2, "Bob", "Two", "bob@example.org"));
    String lead = sandbox.intercom.addContact(SeedContact.lead("lead@example.org"));
    Path mappings = Files.writeString(dir.resolve("m.json"), "[{\"contact_id\": \"" + lead + "\", \"member_number\": 1}]");

    Sandbox.Run sync = sandbox.run("daily-sync", "--batch-size=50");
    Sandbox.Run dry = sandbox.run("daily-sync", "--dry-run");
    Sandbox.Run audit = sandbox.run("audit", "--dry-run", "--limit=10");
    Sandbox.Run manual = sandbox.run("manual-update", mappings.toString());

    assertEquals(0, sync.exitCode(), sync.toString());
    assertEquals(0, dry.exitCode(), dry.toString());
    assertEquals(0, audit.exitCode(), audit.toString());
    List<Map<String, Object>> runs = runs();
    assertEquals(4, runs.size(), runs.toString());
    assertEquals(List.of("daily-sync", "daily-sync", "audit", "manual-update"), runs.stream().map(r -> r.get("command")).toList());
    assertEquals(List.of(false, true, true, false), runs.stream().map(r -> r.get("dry_run")).toList());
    assertEquals(List.of(0, 0, 0, manual.exitCode()), runs.stream().map(r -> r.get("exit_code")).toList());
    for (Map<String, Object> r : runs) {
      assertEquals("finished", r.get("state"), r.toString());
      assertNotNull(r.get("finished_at"), r.toString());
      assertEquals(SCHEMA, r.get("member_schema"));
      assertEquals(ProcessHandle.current().pid(), r.get("pid"));
      assertFalse(((String) r.get("host")).isBlank());
    }
    Map<String, Object> first = runs.get(0);
    assertEquals(List.of("--batch-size=50"), JSON.convertValue(json(first.get("arguments")), List.class));
    assertEquals(2, json(first.get("totals")).get("created").asInt());
    assertEquals(sandbox.intercom.requests().size() > 0, json(first.get("requests")).get("total").asLong() > 0);
    JsonNode report = json(first.get("report"));
    assertEquals("daily-sync", report.get("command").asText());
    assertEquals(2, report.get("totals").get("members").asInt());
    assertEquals(List.of("--dry-run", "--limit=10"), JSON.convertValue(json(runs.get(2).get("arguments")), List.class));
    assertEquals(List.of(mappings.toString()), JSON.convertValue(json(runs.get(3).get("arguments")), List.class));
    assertEquals(0, rows("select * from intercom_sync.run_lock").size(), "every run gave the lock back");
  }

  @Test
  void runThatFailsWithAnException_isRecordedWithItsExitCodeAndError() {
    sandbox.insert(MemberRow.active(1, "Ann", "One", "ann@example.org"));
    sandbox.env.put("INTERCOM_ACCESS_TOKEN", "wrong-token");

    Sandbox.Run run = sandbox.run("daily-sync");

    assertEquals(3, run.exitCode(), run.toString());
    Map<String, Object> row = runs().get(0);
    assertEquals(3, row.get("exit_code"));
    assertEquals("finished", row.get("state"));
    assertTrue(((String) row.get("error")).contains("401"), row.toString());
    assertFalse(row.toString().contains("wrong-token"), "no secret in the history: " + row);
  }

  @Test
  void badInput_andHelp_areNotRecorded_andTakeNoLock() {
    assertEquals(2, sandbox.run("daily-sync", "--batch-size=0").exitCode());
    assertEquals(2, sandbox.run("audit", "--limit=-1").exitCode());
    assertEquals(0, sandbox.run("daily-sync", "--help").exitCode());
    assertEquals(2, sandbox.run("manual-update", "/no/such/file.json").exitCode());

    assertTrue(runs().isEmpty(), runs().toString());
  }

  @Test
  void historyThatCannotBeWritten_doesNotStopTheRun_andSaysSoOnce() {
    sandbox.insert(MemberRow.active(1, "Ann", "One", "ann@example.org"));
    // a role that may read the members but not create schema intercom_sync
    postgres.execute("do $$ begin if not exists (select from pg_roles where rolname = 'reader') then"
        + " create role reader login password 'readerpw'; end if; end $$;"
        + " revoke create on database postgres from public; revoke create on database postgres from reader;"
        + " grant usage on schema " + SCHEMA + " to reader; grant select on all tables in schema " + SCHEMA + " to reader;"
        + " drop schema if exists intercom_sync cascade");
    sandbox.env.put("DATABASE_URL", sandbox.env.get("DATABASE_URL").replace("postgres:postgres@", "reader:readerpw@"));

    Sandbox.Run[] run = new Sandbox.Run[1];
    String logs = logsOf(() -> run[0] = sandbox.run("daily-sync"));

    assertEquals(0, run[0].exitCode(), run[0].toString());
    assertEquals(1, sandbox.intercom.contacts().size());
    assertEquals(1, logs.lines().filter(l -> l.contains("run history")).count(), logs);
    assertTrue(logs.contains("the run goes on"), logs);
    assertFalse(logs.contains("readerpw"), logs);
    assertNull(rows("select to_regclass('intercom_sync.runs') as t").get(0).get("t"));
  }
}
