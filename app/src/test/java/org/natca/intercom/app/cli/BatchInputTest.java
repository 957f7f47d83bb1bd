package org.natca.intercom.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.natca.intercom.app.Sandbox;
import org.natca.intercom.app.SandboxTest;
import org.natca.intercom.sandbox.members.MemberRow;

/**
 * The batch commands' input, attacked: files that are not files, files that never end, files with
 * thousands of problems, report paths that are not writable as asked, an impossible request budget.
 * Each is refused with exit 2 and one line (or a bounded list), before anything is asked of Intercom.
 */
class BatchInputTest extends SandboxTest {
  @TempDir Path dir;

  /** Runs the command on another thread, failing the test if it does not come back: a FIFO must not hang. */
  Sandbox.Run run(String... args) {
    return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> sandbox.run(args));
  }

  static List<String> lines(String s) {
    return s.isEmpty() ? List.of() : Arrays.asList(s.split("\n"));
  }

  void assertRefused(Sandbox.Run run, String expectedLine) {
    assertEquals(2, run.exitCode(), run.toString());
    assertEquals(List.of(expectedLine), lines(run.err()), run.toString());
    assertEquals("", run.out());
    assertEquals(List.of(), sandbox.intercom.requests());
  }

  // ------------------------------------------------------------------ manual-update FILE

  @Test
  void manualUpdate_missingFile_oneLine() {
    Path file = dir.resolve("nope.json");

    assertRefused(run("manual-update", file.toString()),
        "error: " + file + ": cannot read the file: no such file; nothing was done");
  }

  @Test
  void manualUpdate_directory_oneLine() {
    assertRefused(run("manual-update", dir.toString()),
        "error: " + dir + ": cannot read the file: it is a directory; nothing was done");
  }

  @Test
  void manualUpdate_fifo_isRefusedAtOnce_notWaitedOn() throws Exception {
    Path fifo = dir.resolve("mappings.json");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());

    assertRefused(run("manual-update", fifo.toString()), "error: " + fifo + ": cannot read the file: it is not a"
        + " regular file (a FIFO, socket or device); give a JSON file; nothing was done");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/dev/zero", "/dev/urandom"})
  void manualUpdate_endlessDevice_isRefused(String device) {
    assertRefused(run("manual-update", device), "error: " + device + ": cannot read the file: it is not a regular"
        + " file (a FIFO, socket or device); give a JSON file; nothing was done");
  }

  @Test
  void manualUpdate_fileOverTenMiB_isRefused() throws IOException {
    Path big = dir.resolve("big.json");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(200L * 1024 * 1024); // sparse: 200 MB that take no disk
    }

    assertRefused(run("manual-update", big.toString()), "error: " + big + ": cannot read the file: it is larger than"
        + " 10 MiB, the most a mappings file may be; nothing was done");
  }

  @Test
  void manualUpdate_hundredThousandBadEntries_listsTheFirstFifty_thenTheCount() throws IOException {
    String entries = IntStream.range(0, 100_000).mapToObj(i -> "{\"contact_id\": \"c" + i + "\"}")
        .collect(Collectors.joining(",\n", "[\n", "\n]\n"));
    Path file = Files.writeString(dir.resolve("bad.json"), entries);

    Sandbox.Run run = run("manual-update", file.toString());

    assertEquals(2, run.exitCode(), run.toString());
    List<String> err = lines(run.err());
    assertEquals(51, err.size(), err.subList(0, 3) + " ... " + err.get(err.size() - 1));
    assertEquals(file + ":2:1: entry [0]: \"member_number\" is missing", err.get(0));
    assertEquals(file + ":51:1: entry [49]: \"member_number\" is missing", err.get(49));
    assertEquals("error: 100000 problems in " + file + " (the first 50 are listed); nothing was done", err.get(50));
    assertEquals(List.of(), sandbox.intercom.requests());
  }

  // ------------------------------------------------------------------ --report=FILE

  @ParameterizedTest
  @ValueSource(strings = {"daily-sync", "audit", "manual-update"})
  void report_isADirectory_exit2_beforeAnyWork(String command) throws IOException {
    sandbox.insert(MemberRow.active(1, "Ann", "One", "ann@example.org"));
    Path target = Files.createDirectory(dir.resolve("report.json"));

    assertRefused(run(args(command, "--report=" + target)),
        "error: --report " + target + " is a directory; name a file, e.g. " + target.resolve("report.json"));
    assertTrue(Files.isDirectory(target));
  }

  @ParameterizedTest
  @ValueSource(strings = {"daily-sync", "audit", "manual-update"})
  void report_inAMissingDirectory_exit2_andTheDirectoryIsNotCreated(String command) throws IOException {
    sandbox.insert(MemberRow.active(1, "Ann", "One", "ann@example.org"));
    Path target = dir.resolve("reports/today/report.json");

    assertRefused(run(args(command, "--report=" + target)),
        "error: --report " + target + ": the directory " + target.getParent() + " does not exist (it is not created)");
    assertFalse(Files.exists(dir.resolve("reports")));
  }

  @Test
  void report_isWrittenOwnerOnly() throws IOException {
    sandbox.insert(MemberRow.active(1, "Ann", "One", "ann@example.org"));
    Path target = dir.resolve("report.json");

    Sandbox.Run run = run("daily-sync", "--report=" + target);

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    assertTrue(Files.readString(target, StandardCharsets.UTF_8).contains("\"command\" : \"daily-sync\""));
  }

  String[] args(String command, String option) throws IOException {
    if (command.equals("manual-update")) {
      Path file = Files.writeString(dir.resolve("m.json"), "[]");
      return new String[] {command, file.toString(), option};
    }
    return new String[] {command, option};
  }

  // ------------------------------------------------------------------ INTERCOM_MAX_REQUESTS_PER_MINUTE

  @ParameterizedTest
  @ValueSource(strings = {"daily-sync", "audit"})
  void budgetAboveWhatIntercomAllows_exit2_oneLineNamingTheVariable(String command) {
    sandbox.env.put("INTERCOM_MAX_REQUESTS_PER_MINUTE", "50000000");

    assertRefused(run(command), "error: INTERCOM_MAX_REQUESTS_PER_MINUTE must be at most 25000 (Intercom allows"
        + " 25,000 requests a minute per workspace), got 50000000");
  }

  // ------------------------------------------------------------------ POST /data_attributes

  @Test
  void dailySync_serverErrorCreatingAnAttribute_isRetried_andTheRunSucceeds() {
    sandbox.insert(MemberRow.active(1, "Ann", "One", "ann@example.org"));
    sandbox.intercom.failMatching("POST", "/data_attributes", 1, 500);

    Sandbox.Run run = run("daily-sync");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(6, sandbox.intercom.countRequests("POST", "/data_attributes"), "five attributes, one sent twice");
    assertTrue(sandbox.intercom.hasAttribute("positions"));
    assertEquals("1", sandbox.intercom.userByExternalId("1").orElseThrow().attribute("member_number"));
  }
}
