package org.natca.intercom.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natca.intercom.app.Sandbox;
import org.natca.intercom.app.SandboxTest;
import org.natca.intercom.sandbox.emulator.EmulatedContact;
import org.natca.intercom.sandbox.emulator.SeedContact;
import org.natca.intercom.sandbox.members.MemberRow;
import org.natca.intercom.sandbox.members.PositionRow;
import org.natca.intercom.sandbox.members.ReferenceData;
import org.natca.intercom.sandbox.members.SyntheticMembers;

/** daily-sync end to end: the command, a real PostgreSQL, the Intercom emulator over HTTP. */
class DailySyncCommandTest extends SandboxTest {

  static MemberRow active(int n, String email) {
    return MemberRow.active(n, "First" + n, "Last" + n, email);
  }

  EmulatedContact onlyContactWithEmail(String email) {
    List<EmulatedContact> found = sandbox.intercom.contactsWithEmail(email).stream().filter(EmulatedContact::isLive).toList();
    assertEquals(1, found.size(), "live contacts with " + email + ": " + found);
    return found.get(0);
  }

  @Test
  void coldRun_createsEveryEligibleMemberWithTheContractFields(@TempDir Path dir) throws Exception {
    sandbox.insert(
        new MemberRow(101, " Jane ", "  Doe ", " Jane.Doe@Example.org ", "(765) 465-7031", "Active", 6, 1, 1),
        new MemberRow(102, "Rita", "Retired", "rita@example.org", "not a phone", "Retired", 10, 2, 2),
        new MemberRow(103, "Sam", "Suspended", "sam@example.org", null, "Suspended", 6, 1, 1),
        new MemberRow(104, "No", "Email", "  ", null, "Active", 6, 1, 1),
        new MemberRow(105, "Emp", "Loyee", "emp@example.org", null, "Active", 8, null, null),
        new MemberRow(106, "Other", "Type", "other@example.org", null, "Active", 11, 1, 1));
    sandbox.insertPositions(
        PositionRow.current(101, "facrep"), PositionRow.current(101, "facpres"), PositionRow.current(101, "facrep"),
        PositionRow.current(101, "safetyrep"), PositionRow.ended(101, "rvp", java.time.LocalDate.of(2020, 1, 1)));
    Path reportFile = dir.resolve("report.json");

    Sandbox.Run run = sandbox.run("daily-sync", "--report=" + reportFile);

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(4, sandbox.intercom.contacts().size());
    EmulatedContact jane = onlyContactWithEmail("Jane.Doe@Example.org");
    assertEquals("user", jane.role());
    assertEquals("101", jane.externalId());
    assertEquals("Jane Doe", jane.name());
    assertEquals("+17654657031", jane.phone());
    assertEquals("101", jane.attribute("member_number"));
    assertEquals("Current Member", jane.attribute("member_type"));
    assertEquals(ReferenceData.REGIONS.get(0).code(), jane.attribute("region"));
    assertEquals(ReferenceData.facilities().get(0).code(), jane.attribute("facility"));
    assertEquals("Facility President, Facility Representative, safetyrep", jane.attribute("positions"));

    EmulatedContact rita = onlyContactWithEmail("rita@example.org");
    assertNull(rita.phone(), "an invalid phone is left out");
    assertEquals("Retired Member", rita.attribute("member_type"));
    assertEquals("RNAV", rita.attribute("region"));
    assertEquals("RNAV", rita.attribute("facility"));

    EmulatedContact emp = onlyContactWithEmail("emp@example.org");
    assertEquals("NATCA Employee", emp.attribute("member_type"));
    assertTrue(emp.attribute("region") == null || emp.attribute("region").isEmpty());
    assertEquals("Life Member", onlyContactWithEmail("other@example.org").attribute("member_type"));
    assertTrue(sandbox.intercom.contactsWithEmail("sam@example.org").isEmpty());

    for (String a : List.of("member_number", "member_type", "region", "facility", "positions")) {
      assertTrue(sandbox.intercom.hasAttribute(a), a);
    }
    JsonNode report = new ObjectMapper().readTree(Files.readString(reportFile));
    assertEquals("daily-sync", report.get("command").asText());
    assertEquals(4, report.get("totals").get("members").asInt());
    assertEquals(4, report.get("totals").get("created").asInt());
    assertEquals(0, report.get("totals").get("failed").asInt());
    assertEquals(sandbox.intercom.requests().size(), report.get("requests").get("total").asInt());
    assertTrue(run.out().contains("created"), run.out());
  }

  @Test
  void secondRun_writesNothing() {
    SyntheticMembers.fill(postgres.dataSource(), SCHEMA, 300, 7);
    assertEquals(0, sandbox.run("daily-sync").exitCode());
    sandbox.intercom.clearLog();

    Sandbox.Run again = sandbox.run("daily-sync");

    assertEquals(0, again.exitCode(), again.toString());
    assertEquals(0, sandbox.intercom.writeCount(), "writes on a second run: " + sandbox.intercom.requests());
    assertTrue(again.out().matches("(?s).*unchanged\\s+\\d+.*"), again.out());
  }

  @Test
  void changedMembers_updateExactlyThoseContacts_emailChangeFoundByExternalId() {
    sandbox.insert(active(201, "a@example.org"), active(202, "b@example.org"), active(203, "c@example.org"));
    assertEquals(0, sandbox.run("daily-sync").exitCode());
    String bId = onlyContactWithEmail("b@example.org").id();
    sandbox.sql("update members set email = 'b.new@example.org' where membernumber = 202;"
        + " update members set lastname = 'Changed' where membernumber = 203");
    sandbox.intercom.clearLog();

    Sandbox.Run run = sandbox.run("daily-sync");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(2, sandbox.intercom.writeCount(), sandbox.intercom.requests().toString());
    EmulatedContact b = onlyContactWithEmail("b.new@example.org");
    assertEquals(bId, b.id(), "the same contact got the new email");
    assertEquals("First203 Changed", onlyContactWithEmail("c@example.org").name());
    assertEquals(3, sandbox.intercom.contacts().size());
  }

  @Test
  void dryRun_writesNothing_andPrintsThePlan() {
    sandbox.insert(active(301, "d@example.org"), active(302, "e@example.org"));

    Sandbox.Run run = sandbox.run("daily-sync", "--dry-run");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(0, sandbox.intercom.writeCount(), sandbox.intercom.requests().toString());
    assertTrue(sandbox.intercom.contacts().isEmpty());
    assertTrue(run.out().contains("create member 301"), run.out());
    assertTrue(run.out().contains("create-attribute"), run.out());
    assertTrue(run.out().contains("dry run"), run.out());
  }

  @Test
  void limit_syncsTheFirstMembersByNumber() {
    sandbox.insert(active(403, "h@example.org"), active(401, "f@example.org"), active(402, "g@example.org"));

    Sandbox.Run run = sandbox.run("daily-sync", "--limit=2");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(2, sandbox.intercom.contacts().size());
    assertTrue(sandbox.intercom.contactsWithEmail("h@example.org").isEmpty());
  }

  @Test
  void archivedContact_isUnarchivedThenUpdated() {
    sandbox.insert(active(501, "arch@example.org"));
    String id = sandbox.intercom.addContact(SeedContact.user("arch@example.org", null).withName("Old Name"));
    sandbox.intercom.archive(id);

    Sandbox.Run run = sandbox.run("daily-sync");

    assertEquals(0, run.exitCode(), run.toString());
    EmulatedContact c = sandbox.intercom.contact(id).orElseThrow();
    assertTrue(c.isLive());
    assertEquals("501", c.externalId());
    assertEquals("First501 Last501", c.name());
    assertEquals(1, sandbox.intercom.contacts().size());
    assertTrue(run.out().matches("(?s).*unarchived\\s+1.*"), run.out());
  }

  @Test
  void blockedContact_isReportedWithTheAdminAction_notRetried() {
    sandbox.insert(active(601, "blocked@example.org"), active(602, "fine@example.org"));
    String id = sandbox.intercom.addContact(SeedContact.user("blocked@example.org", "601"));
    sandbox.intercom.block(id);

    Sandbox.Run run = sandbox.run("daily-sync");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().matches("(?s).*blocked\\s+1.*"), run.out());
    assertTrue(run.out().contains(id), run.out());
    assertTrue(run.out().contains("unblock"), run.out());
    assertEquals(1, sandbox.intercom.contactsWithEmail("fine@example.org").size());
  }

  @Test
  void mergedAwayContact_isItsOwnReportEntry_withWhatToDo_andTheNextRunTheSame(@TempDir Path dir) throws Exception {
    sandbox.insert(active(611, "merged@example.org"), active(612, "fine2@example.org"));
    String canonical = sandbox.intercom.addContact(SeedContact.user("elsewhere@example.org", null));
    String id = sandbox.intercom.addContact(SeedContact.user("merged@example.org", "611"));
    sandbox.intercom.mergeAway(id, canonical);
    Path reportFile = dir.resolve("report.json");

    for (int run = 1; run <= 2; run++) {
      sandbox.intercom.clearLog();
      Sandbox.Run r = sandbox.run("daily-sync", "--report=" + reportFile);

      assertEquals(0, r.exitCode(), r.toString());
      JsonNode entry = new ObjectMapper().readTree(Files.readString(reportFile)).get("unrecoverable").get(0);
      assertEquals("merged-away", entry.get("kind").asText());
      assertEquals(id, entry.get("contactId").asText());
      assertEquals(611, entry.get("memberNumber").asInt());
      assertTrue(entry.get("whatToDo").asText().contains("manual-update"), entry.toString());
      assertTrue(r.out().contains("Cannot be restored in Intercom"), r.out());
      assertTrue(r.out().contains("contact " + id + " : merged-away"), r.out());
      assertEquals(1, sandbox.intercom.countRequests("POST", "/contacts/" + id + "/unarchive"), "run " + run);
      assertEquals(1, sandbox.intercom.contactsWithEmail("fine2@example.org").size());
    }
  }

  @Test
  void duplicates_keepTheMembersUser_mergeLeads_archiveOtherUsers() {
    sandbox.insert(active(701, "dup@example.org"));
    String mine = sandbox.intercom.addContact(SeedContact.user("old@example.org", "701").withCreatedAt(Instant.parse("2020-01-01T00:00:00Z")));
    String other = sandbox.intercom.addContact(SeedContact.user("DUP@example.org", null));
    String lead = sandbox.intercom.addContact(SeedContact.lead("dup@example.org"));

    Sandbox.Run run = sandbox.run("daily-sync");

    assertEquals(0, run.exitCode(), run.toString());
    EmulatedContact kept = sandbox.intercom.contact(mine).orElseThrow();
    assertTrue(kept.isLive());
    assertEquals("First701 Last701", kept.name());
    assertEquals(1, sandbox.intercom.contacts().size());
    assertTrue(run.out().contains("keeps its old email because contact " + other), run.out());
    assertFalse(sandbox.intercom.contact(other).orElseThrow().isLive(), "other user archived");
    assertEquals(mine, sandbox.intercom.contact(lead).orElseThrow().mergedInto());
    assertTrue(run.out().matches("(?s).*duplicatesResolved\\s+2.*"), run.out());
  }

  @Test
  void onlyALead_becomesTheMembersUser() {
    sandbox.insert(active(751, "lead@example.org"));
    String lead = sandbox.intercom.addContact(SeedContact.lead("lead@example.org"));

    Sandbox.Run run = sandbox.run("daily-sync");

    assertEquals(0, run.exitCode(), run.toString());
    EmulatedContact user = onlyContactWithEmail("lead@example.org");
    assertEquals("user", user.role());
    assertEquals("751", user.externalId());
    assertEquals(user.id(), sandbox.intercom.contact(lead).orElseThrow().mergedInto());
  }

  @Test
  void anotherMembersContact_isAConflict_neverTouched() {
    sandbox.insert(active(801, "shared@example.org"));
    String theirs = sandbox.intercom.addContact(SeedContact.user("shared@example.org", "999"));
    sandbox.intercom.clearLog();

    Sandbox.Run run = sandbox.run("daily-sync");

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.out().contains("belongs to member 999"), run.out());
    EmulatedContact c = sandbox.intercom.contact(theirs).orElseThrow();
    assertTrue(c.isLive());
    assertEquals("999", c.externalId());
    assertEquals(0, sandbox.intercom.countRequests("PUT", "/contacts"));
  }

  @Test
  void membersSharingAnEmail_areSkippedAndNamed() {
    sandbox.insert(active(851, "family@example.org"), active(852, "Family@example.org "));

    Sandbox.Run run = sandbox.run("daily-sync");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(sandbox.intercom.contacts().isEmpty());
    assertTrue(run.out().matches("(?s).*skipped\\s+2.*"), run.out());
    assertTrue(run.out().contains("[851, 852]"), run.out());
  }

  @Test
  void faultsDuringARun_loseNoMember_theNextRunRepairs() {
    SyntheticMembers.fill(postgres.dataSource(), SCHEMA, 120, 11);
    Thread injector = new Thread(() -> {
      // once the creates are under way: a burst of 5xx, a 429, dropped connections before and after applying
      while (sandbox.intercom.countRequests("POST", "/contacts") < 30) {
        Thread.onSpinWait();
      }
      sandbox.intercom.failNext(6, 503);
      sandbox.intercom.rateLimitNext(1);
      sandbox.intercom.dropNext(3);
      sandbox.intercom.dropNextAfterApplying(2);
    });
    injector.setDaemon(true);
    injector.start();

    Sandbox.Run first = sandbox.run("daily-sync");
    assertTrue(first.exitCode() == 0 || first.exitCode() == 1, first.toString());
    Sandbox.Run second = sandbox.run("daily-sync");

    assertEquals(0, second.exitCode(), second.toString());
    long eligible = countEligible();
    assertEquals(eligible, sandbox.intercom.contacts().size(), "one contact per eligible member, no duplicates");
    assertEquals(eligible, sandbox.intercom.contacts().stream().map(EmulatedContact::externalId).distinct().count());
  }

  @Test
  void safetyLimit_stopsBeforeWriting() {
    for (int i = 0; i < 12; i++) {
      sandbox.insert(active(900 + i, "m" + i + "@example.org"));
      sandbox.intercom.addContact(SeedContact.user("m" + i + "@example.org", null).withCreatedAt(Instant.parse("2021-01-01T00:00:00Z")));
      sandbox.intercom.addContact(SeedContact.user("m" + i + "@example.org", null));
    }
    sandbox.intercom.clearLog();

    Sandbox.Run run = sandbox.run("daily-sync");

    assertEquals(3, run.exitCode(), run.toString());
    assertTrue(run.err().contains("--max-archive=12"), run.err());
    assertEquals(0, sandbox.intercom.writeCount());

    Sandbox.Run raised = sandbox.run("daily-sync", "--max-archive=12");
    assertEquals(0, raised.exitCode(), raised.toString());
    assertEquals(12, sandbox.intercom.contacts().size());
  }

  @Test
  void badToken_exits3_withNothingWritten() {
    sandbox.insert(active(1001, "x@example.org"));
    sandbox.env.put("INTERCOM_ACCESS_TOKEN", "wrong");

    Sandbox.Run run = sandbox.run("daily-sync");

    assertEquals(3, run.exitCode(), run.toString());
    assertTrue(run.err().contains("401"), run.err());
    assertFalse(run.err().contains("wrong"), "the token is never printed: " + run.err());
    assertEquals(0, sandbox.intercom.writeCount());
  }

  @Test
  void missingDatabaseUrl_exits2_namingIt() {
    sandbox.env.remove("DATABASE_URL");

    Sandbox.Run run = sandbox.run("daily-sync");

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().startsWith("error: DATABASE_URL is not set"), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
  }

  @Test
  void unreachableDatabase_exits3_namingHostAndPort() {
    sandbox.env.put("DATABASE_URL", "postgres://u:secretpw@127.0.0.1:1/db");

    Sandbox.Run run = sandbox.run("daily-sync");

    assertEquals(3, run.exitCode(), run.toString());
    assertTrue(run.err().contains("127.0.0.1:1"), run.err());
    assertFalse(run.err().contains("secretpw"), run.err());
    assertEquals(0, sandbox.intercom.requests().size());
  }

  @Test
  void badUsage_exits2() {
    assertEquals(2, sandbox.run("daily-sync", "--limit=abc").exitCode());
    assertEquals(2, sandbox.run("daily-sync", "--batch-size=0").exitCode());
    assertEquals(2, sandbox.run("no-such-command").exitCode());
  }

  long countEligible() {
    try (var c = postgres.dataSource().getConnection(); var st = c.createStatement();
         var rs = st.executeQuery("select count(*) from " + SCHEMA + ".members where status in ('Active','Retired')"
             + " and email is not null and btrim(email) <> ''"
             + " and lower(btrim(email)) in (select lower(btrim(email)) from " + SCHEMA + ".members"
             + " where status in ('Active','Retired') group by lower(btrim(email)) having count(*) = 1)")) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

}
