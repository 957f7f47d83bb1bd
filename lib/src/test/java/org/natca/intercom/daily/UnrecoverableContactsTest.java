package org.natca.intercom.daily;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.client.http.Sleeper;
import org.natca.intercom.member.Databases;
import org.natca.intercom.member.MemberRepository;
import org.natca.intercom.report.RunReport;
import org.natca.intercom.sandbox.db.SandboxPostgres;
import org.natca.intercom.sandbox.emulator.EmulatorOptions;
import org.natca.intercom.sandbox.emulator.IntercomEmulator;
import org.natca.intercom.sandbox.emulator.SeedContact;
import org.natca.intercom.sandbox.members.MemberRow;
import org.natca.intercom.sandbox.members.SyntheticMembers;

/**
 * daily-sync over a real PostgreSQL and the emulator, for each contact Intercom will not give back
 * (blocked, merged away, permanently deleted) that holds a member's email or number: each ends as its
 * own report entry with the contact id and what a person can do, in a bounded number of requests, with
 * no effect on the other member, and the next run the same.
 */
class UnrecoverableContactsTest {
  private static final String SCHEMA = "unrecoverable";
  private static SandboxPostgres pg;
  private static HikariDataSource dataSource;

  private IntercomEmulator intercom;

  @BeforeAll
  static void database() {
    pg = SandboxPostgres.start(SCHEMA);
    dataSource = Databases.postgres(pg.postgresUrl(), SCHEMA, "unrecoverable-test");
  }

  @AfterAll
  static void stopDatabase() {
    dataSource.close();
    pg.close();
  }

  @BeforeEach
  void world() {
    pg.execute("delete from \"" + SCHEMA + "\".positions; delete from \"" + SCHEMA + "\".members");
    SyntheticMembers.insertMembers(dataSource, SCHEMA, List.of(
        MemberRow.active(801, "Lost", "Member", "lost@example.org"),
        MemberRow.active(802, "Fine", "Member", "fine@example.org")));
    intercom = IntercomEmulator.start(EmulatorOptions.builder().predefineContractAttributes(true).build());
  }

  @AfterEach
  void stop() {
    intercom.close();
  }

  @Test
  void blocked_isItsOwnEntry_twoRequestsForTheMemberEachRun() {
    String id = intercom.addContact(SeedContact.user("lost@example.org", "801"));
    intercom.block(id);

    for (int run = 1; run <= 2; run++) {
      intercom.clearLog();
      RunReport report = sync();

      RunReport.Unrecoverable entry = onlyEntry(report, "blocked", id);
      assertTrue(entry.whatToDo().contains("Settings > Inbox > Blocked people"), entry.whatToDo());
      assertEquals(1, report.get(RunReport.Total.BLOCKED));
      assertEquals(0, report.get(RunReport.Total.FAILED));
      assertEquals(2, requestsAbout(id, "lost@example.org"), "create, unarchive (run " + run + ")");
      assertTrue(report.summary().contains("Blocked in Intercom"), report.summary());
      assertFine();
    }
  }

  @Test
  void mergedAway_isItsOwnEntry_twoRequestsForTheMemberEachRun() {
    String canonical = intercom.addContact(SeedContact.user("someone.else@example.org", null));
    String id = intercom.addContact(SeedContact.user("lost@example.org", "801"));
    intercom.mergeAway(id, canonical);

    for (int run = 1; run <= 2; run++) {
      intercom.clearLog();
      RunReport report = sync();

      RunReport.Unrecoverable entry = onlyEntry(report, "merged-away", id);
      assertTrue(entry.whatHappened().contains("merged into another contact"), entry.whatHappened());
      assertTrue(entry.whatToDo().contains("manual-update"), entry.whatToDo());
      assertEquals(0, report.get(RunReport.Total.BLOCKED));
      assertEquals(0, report.get(RunReport.Total.FAILED));
      assertEquals(2, requestsAbout(id, "lost@example.org"), "create, unarchive (run " + run + ")");
      assertTrue(report.summary().contains("Cannot be restored in Intercom"), report.summary());
      assertTrue(report.summary().contains("contact " + id + " : merged-away"), report.summary());
      assertFine();
    }
  }

  @Test
  void permanentlyDeleted_isClassifiedAfterTheClientsRetries_notRetriedAllNight() {
    String id = intercom.addContact(SeedContact.user("lost@example.org", "801"));
    intercom.deletePermanently(id);

    for (int run = 1; run <= 2; run++) {
      intercom.clearLog();
      RunReport report = sync();

      RunReport.Unrecoverable entry = onlyEntry(report, "deleted", id);
      assertTrue(entry.whatHappened().contains("permanently deleted"), entry.whatHappened());
      assertTrue(entry.whatToDo().contains("Intercom support"), entry.whatToDo());
      assertEquals(0, report.get(RunReport.Total.FAILED));
      // the create, then the unarchive and the client's 3 retries of its 500
      assertEquals(1 + 1 + 3, requestsAbout(id, "lost@example.org"), "run " + run);
      assertEquals(4, intercom.countRequests("POST", "/contacts/" + id + "/unarchive"));
      assertTrue(report.summary().contains("contact " + id + " : deleted"), report.summary());
      assertFine();
    }
  }

  private RunReport sync() {
    try (IntercomClient client = IntercomClient.builder().baseUrl(intercom.baseUrl()).accessToken(intercom.token())
        .maxRequestsPerMinute(10_000).maxRetries(3).backoff(Duration.ofMillis(1), Duration.ofMillis(2))
        .sleeper(Sleeper.system()).build()) {
      MemberRepository members = new MemberRepository(dataSource, SCHEMA, Clock.systemUTC());
      return new DailySync(client, members, Clock.systemUTC()).run(new DailySyncOptions(false, 0, 100, false, null, 4));
    }
  }

  private static RunReport.Unrecoverable onlyEntry(RunReport report, String kind, String contactId) {
    List<RunReport.Unrecoverable> all = report.unrecoverableContacts();
    assertEquals(1, all.size(), all.toString());
    RunReport.Unrecoverable u = all.get(0);
    assertEquals(kind, u.kind());
    assertEquals(contactId, u.contactId());
    assertEquals(801, u.memberNumber());
    assertEquals("lost@example.org", u.email());
    @SuppressWarnings("unchecked")
    List<RunReport.Unrecoverable> inJson = (List<RunReport.Unrecoverable>) report.toMap().get("unrecoverable");
    assertEquals(all, inJson);
    return u;
  }

  /** Requests for the lost member: the ones naming its contact, and creates carrying its email. */
  private long requestsAbout(String contactId, String email) {
    return intercom.requests().stream()
        .filter(r -> r.path().contains(contactId) || (r.method().equals("POST") && r.path().equals("/contacts")
            && r.body().contains(email)))
        .count();
  }

  private void assertFine() {
    assertEquals(1, intercom.contactsWithEmail("fine@example.org").size(), "the other member is synced");
  }
}
