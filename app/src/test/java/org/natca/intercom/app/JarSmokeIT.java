package org.natca.intercom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natca.intercom.sandbox.db.SandboxPostgres;
import org.natca.intercom.sandbox.emulator.IntercomEmulator;
import org.natca.intercom.sandbox.members.MemberRow;
import org.natca.intercom.sandbox.members.SyntheticMembers;

/** The shipped jar, started as cron starts it: a separate JVM, configuration from the environment only. */
class JarSmokeIT {
  static final Path JAR = Path.of("target", "natca-intercom.jar");

  record Proc(int code, String out, String err) {}

  static Proc java(Map<String, String> env, Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
        JAR.toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the jar did not finish in time");
    return new Proc(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void version_and_help_work_without_configuration(@TempDir Path dir) throws Exception {
    Proc version = java(Map.of(), dir, "--version");
    assertEquals(0, version.code(), version.err());
    assertTrue(version.out().matches("natca-intercom \\d+\\.\\d+\\.\\d+.*\\s*"), version.out());

    Proc help = java(Map.of(), dir, "--help");
    assertEquals(0, help.code(), help.err());
    assertTrue(help.out().contains("daily-sync"), help.out());
  }

  @Test
  void missingToken_exits2_withOneLine(@TempDir Path dir) throws Exception {
    Proc p = java(Map.of(), dir, "daily-sync");
    assertEquals(2, p.code());
    assertEquals("error: INTERCOM_ACCESS_TOKEN is not set (the Intercom app's access token)", p.err().strip());
  }

  @Test
  void hostileBatchInput_fromTheJar_exits2_withOneLine_neverHangsOrRunsOutOfMemory(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("fifo.json");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Path big = dir.resolve("big.json");
    try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(200L * 1024 * 1024);
    }
    Map<String, String> env = Map.of("INTERCOM_ACCESS_TOKEN", "t", "DATABASE_URL", "postgres://u:p@127.0.0.1:1/db");
    for (String file : List.of(fifo.toString(), "/dev/zero", "/dev/urandom", big.toString())) {
      Proc p = java(env, dir, "manual-update", file);
      assertEquals(2, p.code(), file + ": " + p.err());
      assertEquals(1, p.err().strip().lines().count(), file + ": " + p.err());
      assertTrue(p.err().startsWith("error: " + file + ": cannot read the file: "), p.err());
    }

    Proc budget = java(Map.of("INTERCOM_ACCESS_TOKEN", "t", "DATABASE_URL", "postgres://u:p@127.0.0.1:1/db",
        "INTERCOM_MAX_REQUESTS_PER_MINUTE", "50000000"), dir, "daily-sync");
    assertEquals(2, budget.code(), budget.err());
    assertEquals("error: INTERCOM_MAX_REQUESTS_PER_MINUTE must be at most 25000 (Intercom allows 25,000 requests a"
        + " minute per workspace), got 50000000", budget.err().strip());
  }

  @Test
  void dailySync_fromTheJar_syncsMembers_withBothJdbcDriversAndTheLoggerShaded(@TempDir Path dir) throws Exception {
    try (SandboxPostgres pg = SandboxPostgres.start(); IntercomEmulator intercom = IntercomEmulator.start()) {
      SyntheticMembers.insertMembers(pg.dataSource(), "public", List.of(
          MemberRow.active(1, "Ann", "One", "ann@example.org"), MemberRow.active(2, "Bob", "Two", "bob@example.org")));
      Map<String, String> env = Map.of(
          "INTERCOM_ACCESS_TOKEN", intercom.token(),
          "INTERCOM_BASE_URL", intercom.baseUrl(),
          "DATABASE_URL", pg.postgresUrl(),
          // the legacy MySQL settings are parsed but daily-sync never opens that database
          "MYSQL_HOST", "127.0.0.1", "MYSQL_USER", "u", "MYSQL_DB", "d");

      Proc p = java(env, dir, "daily-sync", "--report=" + dir.resolve("r.json"));

      assertEquals(0, p.code(), p.out() + p.err());
      assertEquals(2, intercom.contacts().size());
      assertTrue(p.out().matches("(?s).*created\\s+2.*"), p.out());
      assertTrue(p.err().contains("INFO"), "slf4j-simple logs to stderr: " + p.err());
      assertTrue(Files.readString(dir.resolve("r.json")).contains("\"command\" : \"daily-sync\""));
    }
    try (var jar = new java.util.jar.JarFile(JAR.toFile())) {
      String drivers = new String(jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver")).readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(drivers.contains("org.postgresql.Driver"), drivers);
      assertTrue(drivers.contains("com.mysql.cj.jdbc.Driver"), drivers);
      assertTrue(jar.getEntry("org/slf4j/simple/SimpleLogger.class") != null);
      assertTrue(jar.getEntry("org/natca/intercom/sandbox") == null, "the sandbox never ships");
    }
  }
}
