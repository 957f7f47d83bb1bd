package org.natca.intercom.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.natca.intercom.app.Sandbox;
import org.natca.intercom.app.SandboxTest;
import org.natca.intercom.sandbox.emulator.ContactState;
import org.natca.intercom.sandbox.emulator.EmulatedContact;
import org.natca.intercom.sandbox.emulator.RecordedRequest;
import org.natca.intercom.sandbox.emulator.SeedContact;
import org.natca.intercom.sandbox.members.MemberRow;

/** manual-update end to end: the command, a real PostgreSQL, the Intercom emulator over HTTP. */
class ManualUpdateCommandTest extends SandboxTest {
  static final String GONE = "ffffffffffffffffffffffff";
  @TempDir Path dir;

  static MemberRow member(int n) {
    return MemberRow.active(n, "First" + n, "Last" + n, "m" + n + "@example.org");
  }

  static String entry(String contactId, int memberNumber) {
    return "{\"contact_id\": \"" + contactId + "\", \"member_number\": \"" + memberNumber + "\"}";
  }

  Path mappings(String... entries) throws IOException {
    return Files.writeString(dir.resolve("mappings.json"), "[\n" + String.join(",\n", entries) + "\n]\n");
  }

  Sandbox.Run run(Path file, String... options) {
    List<String> args = new ArrayList<>(List.of("manual-update", file.toString()));
    args.addAll(List.of(options));
    return sandbox.run(args.toArray(String[]::new));
  }

  /** The contract's fields of a member as defaults (member() above) make them. */
  static void assertHasMembersData(EmulatedContact c, int n) {
    assertTrue(c.isLive(), c.toString());
    assertEquals("user", c.role());
    assertEquals("m" + n + "@example.org", c.email());
    assertEquals(Integer.toString(n), c.externalId());
    assertEquals("First" + n + " Last" + n, c.name());
    assertEquals(Integer.toString(n), c.attribute("member_number"));
    assertEquals("Current Member", c.attribute("member_type"));
  }

  EmulatedContact contact(String id) {
    return sandbox.intercom.contact(id).orElseThrow();
  }

  static boolean total(Sandbox.Run run, String name, int value) {
    return run.out().matches("(?s).*\\n  " + name + "\\s+" + value + "\\n.*");
  }

  // ------------------------------------------------------------------ the file is checked first

  static Stream<Arguments> invalidFiles() {
    return Stream.of(
        Arguments.of("malformed JSON", "[\n{\"contact_id\": \"a1\",, \"member_number\": 1}\n]", List.of(
            ":2:21: malformed JSON: Unexpected character (',' (code 44)): was expecting double-quote to start field name")),
        Arguments.of("top level not an array", "{\"contact_id\": \"a1\", \"member_number\": 1}", List.of(
            ":1:1: expected a JSON array of mappings, found an object; the format is "
                + "[{\"contact_id\": \"67eb0a6e8f72a828ba21c342\", \"member_number\": \"12345\"}]")),
        Arguments.of("entry not an object", "[\"a1\"]", List.of(
            ":1:2: entry [0]: expected an object with \"contact_id\" and \"member_number\", found a string")),
        Arguments.of("contact_id missing", "[{\"member_number\": 1}]", List.of(
            ":1:2: entry [0]: \"contact_id\" is missing")),
        Arguments.of("member_number missing", "[{\"contact_id\": \"a1\"}]", List.of(
            ":1:2: entry [0]: \"member_number\" is missing")),
        Arguments.of("contact_id blank", "[{\"contact_id\": \"\", \"member_number\": 1}]", List.of(
            ":1:17: entry [0]: \"contact_id\" is blank")),
        Arguments.of("member_number blank", "[{\"contact_id\": \"a1\", \"member_number\": \" \"}]", List.of(
            ":1:40: entry [0]: \"member_number\" is blank")),
        Arguments.of("member_number not digits", "[\n  {\"contact_id\": \"a1\", \"member_number\": \"N12345\"}\n]", List.of(
            ":2:41: entry [0]: \"member_number\" must be digits (12345 or \"12345\"), found \"N12345\"")),
        Arguments.of("member_number a fraction", "[{\"contact_id\": \"a1\", \"member_number\": 12.5}]", List.of(
            ":1:40: entry [0]: \"member_number\" must be digits (12345 or \"12345\"), found 12.5")),
        Arguments.of("same contact twice", "[\n" + entry("a1", 1) + ",\n" + entry("a1", 2) + "\n]", List.of(
            ":3:16: entry [1]: contact a1 is already mapped by entry [0] (line 2) to member 1; a contact can be only one member")),
        Arguments.of("one member, two contacts", "[\n" + entry("a1", 1) + ",\n" + entry("b2", 1) + "\n]", List.of(
            ":3:39: entry [1]: member 1 is already mapped by entry [0] (line 2) to contact a1; a member has one contact")),
        Arguments.of("unknown key", "[{\"contact_id\": \"a1\", \"member_number\": 1, \"email\": \"x@example.org\"}]", List.of(
            ":1:43: entry [0]: unknown key \"email\"; an entry has \"contact_id\", \"member_number\" and optionally \"note\"")),
        Arguments.of("several problems", "[\n" + entry("a1", 1) + ",\n{\"contact_id\": \"a1\"},\n7\n]", List.of(
            ":3:1: entry [1]: \"member_number\" is missing",
            ":4:1: entry [2]: expected an object with \"contact_id\" and \"member_number\", found a number")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFiles")
  void invalidFile_oneLinePerProblem_exit2_nothingRequested(String name, String content, List<String> problems)
      throws IOException {
    sandbox.insert(member(1));
    Path file = dir.resolve("mappings.json");
    if (content != null) {
      Files.writeString(file, content);
    }

    Sandbox.Run run = run(file);

    assertEquals(2, run.exitCode(), run.toString());
    List<String> expected = new ArrayList<>();
    problems.forEach(p -> expected.add(file + p));
    expected.add("error: " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in " + file
        + "; nothing was done");
    assertEquals(expected, Arrays.asList(run.err().split("\n")));
    assertEquals("", run.out());
    assertEquals(List.of(), sandbox.intercom.requests());
  }

  @Test
  void invalidFile_isReportedBeforeTheConfiguration() throws IOException {
    sandbox.env.remove("INTERCOM_ACCESS_TOKEN");
    sandbox.env.remove("DATABASE_URL");
    Path file = Files.writeString(dir.resolve("m.json"), "[{\"contact_id\": \"a1\"}]");

    Sandbox.Run run = run(file);

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().startsWith(file + ":1:2: entry [0]: \"member_number\" is missing\n"), run.err());
  }

  @Test
  void validFile_withoutToken_isAConfigurationError() throws IOException {
    sandbox.env.remove("INTERCOM_ACCESS_TOKEN");

    Sandbox.Run run = run(mappings(entry("a1", 1)));

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("INTERCOM_ACCESS_TOKEN"), run.err());
  }

  @Test
  void noFileArgument_isBadUsage() {
    Sandbox.Run run = sandbox.run("manual-update");

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("FILE"), run.err());
  }

  @Test
  void help_documentsTheFormat() {
    Sandbox.Run run = sandbox.run("manual-update", "--help");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().contains("mappings.example.json"), run.out());
    assertTrue(run.out().contains("--dry-run"), run.out());
  }

  @Test
  void emptyArray_nothingToDo_exit0() throws IOException {
    Sandbox.Run run = run(mappings());

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().contains("has no mappings: nothing to do"), run.out());
    assertTrue(total(run, "members", 0), run.out());
    assertEquals(List.of(), sandbox.intercom.requests());
  }

  // ------------------------------------------------------------------ each kind of contact

  @Test
  void user_getsTheMembersData_andTheReportSaysSo() throws IOException {
    sandbox.insert(member(1001).withPhone("(765) 465-7031"));
    String id = sandbox.intercom.addContact(SeedContact.user("old@example.org", null).withName("Old Name"));
    Path report = dir.resolve("report.json");

    Sandbox.Run run = run(mappings(entry(id, 1001)), "--report=" + report);

    assertEquals(0, run.exitCode(), run.toString());
    EmulatedContact c = contact(id);
    assertHasMembersData(c, 1001);
    assertEquals("+17654657031", c.phone());
    assertEquals(1, sandbox.intercom.contacts().size());
    assertEquals(1, sandbox.intercom.countRequests("PUT", "/contacts/" + id));
    JsonNode json = new ObjectMapper().readTree(Files.readString(report));
    assertEquals("manual-update", json.get("command").asText());
    assertFalse(json.get("dryRun").asBoolean());
    assertEquals(1, json.get("totals").get("members").asInt());
    assertEquals(1, json.get("totals").get("updated").asInt());
    assertEquals(0, json.get("totals").get("failed").asInt());
    assertEquals(sandbox.intercom.requests().size(), json.get("requests").get("total").asInt());
    assertEquals(dir.resolve("mappings.json").toString(), json.get("mappingsFile").asText());
  }

  @Test
  void secondRun_findsNothingToChange_writesNothing() throws IOException {
    sandbox.insert(member(1002));
    String id = sandbox.intercom.addContact(SeedContact.user("old@example.org", null));
    Path file = mappings(entry(id, 1002));
    assertEquals(0, run(file).exitCode());
    sandbox.intercom.clearLog();

    Sandbox.Run again = run(file);

    assertEquals(0, again.exitCode(), again.toString());
    assertEquals(0, sandbox.intercom.writeCount(), sandbox.intercom.requests().toString());
    assertTrue(total(again, "unchanged", 1), again.out());
  }

  @Test
  void lead_withoutAUser_becomesTheMembersNewUser() throws IOException {
    sandbox.insert(member(1003));
    String lead = sandbox.intercom.addContact(SeedContact.lead("visitor@example.org").withName("Visitor"));

    Sandbox.Run run = run(mappings(entry(lead, 1003)));

    assertEquals(0, run.exitCode(), run.toString());
    EmulatedContact user = sandbox.intercom.userByExternalId("1003").orElseThrow();
    assertHasMembersData(user, 1003);
    assertEquals(user.id(), contact(lead).mergedInto());
    assertEquals(List.of(user), sandbox.intercom.contacts());
    assertTrue(total(run, "created", 1), run.out());
    assertTrue(total(run, "duplicatesResolved", 1), run.out());
  }

  @Test
  void lead_ofAMemberWithAUser_isMergedIntoIt_andTheUserUpdated() throws IOException {
    sandbox.insert(member(1004));
    String user = sandbox.intercom.addContact(SeedContact.user("old1004@example.org", "1004").withName("Old Name"));
    String lead = sandbox.intercom.addContact(SeedContact.lead("visitor@example.org"));

    Sandbox.Run run = run(mappings(entry(lead, 1004)));

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(user, contact(lead).mergedInto());
    assertHasMembersData(contact(user), 1004);
    assertEquals(1, sandbox.intercom.contacts().size());
    assertEquals(1, sandbox.intercom.countRequests("POST", "/contacts/merge"));
    assertTrue(total(run, "created", 0), run.out());
    assertTrue(total(run, "updated", 1), run.out());
    assertTrue(total(run, "duplicatesResolved", 1), run.out());
  }

  @Test
  void lead_ofAMemberWhoseUserHasTheEmailButNoNumber_isMergedIntoThatUser() throws IOException {
    sandbox.insert(member(1005));
    String user = sandbox.intercom.addContact(SeedContact.user("M1005@example.org", null));
    String lead = sandbox.intercom.addContact(SeedContact.lead("visitor@example.org"));

    Sandbox.Run run = run(mappings(entry(lead, 1005)));

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(user, contact(lead).mergedInto());
    assertEquals("1005", contact(user).externalId());
    assertEquals(1, sandbox.intercom.contacts().size());
  }

  @Test
  void archivedContact_isUnarchivedThenUpdated() throws IOException {
    sandbox.insert(member(1006));
    String id = sandbox.intercom.addContact(SeedContact.user("old@example.org", null));
    sandbox.intercom.archive(id);

    Sandbox.Run run = run(mappings(entry(id, 1006)));

    assertEquals(0, run.exitCode(), run.toString());
    assertHasMembersData(contact(id), 1006);
    assertTrue(total(run, "unarchived", 1), run.out());
    assertTrue(total(run, "updated", 1), run.out());
  }

  @Test
  void archivedContactOfAnotherMember_isArchivedAgain_andReported() throws IOException {
    sandbox.insert(member(1007));
    String id = sandbox.intercom.addContact(SeedContact.user("theirs@example.org", "999"));
    sandbox.intercom.archive(id);

    Sandbox.Run run = run(mappings(entry(id, 1007)));

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.out().contains("contact " + id + " belongs to member 999 (its external_id); left alone"), run.out());
    assertEquals(ContactState.ARCHIVED, contact(id).state());
    assertEquals("999", contact(id).externalId());
    assertEquals(0, sandbox.intercom.countRequests("PUT", "/contacts"));
    assertTrue(total(run, "unarchived", 0), run.out());
  }

  @Test
  void missingContact_isReported() throws IOException {
    sandbox.insert(member(1008));

    Sandbox.Run run = run(mappings(entry(GONE, 1008)));

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.out().contains("member 1008 <m1008@example.org> contact " + GONE + " : contact " + GONE
        + " is not in Intercom (a wrong id, deleted, or merged into another contact)"), run.out());
    assertTrue(sandbox.intercom.contacts().isEmpty());
    assertTrue(total(run, "failed", 1), run.out());
  }

  @Test
  void mergedLead_mappedAgain_isReportedWithTheMembersContact() throws IOException {
    sandbox.insert(member(1009));
    String lead = sandbox.intercom.addContact(SeedContact.lead("visitor@example.org"));
    Path file = mappings(entry(lead, 1009));
    assertEquals(0, run(file).exitCode());
    String user = sandbox.intercom.userByExternalId("1009").orElseThrow().id();

    Sandbox.Run again = run(file);

    assertEquals(1, again.exitCode(), again.toString());
    assertTrue(again.out().contains("merged into another contact); member 1009's contact is " + user), again.out());
  }

  @Test
  void blockedContact_isReportedAsBlocked_withTheAdminAction() throws IOException {
    sandbox.insert(member(1010));
    String id = sandbox.intercom.addContact(SeedContact.user("old@example.org", null));
    sandbox.intercom.block(id);

    Sandbox.Run run = run(mappings(entry(id, 1010)));

    assertEquals(1, run.exitCode(), "blocked: the entry was not done; " + run);
    assertTrue(total(run, "blocked", 1), run.out());
    assertTrue(total(run, "failed", 0), run.out());
    assertTrue(run.out().contains("contact " + id + " : blocked in Intercom; no API can unblock a person"), run.out());
    assertEquals(ContactState.BLOCKED, contact(id).state());
    assertEquals(0, sandbox.intercom.countRequests("PUT", "/contacts"));
  }

  @Test
  void membersEmailOnAnotherUser_isReportedWithThatContact_andLeftAlone() throws IOException {
    sandbox.insert(member(1011));
    sandbox.intercom.defineContractAttributes();
    String mapped = sandbox.intercom.addContact(SeedContact.user("other@example.org", null).withName("Mapped"));
    String holder = sandbox.intercom.addContact(SeedContact.user("m1011@example.org", null).withName("Holder"));

    Sandbox.Run run = run(mappings(entry(mapped, 1011)));

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.out().contains("the member's email m1011@example.org is already on contact " + holder + "; left alone"),
        run.out());
    assertEquals(0, sandbox.intercom.writeCount(), sandbox.intercom.requests().toString());
    assertEquals("Mapped", contact(mapped).name());
    assertNull(contact(mapped).externalId());
    assertNull(contact(holder).externalId());
  }

  @Test
  void contactOfAnotherMember_isAConflict_leftAlone() throws IOException {
    sandbox.insert(member(1012));
    String id = sandbox.intercom.addContact(SeedContact.user("theirs@example.org", "999"));

    Sandbox.Run run = run(mappings(entry(id, 1012)));

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.out().contains("contact " + id + " belongs to member 999 (its external_id); left alone"), run.out());
    assertEquals("999", contact(id).externalId());
    assertEquals(0, sandbox.intercom.countRequests("PUT", "/contacts"));
  }

  @Test
  void memberWithAnotherUser_isReported_neitherTouched() throws IOException {
    sandbox.insert(member(1013));
    String mapped = sandbox.intercom.addContact(SeedContact.user("other@example.org", null));
    String existing = sandbox.intercom.addContact(SeedContact.user("m1013@example.org", "1013"));

    Sandbox.Run run = run(mappings(entry(mapped, 1013)));

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.out().contains("member 1013 already has contact " + existing), run.out());
    assertEquals(0, sandbox.intercom.countRequests("PUT", "/contacts"));
    assertEquals(0, sandbox.intercom.countRequests("POST", "/contacts/merge"));
  }

  @Test
  void membersNotActiveOrRetired_orMissing_orWithoutEmail_areReported_beforeAnyRequest() throws IOException {
    sandbox.insert(member(1014).withStatus("Suspended"), member(1016).withEmail("  "));

    Sandbox.Run run = run(mappings(entry("a1", 1014), entry("b2", 1015), entry("c3", 1016)));

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.out().contains("member 1014 <m1014@example.org> contact a1 : member 1014 is Suspended; "
        + "only Active and Retired members are synced"), run.out());
    assertTrue(run.out().contains("member 1015 contact b2 : member 1015 is not in the member database"), run.out());
    assertTrue(run.out().contains("member 1016 contact c3 : member 1016 has no email in the member database"), run.out());
    assertTrue(total(run, "members", 3), run.out());
    assertTrue(total(run, "failed", 3), run.out());
    assertEquals(List.of(), sandbox.intercom.requests(), "nothing to link: Intercom is not asked anything");
  }

  @Test
  void aFailingEntry_doesNotStopTheOthers_exit1() throws IOException {
    sandbox.insert(member(1017), member(1018), member(1019).withStatus("Retired"));
    String first = sandbox.intercom.addContact(SeedContact.user("a@example.org", null));
    String last = sandbox.intercom.addContact(SeedContact.user("c@example.org", null));

    Sandbox.Run run = run(mappings(entry(first, 1017), entry(GONE, 1018), entry(last, 1019)));

    assertEquals(1, run.exitCode(), run.toString());
    assertHasMembersData(contact(first), 1017);
    assertEquals("1019", contact(last).externalId());
    assertEquals("Retired Member", contact(last).attribute("member_type"));
    assertTrue(total(run, "updated", 2), run.out());
    assertTrue(total(run, "failed", 1), run.out());
    assertTrue(run.out().contains("Failed (not done; fix them and run the file again, entries already done stay as they are):\n"
        + "  member 1018 <m1018@example.org> contact " + GONE + " : contact " + GONE + " is not in Intercom"), run.out());
  }

  @Test
  void dryRun_writesNothing_andShowsThePlanWithReasons() throws IOException {
    sandbox.insert(member(1020), member(1021), member(1022));
    String user = sandbox.intercom.addContact(SeedContact.user("old@example.org", null));
    String lead = sandbox.intercom.addContact(SeedContact.lead("visitor@example.org"));
    String archived = sandbox.intercom.addContact(SeedContact.user("arch@example.org", null));
    sandbox.intercom.archive(archived);

    Sandbox.Run run = run(mappings(entry(user, 1020), entry(lead, 1021), entry(archived, 1022)), "--dry-run");

    assertEquals(0, run.exitCode(), run.toString());
    List<RecordedRequest> writes = sandbox.intercom.requests().stream().filter(RecordedRequest::isWrite).toList();
    assertEquals(List.of(), writes);
    assertTrue(run.out().contains("dry run"), run.out());
    assertTrue(run.out().contains("create-attribute"), run.out());
    assertTrue(run.out().contains("update member 1020 contact " + user + ": changed: email, external_id, name"), run.out());
    assertTrue(run.out().contains("create member 1021: contact " + lead + " is a lead"), run.out());
    assertTrue(run.out().contains("merge member 1021 contact " + lead + ": the lead is merged into the member's new user"), run.out());
    assertTrue(run.out().contains("unarchive member 1022 contact " + archived + ": Intercom does not show the contact"), run.out());
    assertEquals("old@example.org", contact(user).email());
    assertTrue(contact(lead).isLive());
    assertFalse(contact(archived).isLive());
    assertFalse(sandbox.intercom.hasAttribute("member_number"));
  }

  @Test
  void intercomRefusingTheTokenMidRun_stopsTheRun_andNamesWhatWasNotAttempted() throws IOException {
    sandbox.insert(member(1023), member(1024), member(1025));
    try (MockWebServer intercom = new MockWebServer()) {
      intercom.enqueue(json(200, "{\"type\":\"list\",\"data\":["
          + Stream.of("member_number", "member_type", "region", "facility", "positions")
              .map(a -> "{\"type\":\"data_attribute\",\"name\":\"" + a + "\",\"model\":\"contact\",\"data_type\":\"string\",\"custom\":true}")
              .reduce((a, b) -> a + "," + b).orElseThrow()
          + "]}"));
      intercom.enqueue(json(401, "{\"type\":\"error.list\",\"request_id\":\"r1\",\"errors\":[{\"code\":\"unauthorized\",\"message\":\"Access Token Invalid\"}]}"));
      intercom.start();
      sandbox.env.put("INTERCOM_BASE_URL", intercom.url("/").toString());

      Sandbox.Run run = run(mappings(entry("a1", 1023), entry("b2", 1024), entry("c3", 1025)));

      assertEquals(3, run.exitCode(), run.toString());
      assertEquals(2, intercom.getRequestCount());
      assertTrue(run.out().contains("STOPPED EARLY: Intercom refused the access token"), run.out());
      assertTrue(run.out().contains("2 entries were not attempted, from entry [1] (line 3) on"), run.out());
      assertTrue(total(run, "failed", 1), run.out());
    }
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }
}
