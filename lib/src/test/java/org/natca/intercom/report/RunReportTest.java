package org.natca.intercom.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.natca.intercom.config.ConfigException;

class RunReportTest {

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-11-23T08:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void writeJson_hasEveryContractKey(@TempDir Path dir) throws Exception {
    ManualClock clock = new ManualClock();
    RunReport r = new RunReport("daily-sync", true, clock);
    r.add(RunReport.Total.MEMBERS, 3);
    r.increment(RunReport.Total.CREATED);
    r.fail(12345, "a@b.org", "abc", "boom");
    r.requests(7, 2);
    clock.now = clock.now.plus(Duration.ofMillis(2500));
    r.finish();
    Path file = Files.createDirectories(dir.resolve("sub")).resolve("report.json");
    r.writeJson(file);

    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    assertEquals("daily-sync", json.get("command").asText());
    assertTrue(json.get("dryRun").asBoolean());
    assertEquals("2026-11-23T08:00:00Z", json.get("startedAt").asText());
    assertEquals("2026-11-23T08:00:02.500Z", json.get("finishedAt").asText());
    assertEquals(2.5, json.get("durationSeconds").asDouble());
    for (String key : new String[] {"members", "created", "updated", "unchanged", "skipped", "duplicatesResolved", "unarchived", "blocked", "failed"}) {
      assertTrue(json.get("totals").has(key), key);
    }
    assertEquals(3, json.get("totals").get("members").asInt());
    assertEquals(1, json.get("totals").get("failed").asInt());
    assertEquals(7, json.get("requests").get("total").asInt());
    assertEquals(2, json.get("requests").get("writes").asInt());
    JsonNode err = json.get("errors").get(0);
    assertEquals(12345, err.get("memberNumber").asInt());
    assertEquals("a@b.org", err.get("email").asText());
    assertEquals("abc", err.get("contactId").asText());
    assertEquals("boom", err.get("error").asText());
  }

  @Test
  void writeJson_ownerOnly_replacingAnEarlierReport_leavingNoTemporaryFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("report.json"), "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    new RunReport("daily-sync", false, new ManualClock()).writeJson(file);

    assertTrue(Files.readString(file).contains("\"command\" : \"daily-sync\""));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void writeJson_intoAMissingDirectory_failsAndCreatesNothing(@TempDir Path dir) {
    Path file = dir.resolve("no/such/dir/report.json");

    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> new RunReport("daily-sync", false, new ManualClock()).writeJson(file));

    assertTrue(e.getMessage().contains("does not exist (it is not created)"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("no")));
  }

  @Test
  void writeJson_overAnEmptyDirectory_failsAndKeepsTheDirectory(@TempDir Path dir) throws Exception {
    Path target = Files.createDirectory(dir.resolve("report.json"));

    assertThrows(UncheckedIOException.class, () -> new RunReport("daily-sync", false, new ManualClock()).writeJson(target));

    assertTrue(Files.isDirectory(target));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a directory | . | is a directory; name a file",
      "a missing directory | missing/report.json | : the directory ",
  })
  void check_unusablePath_isBadUsageWithOneLine(String what, String relative, String expected, @TempDir Path dir) {
    Path file = dir.resolve(relative);

    ConfigException e = assertThrows(ConfigException.class, () -> ReportFile.check(file));

    assertTrue(e.getMessage().startsWith("--report " + file) && e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertFalse(Files.exists(dir.resolve("missing")));
  }

  @Test
  void summary_listsFailuresAndAbort() {
    RunReport r = new RunReport("audit", false, new ManualClock());
    r.fail(1, null, "c1", "nope");
    r.abort("Intercom stopped answering");
    String s = r.summary();
    assertTrue(s.contains("STOPPED EARLY: Intercom stopped answering"), s);
    assertTrue(s.contains("member 1 contact c1 : nope"), s);
  }

  @Test
  void summary_failuresNote_replacesTheDefault() {
    RunReport r = new RunReport("manual-update", false, new ManualClock());
    r.fail(1, null, "c1", "nope");
    assertTrue(r.summary().contains("Failed (retried on the next run):\n"), r.summary());

    r.failuresNote("fix them, then run the file again");

    assertTrue(r.summary().contains("Failed (fix them, then run the file again):\n  member 1 contact c1 : nope\n"), r.summary());
  }
}
