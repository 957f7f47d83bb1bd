package org.natca.intercom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.natca.intercom.client.model.ContactDraft;

class JournalTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-15T12:34:56Z"), ZoneOffset.UTC);
  static final String GOOD = "{\"time\":\"2024-06-15T12:00:00Z\",\"action\":\"archive\",\"contactId\":\"c1\","
      + "\"memberNumber\":null,\"reason\":\"stale\",\"undoable\":true,\"outcome\":\"done\",\"before\":{\"email\":\"a@x.org\"},"
      + "\"after\":{\"archived\":true}}";

  @Test
  void defaultPath_isTimestampedInTheWorkingDirectory() {
    assertEquals(Path.of("audit-journal-20240615T123456Z.jsonl"), Journal.defaultPath(CLOCK));
  }

  @Test
  void record_thenRead_roundTripsEveryField_nullsIncluded(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("j.jsonl");
    Map<String, Object> before = new java.util.LinkedHashMap<>();
    before.put("email", "old@example.org");
    before.put("external_id", null);
    before.put("custom_attributes", Map.of("member_number", 12345.0));
    Map<String, Object> after = JournalEntry.fields(new ContactDraft(null, null, "12345", "Jane Doe", null,
        Map.of("member_number", "12345")));
    try (Journal journal = new Journal(file, CLOCK)) {
      assertFalse(journal.started());
      journal.record(new JournalEntry(CLOCK.instant(), JournalEntry.UPDATE, "c1", 12345, "why", true, JournalEntry.DONE, before, after));
      journal.record(new JournalEntry(CLOCK.instant(), JournalEntry.MERGE, "c2", 12345, "merged", false, JournalEntry.UNKNOWN,
          null, Map.of("merged_into", "c1")));
      assertTrue(journal.started());
      assertEquals(2, journal.entries());
    }

    List<JournalEntry> read = JournalReader.read(file);

    assertEquals(3, Files.readAllLines(file).size(), "a header and two entries");
    assertEquals(2, read.size());
    JournalEntry update = read.get(0);
    assertEquals("c1", update.contactId());
    assertEquals(12345, update.memberNumber());
    assertTrue(update.before().containsKey("external_id"));
    assertNull(update.before().get("external_id"));
    assertEquals(Map.of("external_id", "12345", "name", "Jane Doe", "custom_attributes", Map.of("member_number", "12345")), update.after());
    assertEquals(JournalEntry.UNKNOWN, read.get(1).outcome());
    assertFalse(read.get(1).undoable());
  }

  @Test
  void writeAhead_intendedThenOutcome_readsAsOneEntryWithTheOutcome_inTheOrderIntended(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("j.jsonl");
    JournalEntry archive = new JournalEntry(CLOCK.instant(), JournalEntry.ARCHIVE, "a1", null, "stale", true, JournalEntry.DONE,
        Map.of("email", "a@x.org"), Map.of("archived", true));
    JournalEntry create = new JournalEntry(CLOCK.instant(), JournalEntry.CREATE, null, 7, "new user", false, JournalEntry.DONE,
        null, Map.of("email", "b@x.org"));
    JournalEntry merge = new JournalEntry(CLOCK.instant(), JournalEntry.MERGE, "l1", 7, "lead", false, JournalEntry.DONE,
        null, Map.of("merged_into", "u1"));
    try (Journal journal = new Journal(file, CLOCK)) {
      Journal.Intent a = journal.intend(archive);
      Journal.Intent c = journal.intend(create);
      Journal.Intent m = journal.intend(merge);
      journal.confirm(c, new JournalEntry(CLOCK.instant(), JournalEntry.CREATE, "u1", 7, "new user", false, JournalEntry.DONE,
          null, Map.of("email", "b@x.org")));
      journal.failed(m, "Intercom answered 400");
      journal.confirm(a, archive);
      assertEquals(3, journal.entries());
    }

    List<JournalEntry> read = JournalReader.read(file);

    assertEquals(7, Files.readAllLines(file).size(), "a header, three intents, three outcomes");
    assertEquals(List.of("a1", "u1", "l1"), read.stream().map(JournalEntry::contactId).toList());
    assertEquals(List.of(JournalEntry.DONE, JournalEntry.DONE, JournalEntry.FAILED), read.stream().map(JournalEntry::outcome).toList());
    assertTrue(read.get(2).reason().endsWith("not done: Intercom answered 400"), read.get(2).reason());
  }

  @Test
  void writeAhead_anIntentWithoutOutcome_readsAsUnknown(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("j.jsonl");
    try (Journal journal = new Journal(file, CLOCK)) {
      // the process dies after sending: only the intent is on disk
      journal.intend(new JournalEntry(CLOCK.instant(), JournalEntry.ARCHIVE, "a1", null, "stale", true, JournalEntry.DONE,
          Map.of(), Map.of("archived", true)));
    }

    JournalEntry e = JournalReader.read(file).get(0);

    assertTrue(Files.readString(file).contains("\"outcome\":\"intended\""));
    assertEquals(JournalEntry.UNKNOWN, e.outcome());
    assertEquals("a1", e.contactId());
  }

  @Test
  void versionOneJournals_withoutSeq_areStillRead(@TempDir Path dir) throws Exception {
    Path file = write(dir, "{\"journal\":\"natca-intercom audit\",\"version\":1,\"createdAt\":\"x\"}", GOOD, GOOD);

    assertEquals(2, JournalReader.read(file).size());
  }

  @Test
  void journalFile_isReadableByItsOwnerOnly(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("j.jsonl");
    try (Journal journal = new Journal(file, CLOCK)) {
      journal.record(JournalReader.read(write(dir, GOOD)).get(0));
    }
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
  }

  @Test
  void checkCanCreate_existingFileOrMissingDirectory_failsAsBadUsage(@TempDir Path dir) throws Exception {
    Path existing = Files.writeString(dir.resolve("old.jsonl"), "");

    JournalException e = assertThrows(JournalException.class, () -> Journal.checkCanCreate(existing));
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    assertThrows(JournalException.class, () -> Journal.checkCanCreate(dir.resolve("no/such/dir/j.jsonl")));
    Journal.checkCanCreate(dir.resolve("new.jsonl"));
  }

  @Test
  void read_missingFile_failsAsBadUsage(@TempDir Path dir) {
    JournalException e = assertThrows(JournalException.class, () -> JournalReader.read(dir.resolve("nope.jsonl")));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void read_attributeEntry_needsNoContact(@TempDir Path dir) throws Exception {
    Path file = write(dir, "{\"time\":\"2024-06-15T12:00:00Z\",\"action\":\"create-attribute\",\"contactId\":null,"
        + "\"undoable\":false,\"after\":{\"name\":\"region\",\"data_type\":\"string\"}}");

    JournalEntry e = JournalReader.read(file).get(0);

    assertNull(e.contactId());
    assertEquals("region", e.after().get("name"));
  }

  @Test
  void read_headerAndBlankLinesAreSkipped(@TempDir Path dir) throws Exception {
    Path file = write(dir, "{\"journal\":\"natca-intercom audit\",\"version\":1,\"createdAt\":\"x\"}", "", GOOD, "  ");

    assertEquals(1, JournalReader.read(file).size());
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "not json at all | not JSON",
      "[1,2] | not a JSON object",
      "{\"journal\":\"something else\",\"version\":1} | header",
      "{\"time\":\"2024-06-15T12:00:00Z\",\"contactId\":\"c\",\"undoable\":true} | \"action\" is missing",
      "{\"time\":\"2024-06-15T12:00:00Z\",\"action\":\"delete\",\"contactId\":\"c\",\"undoable\":true} | unknown action 'delete'",
      "{\"time\":\"2024-06-15T12:00:00Z\",\"action\":\"archive\",\"contactId\":\"\",\"undoable\":true} | \"contactId\" is not a non-empty string",
      "{\"time\":\"yesterday\",\"action\":\"archive\",\"contactId\":\"c\",\"undoable\":true} | \"time\" is not an ISO-8601 instant",
      "{\"time\":\"2024-06-15T12:00:00Z\",\"action\":\"archive\",\"contactId\":\"c\"} | \"undoable\" must be true or false",
      "{\"time\":\"2024-06-15T12:00:00Z\",\"action\":\"archive\",\"contactId\":\"c\",\"undoable\":true,\"memberNumber\":\"x\"} | \"memberNumber\" is not a number",
      "{\"time\":\"2024-06-15T12:00:00Z\",\"action\":\"update\",\"contactId\":\"c\",\"undoable\":true,\"after\":{}} | needs \"before\" and \"after\"",
      "{\"time\":\"2024-06-15T12:00:00Z\",\"action\":\"update\",\"contactId\":\"c\",\"undoable\":true,\"before\":[],\"after\":{}} | \"before\" is not an object",
      "{\"time\":\"2024-06-15T12:00:00Z\",\"action\":\"archive\",\"contactId\":\"c\",\"undoable\":true,\"outcome\":\"maybe\"} | unknown outcome",
      "{\"time\":\"2024-06-15T12:00:00Z\",\"action\":\"create-attribute\",\"contactId\":null,\"undoable\":false} | needs \"after\": {\"name\"",
  })
  void read_malformedLine_failsNamingFileAndLine_beforeAnythingIsUndone(String line, String why, @TempDir Path dir) throws Exception {
    Path file = write(dir, GOOD, "", line, GOOD);

    JournalException e = assertThrows(JournalException.class, () -> JournalReader.read(file));

    assertTrue(e.getMessage().contains(file + " is malformed at line 3"), e.getMessage());
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }

  static Path write(Path dir, String... lines) throws Exception {
    return Files.write(dir.resolve("in-" + System.nanoTime() + ".jsonl"), List.of(lines));
  }
}
