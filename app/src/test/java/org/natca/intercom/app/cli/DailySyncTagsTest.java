package org.natca.intercom.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natca.intercom.app.Sandbox;
import org.natca.intercom.app.SandboxTest;
import org.natca.intercom.sandbox.emulator.EmulatedContact;
import org.natca.intercom.sandbox.emulator.EmulatedTag;
import org.natca.intercom.sandbox.emulator.EmulatorOptions;
import org.natca.intercom.sandbox.emulator.RecordedRequest;
import org.natca.intercom.sandbox.emulator.SeedContact;
import org.natca.intercom.sandbox.members.MemberRow;
import org.natca.intercom.sandbox.members.PositionRow;

/** daily-sync with tag rules, end to end: the command, a real PostgreSQL, the emulator over HTTP. */
class DailySyncTagsTest extends SandboxTest {
  @TempDir Path dir;

  static MemberRow active(int n) {
    return MemberRow.active(n, "First" + n, "Last" + n, "m" + n + "@example.org");
  }

  /** 801..806: Active region 1 / facility 1; 803 Retired; 804 NATCA Employee at region 3; 805 Suspended. */
  @BeforeEach
  void members() {
    sandbox.insert(active(801), active(802), active(803).withStatus("Retired"),
        active(804).withMemberType(8).at(3, 2), active(805).withStatus("Suspended"), active(806));
    sandbox.insertPositions(PositionRow.current(801, "facrep"), PositionRow.current(802, "FacPres"),
        PositionRow.ended(806, "facrep", LocalDate.of(2020, 1, 1)), PositionRow.current(806, "neb"));
  }

  Path rules(String json) throws IOException {
    return Files.writeString(dir.resolve("rules-" + System.nanoTime() + ".json"), json);
  }

  String tagId(String name) {
    return sandbox.intercom.tags().stream().filter(t -> t.name().equals(name)).map(EmulatedTag::id).findFirst()
        .orElseThrow(() -> new AssertionError("no tag " + name + " in " + sandbox.intercom.tags()));
  }

  /** The member numbers (external ids) of the live contacts that carry the tag. */
  Set<Integer> holders(String tag) {
    return sandbox.intercom.contactsTagged(tagId(tag)).stream()
        .map(c -> c.externalId() == null ? -1 : Integer.parseInt(c.externalId()))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  String contactOf(int member) {
    return sandbox.intercom.userByExternalId(Integer.toString(member)).orElseThrow().id();
  }

  long tagRequests() {
    return sandbox.intercom.requests().stream().filter(DailySyncTagsTest::isTagRequest).count();
  }

  static boolean isTagRequest(RecordedRequest r) {
    return r.path().startsWith("/tags") || r.path().matches("/contacts/[^/]+/tags.*")
        || r.path().equals("/contacts/search") && r.body().contains("tag_id");
  }

  long tagWrites() {
    return sandbox.intercom.requests().stream().filter(r -> isTagRequest(r) && r.isWrite()).count();
  }

  JsonNode report(Path file) throws IOException {
    return new ObjectMapper().readTree(Files.readString(file));
  }

  @Test
  void everySelector_tagsExactlyTheSelectedMembers_createsTheTags_andASecondRunWritesNothing() throws IOException {
    Path file = rules("""
        [
          {"tag": "NATCA member", "all": true},
          {"tag": "Facility Reps", "positions": ["facrep", "facpres"]},
          {"tag": "Retired", "status": ["retired"]},
          {"tag": "Staff", "member_type": ["NATCA Employee"]},
          {"tag": "Eastern", "region": ["NEA"]},
          {"tag": "Home facility", "facility": ["%s"]},
          {"tag": "NEB", "sql": "select membernumber from positions where positiontype = 'neb' and end_date is null"}
        ]
        """.formatted(org.natca.intercom.sandbox.members.ReferenceData.facilities().get(0).code()));
    Path reportFile = dir.resolve("report.json");

    Sandbox.Run run = sandbox.run("daily-sync", "--tag-rules=" + file, "--report=" + reportFile);

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(Set.of(801, 802, 803, 804, 806), holders("NATCA member"), "Suspended 805 is not synced");
    assertEquals(Set.of(801, 802), holders("Facility Reps"), "806's facrep position ended");
    assertEquals(Set.of(803), holders("Retired"));
    assertEquals(Set.of(804), holders("Staff"));
    assertEquals(Set.of(804), holders("Eastern"), "region 3 is NEA; 803 is Retired, so RNAV");
    assertEquals(Set.of(801, 802, 806), holders("Home facility"));
    assertEquals(Set.of(806), holders("NEB"));
    JsonNode tags = report(reportFile).get("tags");
    assertEquals(5, tags.get("NATCA member").get("selected").asInt());
    assertEquals(5, tags.get("NATCA member").get("attached").asInt());
    assertEquals(0, tags.get("NATCA member").get("detached").asInt());
    assertEquals(0, tags.get("NATCA member").get("failed").asInt());
    assertEquals(1, tags.get("NEB").get("attached").asInt());
    assertTrue(run.out().matches("(?s).*\"Facility Reps\"\\s+selected 2, attached 2, detached 0, failed 0.*"), run.out());

    sandbox.intercom.clearLog();
    Sandbox.Run again = sandbox.run("daily-sync", "--tag-rules=" + file, "--report=" + reportFile);

    assertEquals(0, again.exitCode(), again.toString());
    assertEquals(0, sandbox.intercom.writeCount(), "a no-change run writes nothing: " + sandbox.intercom.requests());
    assertEquals(0, report(reportFile).get("tags").get("NATCA member").get("attached").asInt());
    assertEquals(1 + 7, tagRequests(), "GET /tags and one holders search per tag");
  }

  @Test
  void memberLeavingAPosition_losesTheTag_andATagNoRuleNames_isLeftAlone() throws IOException {
    Path file = rules("[{\"tag\": \"Facility Reps\", \"positions\": [\"facrep\", \"facpres\"]}]");
    assertEquals(0, sandbox.run("daily-sync", "--tag-rules=" + file).exitCode());
    String vip = sandbox.intercom.addTag("VIP");
    sandbox.intercom.tagContact(contactOf(801), vip);
    sandbox.intercom.tagContact(contactOf(806), vip);
    sandbox.sql("update positions set end_date = date '2021-01-01' where membernumber = 801");
    sandbox.intercom.clearLog();

    Sandbox.Run run = sandbox.run("daily-sync", "--tag-rules=" + file);

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(Set.of(802), holders("Facility Reps"));
    assertEquals(Set.of(801, 806), holders("VIP"), "a tag no rule names is never touched");
    List<RecordedRequest> writes = sandbox.intercom.requests().stream().filter(r -> r.isWrite() && isTagRequest(r)).toList();
    assertEquals(1, writes.size(), writes.toString());
    assertEquals("DELETE", writes.get(0).method());
    assertEquals("/contacts/" + contactOf(801) + "/tags/" + tagId("Facility Reps"), writes.get(0).path());
    assertTrue(sandbox.intercom.requests().stream().noneMatch(r -> r.body().contains(vip)), "VIP is never even searched");
  }

  @Test
  void tagOnContactsOfNoSyncedMember_isDetached_butAnyOtherTagOnThemStays() throws IOException {
    String tag = sandbox.intercom.addTag("NATCA member");
    String lead = sandbox.intercom.addContact(SeedContact.lead("visitor@example.org"));
    String suspended = sandbox.intercom.addContact(SeedContact.user("m805@example.org", "805"));
    sandbox.intercom.tagContact(lead, tag);
    sandbox.intercom.tagContact(suspended, tag);

    Sandbox.Run run = sandbox.run("daily-sync", "--tag-rules=" + rules("[{\"tag\": \"natca MEMBER\", \"all\": true}]"));

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(Set.of(801, 802, 803, 804, 806), holders("NATCA member"), "the existing tag is used, whatever the case");
    assertEquals(1, sandbox.intercom.tags().size());
    assertEquals(List.of(), sandbox.intercom.contactTagIds(lead));
    assertEquals(List.of(), sandbox.intercom.contactTagIds(suspended));
  }

  @Test
  void detachOverTheLimit_stopsBeforeAnyTagWrite_exit3_thenMaxDetachAllowsIt() throws IOException {
    String tag = sandbox.intercom.addTag("Retired");
    for (int i = 0; i < 11; i++) {
      sandbox.intercom.tagContact(sandbox.intercom.addContact(SeedContact.lead("old" + i + "@example.org")), tag);
    }
    Path file = rules("[{\"tag\": \"Retired\", \"status\": [\"Retired\"]}, {\"tag\": \"Everyone\", \"all\": true}]");
    Path reportFile = dir.resolve("stopped.json");

    Sandbox.Run stopped = sandbox.run("daily-sync", "--tag-rules=" + file, "--report=" + reportFile);

    assertEquals(3, stopped.exitCode(), stopped.toString());
    assertEquals(0, tagWrites(), "no tag write at all, not even the other rule's: " + sandbox.intercom.requests());
    assertEquals(11, sandbox.intercom.contactsTagged(tag).size());
    assertTrue(stopped.out().contains("tag \"Retired\" would be detached from 11 of its 11 contacts, more than the limit of 10"), stopped.out());
    assertTrue(stopped.out().contains("--max-detach=11"), stopped.out());
    JsonNode r = report(reportFile);
    assertNotNull(r.get("aborted"));
    assertEquals(11, r.get("tags").get("Retired").get("detachContacts").size());
    assertEquals(5, sandbox.intercom.contacts().stream().filter(EmulatedContact::isUser).count(), "members were still synced");

    Sandbox.Run allowed = sandbox.run("daily-sync", "--tag-rules=" + file, "--max-detach=11");

    assertEquals(0, allowed.exitCode(), allowed.toString());
    assertEquals(Set.of(803), holders("Retired"));
    assertEquals(Set.of(801, 802, 803, 804, 806), holders("Everyone"));
  }

  @Test
  void sqlThatWrites_isRefusedByTheReadOnlyTransaction_exit2_nothingWritten() throws IOException {
    Path file = rules("[\n  {\"tag\": \"All\", \"all\": true},\n  {\"tag\": \"Oops\", \"sql\": \"delete from members returning membernumber\"}\n]");

    Sandbox.Run run = sandbox.run("daily-sync", "--tag-rules=" + file);

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains(file + ":3:26: rule [1]: sql tries to write, which the read-only transaction refused"), run.err());
    assertTrue(run.err().contains("nothing was written"), run.err());
    assertEquals(0, sandbox.intercom.requests().size(), "Intercom is not asked anything");
    assertEquals(6, countMembers(), "the members are all still there");
  }

  @Test
  void sqlOfTheWrongShape_orThatFails_isBadInput_oneLinePerRule() throws IOException {
    Path file = rules("""
        [
          {"tag": "Two", "sql": "select membernumber, email from members"},
          {"tag": "Text", "sql": "select email from members"},
          {"tag": "Broken", "sql": "select membernumber from no_such_table"},
          {"tag": "Fine", "sql": "select membernumber::bigint from members"}
        ]
        """);

    Sandbox.Run run = sandbox.run("daily-sync", "--tag-rules=" + file);

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains(file + ":2:25: rule [0]: sql returns 2 columns; it must return one integer column of member numbers"), run.err());
    assertTrue(run.err().contains(file + ":3:26: rule [1]: sql returns a column of type text"), run.err());
    assertTrue(run.err().contains(file + ":4:28: rule [2]: sql fails: "), run.err());
    assertTrue(run.err().contains("no_such_table"), run.err());
    assertFalse(run.err().contains("rule [3]"), run.err());
    assertEquals(0, sandbox.intercom.requests().size());
  }

  @Test
  void malformedRulesFile_exit2_beforeAnyCredentialIsNeeded() throws IOException {
    Path file = rules("[{\"tag\": \"A\", \"all\": true, \"positions\": [\"facrep\"]}, {\"tag\": \"\"}]");
    sandbox.env.remove("INTERCOM_ACCESS_TOKEN");

    Sandbox.Run run = sandbox.run("daily-sync", "--tag-rules=" + file);

    assertEquals(2, run.exitCode(), run.toString());
    List<String> lines = run.err().lines().toList();
    assertEquals(file + ":1:41: rule [0]: two selectors (all and positions); a rule has exactly one: write one rule per selector, each with its own tag", lines.get(0));
    assertEquals(file + ":1:54: rule [1]: no selector: give one of all, positions, status, member_type, region, facility, sql", lines.get(1));
    assertEquals(file + ":1:62: rule [1]: \"tag\" is empty", lines.get(2));
    assertEquals("error: 3 problems in the tag rules " + file + "; nothing was written", lines.get(3));
  }

  @Test
  void rulesFileFromTheEnvironment_isUsed_andTheFlagOverridesIt() throws IOException {
    sandbox.env.put("TAG_RULES_FILE", rules("[{\"tag\": \"From env\", \"all\": true}]").toString());
    assertEquals(0, sandbox.run("daily-sync").exitCode());
    assertEquals(Set.of(801, 802, 803, 804, 806), holders("From env"));

    Sandbox.Run run = sandbox.run("daily-sync", "--tag-rules=" + rules("[{\"tag\": \"From flag\", \"status\": [\"Retired\"]}]"));

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(Set.of(803), holders("From flag"));
    assertEquals(Set.of(801, 802, 803, 804, 806), holders("From env"), "a tag no rule names any more is left as it is");
  }

  @Test
  void withoutRules_noTagRequestIsSent() {
    String tag = sandbox.intercom.addTag("NATCA member");

    Sandbox.Run run = sandbox.run("daily-sync");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(0, tagRequests(), sandbox.intercom.requests().toString());
    assertEquals(List.of(), sandbox.intercom.contactsTagged(tag));
    assertFalse(run.out().contains("Tags"), run.out());
  }

  @Test
  void dryRun_listsCountsAndMembersPerTag_andWritesNothing() throws IOException {
    assertEquals(0, sandbox.run("daily-sync").exitCode());
    String reps = sandbox.intercom.addTag("Facility Reps");
    sandbox.intercom.tagContact(contactOf(806), reps);
    sandbox.insert(active(807));
    sandbox.insertPositions(PositionRow.current(807, "facrep"));
    sandbox.intercom.clearLog();
    Path reportFile = dir.resolve("plan.json");

    Sandbox.Run run = sandbox.run("daily-sync", "--dry-run", "--report=" + reportFile,
        "--tag-rules=" + rules("[{\"tag\": \"Facility Reps\", \"positions\": [\"facrep\", \"facpres\"]}, {\"tag\": \"New tag\", \"status\": [\"Retired\"]}]"));

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(0, sandbox.intercom.writeCount(), sandbox.intercom.requests().toString());
    assertEquals(1, sandbox.intercom.tags().size(), "the missing tag is not created in a dry run");
    assertTrue(run.out().matches("(?s).*\"Facility Reps\"\\s+selected 3, attached 3, detached 1, failed 0.*"), run.out());
    assertTrue(run.out().contains("attach to members 801, 802, 807"), run.out());
    assertTrue(run.out().contains("detach from 806"), run.out());
    assertTrue(run.out().contains("tag member 807"), run.out());
    assertTrue(run.out().contains("untag member 806 contact " + contactOf(806)), run.out());
    JsonNode tags = report(reportFile).get("tags");
    assertEquals(List.of(801, 802, 807), ints(tags.get("Facility Reps").get("attachMembers")));
    assertEquals(List.of(806), ints(tags.get("Facility Reps").get("detachMembers")));
    assertEquals(List.of(803), ints(tags.get("New tag").get("attachMembers")));
    assertEquals(1, tags.get("New tag").get("attached").asInt());
  }

  @Test
  void contactThatCannotBeTagged_isAReportedFailure_andTheOthersAreTagged() throws IOException {
    assertEquals(0, sandbox.run("daily-sync").exitCode());
    sandbox.intercom.addTag("Everyone");
    sandbox.intercom.failMatching("POST", "/contacts/" + contactOf(802) + "/tags", 1, 404);
    Path reportFile = dir.resolve("report.json");

    Sandbox.Run run = sandbox.run("daily-sync", "--tag-rules=" + rules("[{\"tag\": \"Everyone\", \"all\": true}]"),
        "--report=" + reportFile);

    assertEquals(1, run.exitCode(), run.toString());
    assertEquals(Set.of(801, 803, 804, 806), holders("Everyone"));
    JsonNode r = report(reportFile);
    assertEquals(1, r.get("tags").get("Everyone").get("failed").asInt());
    assertEquals(4, r.get("tags").get("Everyone").get("attached").asInt());
    assertTrue(r.get("errors").toString().contains("attach tag \\\"Everyone\\\""), r.get("errors").toString());
    assertEquals(802, r.get("errors").get(0).get("memberNumber").asInt());

    assertEquals(0, sandbox.run("daily-sync", "--tag-rules=" + rules("[{\"tag\": \"Everyone\", \"all\": true}]")).exitCode());
    assertEquals(Set.of(801, 802, 803, 804, 806), holders("Everyone"), "the next run repairs it");
  }

  @Test
  void holdersCannotBeRead_exit3_membersStillSynced_noTagWritten_reportKept() throws IOException {
    sandbox.intercom.addTag("Everyone");
    sandbox.intercom.failMatching("POST", "/contacts/search", 1, 400);
    Path reportFile = dir.resolve("report.json");

    Sandbox.Run run = sandbox.run("daily-sync", "--tag-rules=" + rules("[{\"tag\": \"Everyone\", \"all\": true}]"),
        "--report=" + reportFile);

    assertEquals(3, run.exitCode(), run.toString());
    assertEquals(0, tagWrites(), sandbox.intercom.requests().toString());
    assertEquals(5, sandbox.intercom.contacts().size(), "the members were written");
    assertTrue(report(reportFile).get("aborted").asText().startsWith("reading the tags and their holders failed"),
        report(reportFile).toString());
    assertTrue(run.out().contains("Tags: not written"), run.out());
  }

  @Test
  void contactsCreatedThisRun_areTagged_thoughSearchCannotSeeThemYet() throws IOException {
    sandbox.close();
    sandbox = Sandbox.over(postgres, SCHEMA, EmulatorOptions.builder().searchLag(Duration.ofMinutes(10)).build());

    Sandbox.Run run = sandbox.run("daily-sync", "--tag-rules=" + rules("[{\"tag\": \"Everyone\", \"all\": true}]"));

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(Set.of(801, 802, 803, 804, 806), holders("Everyone"));
  }

  @Test
  void limit_onlyTouchesTheContactsOfTheMembersLookedAt() throws IOException {
    String tag = sandbox.intercom.addTag("Retired");
    String stranger = sandbox.intercom.addContact(SeedContact.lead("visitor@example.org"));
    sandbox.intercom.tagContact(stranger, tag);

    Sandbox.Run run = sandbox.run("daily-sync", "--limit=3", "--tag-rules=" + rules("[{\"tag\": \"Retired\", \"status\": [\"Retired\"]}]"));

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(List.of(tag), sandbox.intercom.contactTagIds(stranger), "beyond --limit nothing is known to be unselected");
    assertTrue(sandbox.intercom.contactTagIds(contactOf(803)).contains(tag));
  }

  static List<Integer> ints(JsonNode array) {
    List<Integer> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asInt()));
    return out;
  }

  long countMembers() {
    try (var c = postgres.dataSource().getConnection(); var st = c.createStatement();
         var rs = st.executeQuery("select count(*) from \"" + SCHEMA + "\".members")) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
