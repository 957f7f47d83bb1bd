package org.natca.intercom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natca.intercom.sandbox.db.SandboxPostgres;
import org.natca.intercom.sandbox.emulator.IntercomEmulator;
import org.natca.intercom.sandbox.members.SyntheticMembers;

/**
 * The run lock between two processes of the shipped jar: the second writing run exits 3 naming the
 * first; after kill -9 of the first, a new run starts within 60 s, and the killed run stays in the
 * history as not finished. The lease is shortened for the test (system property
 * {@code natca.intercom.runLockLeaseSeconds}); run with {@code -Dit.runLockLeaseSeconds=default} to
 * measure the production timings (15 s renewal, 45 s lease).
 */
class JarRunLockIT {
  static final Path JAR = JarSmokeIT.JAR;
  static final String LEASE = System.getProperty("it.runLockLeaseSeconds", "6");

  static ProcessBuilder jar(Map<String, String> env, Path dir, String name, String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
    if (!"default".equals(LEASE)) {
      cmd.add("-Dnatca.intercom.runLockLeaseSeconds=" + LEASE);
    }
    cmd.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    return pb;
  }

  static int finish(Process p, int seconds) throws InterruptedException {
    assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), "the jar did not finish in " + seconds + " s");
    return p.exitValue();
  }

  static String read(Path dir, String file) throws Exception {
    return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
  }

  static List<String> column(SandboxPostgres pg, String sql) throws Exception {
    try (Connection c = pg.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    } catch (java.sql.SQLException e) {
      return List.of();
    }
  }

  @Test
  void secondWriterExits3NamingTheFirst_andAfterKill9ANewRunStartsWithin60s(@TempDir Path dir) throws Exception {
    try (SandboxPostgres pg = SandboxPostgres.start(); IntercomEmulator intercom = IntercomEmulator.start()) {
      SyntheticMembers.fill(pg.dataSource(), "public", 300, 5);
      Map<String, String> env = new HashMap<>(Map.of(
          "INTERCOM_ACCESS_TOKEN", intercom.token(),
          "INTERCOM_BASE_URL", intercom.baseUrl(),
          "DATABASE_URL", pg.postgresUrl(),
          "HOSTNAME", "cron-a",
          // slow on purpose: the first run creates 300 contacts at 120 requests a minute
          "INTERCOM_MAX_REQUESTS_PER_MINUTE", "120"));

      Process first = jar(env, dir, "first", "daily-sync").start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (column(pg, "select pid from intercom_sync.run_lock").isEmpty()) {
        assertTrue(System.nanoTime() < deadline && first.isAlive(), "the first run never took the lock: " + read(dir, "first.err"));
        Thread.sleep(100);
      }

      env.put("HOSTNAME", "cron-b");
      long t = System.nanoTime();
      int second = finish(jar(env, dir, "second", "daily-sync", "--limit=3").start(), 60);
      double secondSeconds = (System.nanoTime() - t) / 1e9;
      String secondErr = read(dir, "second.err");
      assertEquals(3, second, secondErr);
      assertTrue(secondErr.contains("stopped: another run is writing to this member database: daily-sync on host cron-a, pid "
          + first.pid() + ", since "), secondErr);
      assertTrue(first.isAlive(), "the first run was still going");

      first.destroyForcibly();
      long killedAt = System.nanoTime();
      assertTrue(first.waitFor(10, TimeUnit.SECONDS));
      int code;
      int attempt = 0;
      do {
        Thread.sleep(1_000);
        code = finish(jar(env, dir, "third-" + attempt, "daily-sync", "--limit=3").start(), 60);
        attempt++;
      } while (code == 3 && System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(75));
      double takeover = (System.nanoTime() - killedAt) / 1e9;
      System.out.printf("lease %s s: refused in %.1f s; new run started %.1f s after kill -9 (%d attempts)%n",
          LEASE, secondSeconds, takeover, attempt);
      assertTrue(code == 0 || code == 1, "the new run ran: " + read(dir, "third-" + (attempt - 1) + ".err"));
      assertTrue(takeover < 60, "took over after " + takeover + " s");
      assertTrue(read(dir, "third-" + (attempt - 1) + ".err").contains("took over the run lock of daily-sync on host cron-a"));

      // the killed run stays in the history, not finished
      assertEquals(List.of("running|null|true"), column(pg, "select state || '|' || coalesce(finished_at::text, 'null') || '|'"
          + " || (heartbeat_at < now() - interval '" + ("default".equals(LEASE) ? 45 : LEASE) + " seconds')"
          + " from intercom_sync.runs where host = 'cron-a'"));
      Process status = jar(env, dir, "status", "status", "--json").start();
      // the new run succeeded, so the workspace is healthy again
      assertEquals(0, finish(status, 60), read(dir, "status.out") + read(dir, "status.err"));
      JsonNode json = new ObjectMapper().readTree(new File(dir.resolve("status.out").toString()));
      assertEquals("finished", json.get("lastDailySync").get("state").asText());
    }
  }
}
