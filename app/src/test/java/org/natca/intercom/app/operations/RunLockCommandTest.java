package org.natca.intercom.app.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natca.intercom.app.Sandbox;
import org.natca.intercom.member.Databases;
import org.natca.intercom.operations.OperationsSchema;
import org.natca.intercom.operations.RunLock;
import org.natca.intercom.operations.RunStart;
import org.natca.intercom.sandbox.members.MemberRow;

/** The run lock as the commands meet it (two processes of the jar: JarRunLockIT). */
class RunLockCommandTest extends OperationsTest {
  HikariDataSource ds;
  RunLock lock;

  @BeforeEach
  void pool() {
    ds = Databases.postgres(sandbox.env.get("DATABASE_URL"), SCHEMA, "lock-test", 2, 2_000);
    OperationsSchema.migrate(ds);
    lock = new RunLock(ds, RunLock.Timings.DEFAULT);
    sandbox.insert(MemberRow.active(1, "Ann", "One", "ann@example.org"));
  }

  @AfterEach
  void closePool() {
    ds.close();
  }

  RunStart other(String command) {
    return new RunStart(command, List.of(), false, SCHEMA, "cron-other", 4242);
  }

  @Test
  void lockHeld_writingRunExits3NamingTheHolder_writesNothing_recordedAsRefused() {
    assertInstanceOf(RunLock.Attempt.Acquired.class, lock.acquire(other("audit")));

    Sandbox.Run run = sandbox.run("daily-sync");

    assertEquals(3, run.exitCode(), run.toString());
    assertTrue(run.err().startsWith("stopped: another run is writing to this member database: audit on host cron-other, pid 4242, since "),
        run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertEquals(0, sandbox.intercom.requests().size(), "nothing asked of Intercom");
    Map<String, Object> row = runs().get(0);
    assertEquals("refused", row.get("state"));
    assertEquals(3, row.get("exit_code"));
    assertTrue(((String) row.get("error")).contains("cron-other"), row.toString());
    assertTrue(runs().size() == 1);
  }

  @Test
  void lockHeld_dryRunsAndStatusStillRun() {
    lock.acquire(other("daily-sync"));

    assertEquals(0, sandbox.run("daily-sync", "--dry-run").exitCode());
    assertEquals(0, sandbox.run("audit", "--dry-run").exitCode());
    int status = sandbox.run("status").exitCode();

    assertTrue(status == 0 || status == 1, "status answers: " + status);
    assertEquals(List.of("finished", "finished"), runs().stream().map(r -> r.get("state")).toList());
  }

  @Test
  void lockWhoseHolderStoppedRenewing_isTakenOver() {
    lock.acquire(other("daily-sync"));
    postgres.execute("update intercom_sync.run_lock set heartbeat_at = now() - interval '46 seconds'");

    String[] logs = new String[1];
    Sandbox.Run[] run = new Sandbox.Run[1];
    logs[0] = logsOf(() -> run[0] = sandbox.run("daily-sync"));

    assertEquals(0, run[0].exitCode(), run[0].toString());
    assertTrue(logs[0].contains("took over the run lock of daily-sync on host cron-other, pid 4242"), logs[0]);
    assertEquals(0, rows("select * from intercom_sync.run_lock").size(), "released at the end");
  }

  @Test
  void lockRenewedRecently_isNotTakenOver() {
    lock.acquire(other("daily-sync"));
    postgres.execute("update intercom_sync.run_lock set heartbeat_at = now() - interval '40 seconds'");

    assertEquals(3, sandbox.run("daily-sync").exitCode());
  }

  @Test
  void leftoverOfThisVeryProcess_isTakenOverAtOnce() {
    lock.acquire(new RunStart("daily-sync", List.of(), false, SCHEMA, RunRecording.host(sandbox.env), ProcessHandle.current().pid()));

    assertEquals(0, sandbox.run("daily-sync").exitCode());
  }

  @Test
  void locksArePerMemberSchema() {
    lock.acquire(new RunStart("daily-sync", List.of(), false, "another_schema", "cron-other", 4242));

    assertEquals(0, sandbox.run("daily-sync").exitCode());
  }
}
