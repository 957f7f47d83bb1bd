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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natca.intercom.app.Sandbox;
import org.natca.intercom.app.SandboxTest;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.sandbox.emulator.EmulatedContact;
import org.natca.intercom.sandbox.emulator.SeedContact;
import org.natca.intercom.sandbox.members.MemberRow;

/** audit end to end: the command, a real PostgreSQL, the Intercom emulator over HTTP, a crafted workspace. */
class AuditCommandTest extends SandboxTest {
  static final String UUID_A = "6f1c2b8e-3d4a-4b5c-9d8e-7f6a5b4c3d2e";
  static final String UUID_B = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  static final Instant OLD = Instant.parse("2019-01-01T00:00:00Z");
  static final Instant NEWER = Instant.parse("2022-01-01T00:00:00Z");
  @TempDir Path dir;
  Path journal;

  @BeforeEach
  void prepare() {
    journal = dir.resolve("journal.jsonl");
  }

  static MemberRow active(int n, String email) {
    return MemberRow.active(n, "First" + n, "Last" + n, email);
  }

  Sandbox.Run audit(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "audit";
    all[1] = "--journal=" + journal;
    System.arraycopy(args, 0, all, 2, args.length);
    return sandbox.run(all);
  }

  EmulatedContact contact(String id) {
    return sandbox.intercom.contact(id).orElseThrow();
  }

  JsonNode report(Path file) throws Exception {
    return new ObjectMapper().readTree(Files.readString(file));
  }

  @Test
  void leadsMatchingByEmail_becomeTheMembersUsers() {
    sandbox.insert(active(101, "lead.only@example.org"), active(102, "has.user@example.org"));
    String lonely = sandbox.intercom.addContact(SeedContact.lead("Lead.Only@example.org").withName("Visitor"));
    String lead = sandbox.intercom.addContact(SeedContact.lead("has.user@example.org"));
    String user = sandbox.intercom.addContact(SeedContact.user("has.user@example.org", "102").withName("First102 Last102"));

    Sandbox.Run run = audit();

    assertEquals(0, run.exitCode(), run.toString());
    EmulatedContact made = sandbox.intercom.userByExternalId("101").orElseThrow();
    assertEquals("First101 Last101", made.name());
    assertEquals("101", made.attribute("member_number"));
    assertEquals(made.id(), contact(lonely).mergedInto());
    assertEquals(user, contact(lead).mergedInto());
    assertEquals(2, sandbox.intercom.contacts().size());
    assertTrue(run.out().matches("(?s).*created\\s+1.*"), run.out());
    assertTrue(run.out().matches("(?s).*duplicatesResolved\\s+2.*"), run.out());
    assertTrue(run.out().contains("journal: " + journal), run.out());
  }

  @Test
  void uuidExternalIds_replacedWhenMatched_reportedWhenNot(@TempDir Path reportDir) throws Exception {
    sandbox.insert(active(201, "wp.member@example.org"), active(202, "attr.member@example.org"));
    String byEmail = sandbox.intercom.addContact(SeedContact.user("WP.Member@example.org", UUID_A).withName("Old Name"));
    String byAttribute = sandbox.intercom.addContact(SeedContact.user("someone.else@example.org", UUID_B)
        .withAttribute("Member Number", "202"));
    String stranger = sandbox.intercom.addContact(SeedContact.user("stranger@example.org", "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"));
    sandbox.intercom.addConversation(stranger, "open", null);
    Path reportFile = reportDir.resolve("report.json");

    Sandbox.Run run = audit("--report=" + reportFile);

    assertEquals(0, run.exitCode(), run.toString());
    EmulatedContact a = contact(byEmail);
    assertEquals("201", a.externalId());
    assertEquals("First201 Last201", a.name());
    EmulatedContact b = contact(byAttribute);
    assertEquals("202", b.externalId());
    assertEquals("attr.member@example.org", b.email());
    EmulatedContact s = contact(stranger);
    assertTrue(s.isLive(), "an open conversation keeps it");
    assertEquals("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", s.externalId());
    JsonNode audit = report(reportFile).get("audit");
    assertEquals(2, audit.get("legacyExternalIdsReplaced").asInt());
    assertEquals(stranger, audit.get("legacyExternalIdsUnmatched").get(0).get("contactId").asText());
    assertEquals("uuid", audit.get("legacyExternalIdsUnmatched").get(0).get("kind").asText());
    assertEquals(1, audit.get("matched").get("email").asInt());
    assertEquals(1, audit.get("matched").get("attribute").asInt());
    assertTrue(run.out().contains("2 replaced, 1 without a member match"), run.out());
  }

  @Test
  void duplicatesByEmail_keepTheMembersUser_mergeLeads_archiveOlderUsers(@TempDir Path reportDir) throws Exception {
    sandbox.insert(active(301, "dup@example.org"), active(302, "twins@example.org"));
    String numbered = sandbox.intercom.addContact(SeedContact.user("dup@example.org", "301").withCreatedAt(OLD));
    String other = sandbox.intercom.addContact(SeedContact.user("DUP@example.org", UUID_A).withCreatedAt(NEWER));
    String lead = sandbox.intercom.addContact(SeedContact.lead("dup@example.org"));
    String older = sandbox.intercom.addContact(SeedContact.user("twins@example.org", null).withCreatedAt(OLD));
    String newest = sandbox.intercom.addContact(SeedContact.user("twins@example.org", null).withCreatedAt(NEWER));
    Path reportFile = reportDir.resolve("report.json");

    Sandbox.Run run = audit("--max-archive=2", "--report=" + reportFile);

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(contact(numbered).isLive());
    assertEquals("First301 Last301", contact(numbered).name());
    assertFalse(contact(other).isLive(), "the other user is archived");
    assertEquals(numbered, contact(lead).mergedInto());
    assertFalse(contact(older).isLive(), "the older user is archived");
    assertTrue(contact(newest).isLive());
    assertEquals("302", contact(newest).externalId());
    assertEquals(3, report(reportFile).get("totals").get("duplicatesResolved").asInt());
    assertEquals(5, report(reportFile).get("totals").get("members").asInt());
  }

  @Test
  void staleContacts_archived_unlessAnOpenOrSnoozedConversation() {
    sandbox.insert(active(401, "member@example.org"));
    sandbox.intercom.addContact(SeedContact.user("member@example.org", "401").withName("First401 Last401"));
    String quiet = sandbox.intercom.addContact(SeedContact.lead("quiet@example.org"));
    String closed = sandbox.intercom.addContact(SeedContact.user("closed@example.org", null));
    sandbox.intercom.addConversation(closed, "closed", null);
    String open = sandbox.intercom.addContact(SeedContact.lead("open@example.org"));
    sandbox.intercom.addConversation(open, "open", null);
    String snoozed = sandbox.intercom.addContact(SeedContact.user("snoozed@example.org", "99999"));
    sandbox.intercom.addConversation(snoozed, "snoozed", null);

    Sandbox.Run run = audit("--max-archive=2");

    assertEquals(0, run.exitCode(), run.toString());
    assertFalse(contact(quiet).isLive());
    assertFalse(contact(closed).isLive());
    assertTrue(contact(open).isLive());
    assertTrue(contact(snoozed).isLive());
    assertTrue(run.out().matches("(?s).*stale, archived\\s+2.*"), run.out());
    assertTrue(run.out().matches("(?s).*kept: open conversation\\s+2.*"), run.out());
    assertEquals(1, sandbox.intercom.countRequests("POST", "/conversations/search"),
        "the open and snoozed conversations are read once, not searched per archive candidate");
  }

  @Test
  void staleCheck_readsEveryPageOfOpenAndSnoozedConversations_andEachConversationsContacts(@TempDir Path reportDir)
      throws Exception {
    sandbox.insert(active(401, "member@example.org"));
    String member = sandbox.intercom.addContact(SeedContact.user("member@example.org", "401").withName("First401 Last401"));
    String quiet = sandbox.intercom.addContact(SeedContact.lead("quiet@example.org"));
    String closed = sandbox.intercom.addContact(SeedContact.lead("closed@example.org"));
    sandbox.intercom.addConversation(closed, "closed", null);
    String second = sandbox.intercom.addContact(SeedContact.lead("second@example.org"));
    String shared = sandbox.intercom.addConversation(member, "open", null);
    sandbox.intercom.addParticipant(shared, second); // not the conversation's first contact
    for (int i = 0; i < 155; i++) {
      sandbox.intercom.addConversation(member, i % 2 == 0 ? "open" : "snoozed", null);
    }
    String late = sandbox.intercom.addContact(SeedContact.lead("late@example.org"));
    sandbox.intercom.addConversation(late, "snoozed", null); // on the second page
    Path reportFile = reportDir.resolve("audit.json");

    Sandbox.Run run = audit("--max-archive=2", "--report=" + reportFile);

    assertEquals(0, run.exitCode(), run.toString());
    assertFalse(contact(quiet).isLive());
    assertFalse(contact(closed).isLive());
    assertTrue(contact(second).isLive(), "the second contact of an open conversation is kept");
    assertTrue(contact(late).isLive(), "a snoozed conversation on the second page keeps its contact");
    assertEquals(2, sandbox.intercom.countRequests("POST", "/conversations/search"), "157 conversations, 150 a page");
    JsonNode audit = report(reportFile).get("audit");
    assertEquals(157, audit.get("openConversationsRead").asInt());
    assertEquals(2, audit.get("keptForOpenConversation").asInt());
    assertTrue(run.out().matches("(?s).*kept: open conversation\\s+2 \\(157 open or snoozed conversations read\\).*"),
        run.out());
  }

  @Test
  void noArchiveCandidates_readNoConversations() {
    sandbox.insert(active(402, "only@example.org"));
    sandbox.intercom.addContact(SeedContact.user("only@example.org", "402").withName("First402 Last402"));
    sandbox.intercom.addConversation(null, "open", null);

    Sandbox.Run run = audit("--dry-run");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(0, sandbox.intercom.countRequests("POST", "/conversations/search"));
  }

  @Test
  void anActiveMembersNumber_isNeverArchived_evenWithNoOtherMatch() {
    sandbox.insert(active(501, "current@example.org"), active(502, "retired@example.org").withStatus("Retired"));
    String active = sandbox.intercom.addContact(SeedContact.user("not.in.db@example.org", "501"));
    String retired = sandbox.intercom.addContact(SeedContact.user(null, "502"));

    Sandbox.Run run = audit("--max-archive=0");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(contact(active).isLive());
    assertEquals("current@example.org", contact(active).email(), "matched by external id, so it gets the member's data");
    assertTrue(contact(retired).isLive());
    assertEquals("Retired Member", contact(retired).attribute("member_type"));
    assertEquals(0, sandbox.intercom.countRequests("POST", "/contacts/" + active + "/archive"));
  }

  @Test
  void conflictingMatches_areReported_andLeftAlone() {
    sandbox.insert(active(601, "six.one@example.org"), active(602, "six.two@example.org"));
    String conflict = sandbox.intercom.addContact(SeedContact.user("six.two@example.org", "601").withName("Mixed Up"));
    String attrConflict = sandbox.intercom.addContact(SeedContact.lead("six.one@example.org").withAttribute("member_number", "602"));
    sandbox.intercom.clearLog();

    Sandbox.Run run = audit();

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals("Mixed Up", contact(conflict).name());
    assertEquals("601", contact(conflict).externalId());
    assertTrue(contact(attrConflict).isLive());
    assertEquals(0, sandbox.intercom.writeCount(), sandbox.intercom.requests().toString());
    assertTrue(run.out().contains("the external id says member 601 but the email six.two@example.org is member 602's"), run.out());
    assertTrue(run.out().matches("(?s).*conflicts\\s+2, left alone.*"), run.out());
    assertTrue(run.out().matches("(?s).*skipped\\s+2.*"), run.out());
  }

  @Test
  void nonMembersContacts_suspendedIncluded_followTheStaleRules() throws Exception {
    sandbox.insert(active(701, "sus@example.org").withStatus("Suspended"), active(702, "term@example.org").withStatus("Terminated"));
    String suspended = sandbox.intercom.addContact(SeedContact.user("sus@example.org", "701"));
    String terminated = sandbox.intercom.addContact(SeedContact.lead("term@example.org"));
    sandbox.intercom.addConversation(terminated, "open", null);

    Sandbox.Run run = audit("--max-archive=1");

    assertEquals(0, run.exitCode(), run.toString());
    assertFalse(contact(suspended).isLive());
    assertTrue(contact(terminated).isLive());
    String archived = Files.readAllLines(journal).stream().filter(l -> l.contains("\"action\":\"archive\""))
        .reduce("", String::concat);
    assertTrue(archived.contains(suspended) && archived.contains("names member 701, whose status is Suspended"), archived);
  }

  @Test
  void leadsOnly_examinesLeads_andFindsTheirMembersUsers() {
    sandbox.insert(active(801, "eight@example.org"));
    String user = sandbox.intercom.addContact(SeedContact.user("eight@example.org", "801").withName("Stale Name"));
    String lead = sandbox.intercom.addContact(SeedContact.lead("eight@example.org"));
    String staleUser = sandbox.intercom.addContact(SeedContact.user("gone@example.org", null));
    String staleLead = sandbox.intercom.addContact(SeedContact.lead("visitor@example.org"));

    Sandbox.Run run = audit("--leads-only", "--max-archive=1");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(user, contact(lead).mergedInto());
    assertEquals("First801 Last801", contact(user).name(), "the member's user, found by look-up, is updated");
    assertTrue(contact(staleUser).isLive(), "users are not examined");
    assertFalse(contact(staleLead).isLive());
    assertTrue(run.out().matches("(?s).*members\\s+2.*"), run.out());
    assertTrue(run.out().contains("1 more found by looking up matched members"), run.out());
  }

  @Test
  void limit_examinesTheFirstContactsOnly() {
    for (int i = 0; i < 4; i++) {
      sandbox.intercom.addContact(SeedContact.lead("visitor" + i + "@example.org"));
    }

    Sandbox.Run run = audit("--limit=2", "--max-archive=2");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(2, sandbox.intercom.contacts().size());
    assertEquals("visitor2@example.org", sandbox.intercom.contacts().get(0).email());
    assertTrue(run.out().matches("(?s).*members\\s+2.*"), run.out());
  }

  @Test
  void dryRun_writesNothing_andPrintsThePlanWithReasons() {
    sandbox.insert(active(901, "nine@example.org"));
    sandbox.intercom.addContact(SeedContact.lead("nine@example.org"));
    sandbox.intercom.addContact(SeedContact.user("nine.old@example.org", UUID_A).withAttribute("Member Number", 901));
    sandbox.intercom.addContact(SeedContact.lead("stale@example.org"));
    sandbox.intercom.clearLog();

    Sandbox.Run run = audit("--dry-run");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(0, sandbox.intercom.writeCount(), sandbox.intercom.requests().toString());
    assertFalse(Files.exists(journal));
    assertTrue(run.out().contains("dry run"), run.out());
    assertTrue(run.out().contains("merge member 901"), run.out());
    assertTrue(run.out().contains("the old external id " + UUID_A + " becomes the member number"), run.out());
    assertTrue(run.out().contains("archive contact"), run.out());
    assertTrue(run.out().contains("stale: no external id"), run.out());
    assertTrue(run.out().contains("create-attribute"), run.out());
    assertTrue(run.out().contains("journal: none (dry run)"), run.out());
  }

  @Test
  void archiveLimit_stopsTheRunBeforeAnyWrite_untilRaised() {
    sandbox.insert(active(1001, "ten@example.org"));
    sandbox.intercom.addContact(SeedContact.user("ten@example.org", UUID_A));
    for (int i = 0; i < 3; i++) {
      sandbox.intercom.addContact(SeedContact.lead("gone" + i + "@example.org"));
    }
    sandbox.intercom.clearLog();

    Sandbox.Run run = audit();

    assertEquals(3, run.exitCode(), run.toString());
    assertTrue(run.err().contains("archives 3 contacts (3 stale, 0 duplicate users) of 4 examined, more than the limit of 1"), run.err());
    assertTrue(run.err().contains("--max-archive=3"), run.err());
    assertEquals(0, sandbox.intercom.writeCount(), sandbox.intercom.requests().toString());
    assertFalse(Files.exists(journal));

    Sandbox.Run dry = audit("--dry-run");
    assertEquals(0, dry.exitCode(), dry.toString());
    assertTrue(dry.out().contains("a real run would stop here"), dry.out());

    Sandbox.Run raised = audit("--max-archive=3");
    assertEquals(0, raised.exitCode(), raised.toString());
    assertEquals(1, sandbox.intercom.contacts().size());
  }

  @Test
  void undo_unarchivesAndRestoresOverwrittenFields_andListsWhatItCannotUndo(@TempDir Path reportDir) throws Exception {
    sandbox.insert(active(1101, "eleven@example.org"), active(1102, "twelve@example.org"));
    String wp = sandbox.intercom.addContact(SeedContact.user("eleven@example.org", UUID_A).withName("WordPress Name")
        .withPhone("+14155550100").withAttribute("region", "OLD"));
    String lead = sandbox.intercom.addContact(SeedContact.lead("twelve@example.org"));
    String stale = sandbox.intercom.addContact(SeedContact.user("stale@example.org", null).withName("Stale Person"));
    Sandbox.Run run = audit("--max-archive=1");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals("1101", contact(wp).externalId());
    assertFalse(contact(stale).isLive());
    List<String> lines = Files.readAllLines(journal);
    assertTrue(lines.get(0).contains("natca-intercom audit"), lines.get(0));
    assertTrue(lines.get(1).contains("\"action\":\"create-attribute\""), lines.get(1));
    sandbox.intercom.clearLog();

    Sandbox.Run preview = sandbox.run("audit", "--undo", journal.toString(), "--dry-run");
    assertEquals(0, preview.exitCode(), preview.toString());
    assertEquals(0, sandbox.intercom.writeCount(), sandbox.intercom.requests().toString());
    assertTrue(preview.out().contains("unarchive contact " + stale), preview.out());
    assertTrue(preview.out().contains("restore member 1101 contact " + wp), preview.out());

    Path reportFile = reportDir.resolve("undo.json");
    Sandbox.Run undo = sandbox.run("audit", "--undo", journal.toString(), "--report=" + reportFile);

    assertEquals(0, undo.exitCode(), undo.toString());
    assertTrue(contact(stale).isLive());
    EmulatedContact restored = contact(wp);
    assertEquals(UUID_A, restored.externalId());
    assertEquals("WordPress Name", restored.name());
    assertEquals("OLD", restored.attribute("region"));
    assertNull(restored.attribute("member_number"), "an attribute the contact did not have is cleared");
    assertEquals("+14155550100", restored.phone());
    assertEquals("eleven@example.org", restored.email());
    JsonNode totals = report(reportFile).get("totals");
    assertEquals(1, totals.get("unarchived").asInt());
    assertEquals(1, totals.get("updated").asInt());
    assertEquals(7, totals.get("skipped").asInt(), "the 5 attributes, the created user and the merge cannot be undone");
    assertTrue(undo.out().contains("not undone: merge of contact " + lead), undo.out());
  }

  @Test
  void undo_leavesFieldsChangedSinceTheAudit() {
    sandbox.insert(active(1201, "tw@example.org"));
    String wp = sandbox.intercom.addContact(SeedContact.user("tw@example.org", UUID_A).withName("Before"));
    assertEquals(0, audit().exitCode());
    sandbox.intercom.clearLog();
    assertEquals(0, sandbox.run("daily-sync").exitCode());
    assertEquals(0, sandbox.intercom.writeCount(), "daily-sync agrees with what the audit wrote: " + sandbox.intercom.requests());
    try (IntercomClient agent = IntercomClient.builder().baseUrl(sandbox.intercom.baseUrl())
        .accessToken(sandbox.intercom.token()).build()) {
      agent.putContactFields(wp, Map.of("name", "Agent Edit"));
    }

    Sandbox.Run undo = sandbox.run("audit", "--undo=" + journal);

    assertEquals(0, undo.exitCode(), undo.toString());
    assertEquals("Agent Edit", contact(wp).name());
    assertEquals(UUID_A, contact(wp).externalId(), "the fields nobody touched since are restored");
    assertTrue(undo.out().contains("changed since the audit wrote them: name"), undo.out());
  }

  @Test
  void undo_aFieldEmptyBeforeTheAudit_isNeverSentAsNull_andIsNamed() {
    sandbox.insert(active(1301, "thirteen@example.org"));
    String c = sandbox.intercom.addContact(SeedContact.user("thirteen@example.org", null).withName("Before"));
    assertEquals(0, audit().exitCode());
    assertEquals("1301", contact(c).externalId());

    Sandbox.Run undo = sandbox.run("audit", "--undo=" + journal);

    assertEquals(0, undo.exitCode(), undo.toString());
    assertEquals("Before", contact(c).name(), "restored");
    assertEquals("1301", contact(c).externalId(), "external_id cannot be emptied through the API");
    assertTrue(undo.out().contains("cannot empty them again: external_id"), undo.out());
    assertTrue(sandbox.intercom.requests().stream().noneMatch(r -> r.method().equals("PUT")
        && (r.body().contains("\"external_id\":null") || r.body().contains("\"email\":null"))), sandbox.intercom.requests().toString());
  }

  @Test
  void undo_writesOfUnknownOutcome_areUndoneFromTheContactsStateNow() throws Exception {
    String live = sandbox.intercom.addContact(SeedContact.user("live@example.org", null));
    String archived = sandbox.intercom.addContact(SeedContact.user("archived@example.org", null));
    sandbox.intercom.archive(archived);
    // the run died after journaling both archives as intended: one was sent, the other not
    Files.write(journal, List.of(
        "{\"journal\":\"natca-intercom audit\",\"version\":2,\"createdAt\":\"2024-06-15T12:00:00Z\"}",
        intended(1, live), intended(2, archived)));

    Sandbox.Run undo = sandbox.run("audit", "--undo=" + journal);

    assertEquals(0, undo.exitCode(), undo.toString());
    assertTrue(contact(live).isLive());
    assertTrue(contact(archived).isLive(), "unarchived");
    assertEquals(0, sandbox.intercom.countRequests("POST", "/contacts/" + live + "/unarchive"), "the live one is left alone");
    assertTrue(undo.out().matches("(?s).*unarchived\\s+1.*"), undo.out());
  }

  private static String intended(int seq, String contactId) {
    return "{\"seq\":" + seq + ",\"time\":\"2024-06-15T12:00:00Z\",\"action\":\"archive\",\"contactId\":\"" + contactId
        + "\",\"memberNumber\":null,\"reason\":\"stale\",\"undoable\":true,\"outcome\":\"intended\","
        + "\"before\":{},\"after\":{\"archived\":true}}";
  }

  @Test
  void undo_malformedJournal_exits2NamingTheLine_nothingUndone() throws Exception {
    Files.write(journal, List.of("{\"journal\":\"natca-intercom audit\",\"version\":1}",
        "{\"time\":\"2024-06-15T12:00:00Z\",\"action\":\"archive\",\"contactId\":\"c1\",\"undoable\":true}",
        "{\"time\":\"2024-06-15T12:00:00Z\",\"action\":\"archive\",\"contactId\":\"c2\""));

    Sandbox.Run run = sandbox.run("audit", "--undo", journal.toString());

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("malformed at line 3"), run.err());
    assertEquals(0, sandbox.intercom.requests().size());
  }

  @Test
  void badUsage_exits2_withNothingWritten() throws Exception {
    sandbox.intercom.addContact(SeedContact.lead("x@example.org"));
    assertEquals(2, sandbox.run("audit", "--limit=-1").exitCode());
    assertEquals(2, sandbox.run("audit", "--max-archive=-3").exitCode());
    assertEquals(2, sandbox.run("audit", "--undo", journal.toString(), "--limit=3").exitCode());
    assertEquals(2, sandbox.run("audit", "--undo", dir.resolve("missing.jsonl").toString()).exitCode());
    Files.writeString(journal, "");
    Sandbox.Run existing = audit("--max-archive=5");
    assertEquals(2, existing.exitCode(), existing.toString());
    assertTrue(existing.err().contains("already exists"), existing.err());
    assertEquals(0, sandbox.intercom.requests().size());
  }

  @Test
  void help_saysWhatMembersCountsAndTheDefaultArchiveLimit() {
    Sandbox.Run run = sandbox.run("audit", "--help");

    assertEquals(0, run.exitCode(), run.toString());
    String text = run.out().replaceAll("\\s+", " ");
    assertTrue(text.contains("'members' counts the contacts examined"), run.out());
    assertTrue(text.contains("default: 5% of the contacts examined, rounded down, at least 1"), run.out());
  }
}
