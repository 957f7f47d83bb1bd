package org.natca.intercom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.natca.intercom.audit.Fixtures.active;
import static org.natca.intercom.audit.Fixtures.lead;
import static org.natca.intercom.audit.Fixtures.synced;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natca.intercom.client.FakeClock;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.client.Json;
import org.natca.intercom.client.RecordingSleeper;
import org.natca.intercom.client.error.IntercomUnreachableException;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.report.RunReport;
import org.natca.intercom.report.RunReport.Total;
import org.natca.intercom.sync.Applied;
import org.natca.intercom.sync.ContactWriter;
import org.natca.intercom.sync.ContactWrites;

/** The audit's writes through the applier, and its journal, against a scripted Intercom. */
class AuditUnitsTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-15T12:00:00Z"), ZoneOffset.UTC);
  static final MemberIndex MEMBERS = MemberIndex.of(List.of(active(100, "ann@example.org")));
  MockWebServer server;
  IntercomClient client;
  RunReport report;
  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    client = IntercomClient.builder().baseUrl(server.url("/").toString()).accessToken("tok").clock(CLOCK)
        .sleeper(new RecordingSleeper(new FakeClock(CLOCK.instant()))).readTimeout(Duration.ofSeconds(2)).build();
    report = new RunReport("audit", false, CLOCK);
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
  }

  Audit.Counts counts = new Audit.Counts();

  /** Runs the units as the audit's runner does: what they did reaches the report even when they throw. */
  final class Units {
    final AuditUnits units;
    final java.util.concurrent.atomic.AtomicInteger staleArchived = counts.staleArchived;

    Units(Journal journal) {
      units = new AuditUnits(journal == null ? ContactWrites.dryRun() : new ContactWriter(client), journal, CLOCK, counts);
    }

    void member(AuditPlan.MemberWork w) {
      Applied.Builder out = new Applied.Builder(w.member().memberNumber(), null);
      try {
        units.member(w, out);
      } finally {
        out.build().into(report);
      }
    }

    void stale(AuditPlan.Stale s) {
      Applied.Builder out = new Applied.Builder(null, null);
      try {
        units.stale(s, out);
      } finally {
        out.build().into(report);
      }
    }
  }

  Units executor(Journal journal) {
    return new Units(journal);
  }

  static AuditPlan.MemberWork work(Contact... contacts) {
    return AuditPlanner.plan(List.of(contacts), Map.of(), MEMBERS).members().get(0);
  }

  @Test
  void update_journalsTheFieldsAsReadAndExactlyWhatWasWritten() throws Exception {
    Contact keep = new Contact("U", "user", "ann@example.org", "100", "Old Name", null,
        Map.of("member_number", "100", "member_type", "Current Member", "region", "NE", "facility", "ZBW", "positions", ""), 0, 0);
    server.enqueue(Json.ok("{'type':'contact','id':'U','role':'user','email':'ann@example.org','external_id':'100','name':'First100 Last100'}"));
    Path file = dir.resolve("j.jsonl");

    try (Journal journal = new Journal(file, CLOCK)) {
      executor(journal).member(work(keep));
    }

    assertEquals("{\"name\":\"First100 Last100\"}", server.takeRequest().getBody().utf8());
    JournalEntry e = JournalReader.read(file).get(0);
    assertEquals(JournalEntry.UPDATE, e.action());
    assertEquals("U", e.contactId());
    assertEquals("Old Name", e.before().get("name"));
    assertEquals(Map.of("name", "First100 Last100"), e.after());
    assertTrue(e.undoable());
    assertEquals(1, report.get(Total.UPDATED));
  }

  @Test
  void merge_answerLost_isJournaledAsUnknown_thenFails() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    Path file = dir.resolve("j.jsonl");

    try (Journal journal = new Journal(file, CLOCK)) {
      assertThrows(IntercomUnreachableException.class,
          () -> executor(journal).member(work(lead("L", "ann@example.org"), synced("U", 100, "ann@example.org"))));
    }

    assertEquals(1, server.getRequestCount(), "a merge is never retried blindly");
    JournalEntry e = JournalReader.read(file).get(0);
    assertEquals(JournalEntry.MERGE, e.action());
    assertEquals(JournalEntry.UNKNOWN, e.outcome());
    assertFalse(e.undoable());
    assertEquals(Map.of("merged_into", "U"), e.after());
    assertEquals(0, report.get(Total.DUPLICATES_RESOLVED));
  }

  @Test
  void archive_whenTheJournalCannotBeWritten_stopsBeforeSendingIt_namingTheContact() throws Exception {
    server.enqueue(Json.ok("{'id':'S','type':'contact','archived':true}"));
    Path unwritable = dir.resolve("gone/j.jsonl");

    try (Journal journal = new Journal(unwritable, CLOCK)) {
      JournalLog.JournalFailure e = assertThrows(JournalLog.JournalFailure.class,
          () -> executor(journal).stale(new AuditPlan.Stale(lead("S", "x@example.org"), "stale: test")));
      assertTrue(e.getMessage().contains("intended archive of contact S"), e.getMessage());
      assertTrue(e.getMessage().contains("stopped before sending it"), e.getMessage());
    }
    assertEquals(0, server.getRequestCount(), "written ahead: a write the journal cannot hold is never sent");
    assertFalse(Files.exists(unwritable));
  }

  @Test
  void dryRun_sendsNothing_butRecordsEveryActionWithItsReason() {
    Units dry = executor(null);

    dry.member(work(lead("L", "ann@example.org")));
    dry.stale(new AuditPlan.Stale(lead("S", "x@example.org"), "stale: nobody"));

    assertEquals(0, server.getRequestCount());
    List<String> actions = report.actions().stream().map(a -> a.action() + " " + a.contactId()).toList();
    assertEquals(List.of("create null", "merge L", "archive S"), actions);
    assertTrue(report.actions().get(2).reason().startsWith("stale: nobody; no open or snoozed conversation"));
    assertEquals(1, report.get(Total.CREATED));
    assertEquals(1, dry.staleArchived.get());
  }
}
