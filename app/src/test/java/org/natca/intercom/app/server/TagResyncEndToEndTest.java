package org.natca.intercom.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.natca.intercom.app.Sandbox;
import org.natca.intercom.app.SandboxTest;
import org.natca.intercom.sandbox.emulator.ConversationNote;
import org.natca.intercom.sandbox.emulator.EmulatedContact;
import org.natca.intercom.sandbox.emulator.EmulatedConversation;
import org.natca.intercom.sandbox.emulator.EmulatorOptions;
import org.natca.intercom.sandbox.emulator.SeedContact;
import org.natca.intercom.sandbox.members.MemberRow;
import org.natca.intercom.sandbox.members.ReferenceData;
import org.natca.intercom.sandbox.webhook.WebhookNotifications;
import org.natca.intercom.webhook.EventRecord;
import org.natca.intercom.webhook.EventStatus;

/** The agents' tag re-sync end to end: signed notification over HTTP, PostgreSQL, the emulator. */
class TagResyncEndToEndTest extends SandboxTest {
  static final String TAG = "mynatca-sync";
  static final String ATTRIBUTE = "Member Number Verification";
  WebhookWorld world;
  String tagId;

  @BeforeEach
  void prepare() {
    world = new WebhookWorld(sandbox, postgres);
    world.clearInbox();
    world.start();
    tagId = sandbox.intercom.addTag(TAG);
  }

  @AfterEach
  void stopWorld() {
    world.close();
  }

  static MemberRow member(int n, String email) {
    return MemberRow.active(n, "First" + n, "Last" + n, email);
  }

  String conversation(String contactId, Object memberNumber) {
    return sandbox.intercom.addConversation(contactId, "open",
        memberNumber == null ? Map.of() : Map.of(ATTRIBUTE, memberNumber), tagId);
  }

  /** Tags-added notification for the conversation; returns the event once processed. */
  EventRecord tagAndWait(String conversationId) {
    String id = WebhookWorld.newId();
    world.deliverOk(WebhookNotifications.tagAdded(sandbox.intercom, id, conversationId, TAG));
    return world.awaitFinished(id);
  }

  EmulatedConversation conv(String id) {
    return sandbox.intercom.conversation(id).orElseThrow();
  }

  EmulatedContact userOf(int memberNumber) {
    return sandbox.intercom.userByExternalId(Integer.toString(memberNumber))
        .orElseThrow(() -> new AssertionError("no user for member " + memberNumber + ": " + sandbox.intercom.contacts()));
  }

  void assertSynced(EventRecord e, String conversationId) {
    assertEquals(EventStatus.DONE, e.status(), e.toString());
    assertTrue(e.outcome().startsWith("done:"), e.outcome());
    assertFalse(conv(conversationId).hasTagNamed(TAG), "tag removed");
    assertTrue(conv(conversationId).notes().isEmpty(), "no note on success: " + conv(conversationId).notes());
  }

  static void assertMemberData(EmulatedContact c, int n, String email) {
    assertEquals("user", c.role());
    assertEquals(Integer.toString(n), c.externalId());
    assertEquals(email, c.email());
    assertEquals("First" + n + " Last" + n, c.name());
    assertEquals(Integer.toString(n), c.attribute("member_number"));
    assertEquals("Current Member", c.attribute("member_type"));
    assertEquals(ReferenceData.REGIONS.get(0).code(), c.attribute("region"));
    assertEquals(ReferenceData.facilities().get(0).code(), c.attribute("facility"));
  }

  @Test
  void lead_becomesTheMembersUser_andTheTagIsRemoved() {
    sandbox.insert(member(101, "m101@example.org"));
    String lead = sandbox.intercom.addContact(SeedContact.lead("personal.address@example.com"));
    String c = conversation(lead, "101");

    EventRecord e = tagAndWait(c);

    assertSynced(e, c);
    EmulatedContact user = userOf(101);
    assertMemberData(user, 101, "m101@example.org");
    assertEquals(user.id(), sandbox.intercom.contact(lead).orElseThrow().mergedInto(), "lead merged into the user");
    assertEquals(List.of(user.id()), conv(c).contactIds(), "the conversation is the user's now");
    assertEquals(1, sandbox.intercom.contacts().size());
  }

  @Test
  void userWithStaleData_isUpdatedWithTheDatabaseEmailAndData() {
    sandbox.insert(member(102, "new.address@example.org"));
    String user = sandbox.intercom.addContact(SeedContact.user("old.address@example.org", "102").withName("Old Name")
        .withAttribute("member_number", "102").withAttribute("member_type", "Retired Member"));
    String c = conversation(user, " 102 ");

    EventRecord e = tagAndWait(c);

    assertSynced(e, c);
    EmulatedContact updated = sandbox.intercom.contact(user).orElseThrow();
    assertMemberData(updated, 102, "new.address@example.org");
    assertEquals(1, sandbox.intercom.contacts().size());
  }

  @Test
  void exactUser_costsAtMostFourRequests_andWritesNoContact() {
    sandbox.insert(member(104, "m104@example.org"));
    String user = sandbox.intercom.addContact(SeedContact.user("m104@example.org", "104").withName("Old Name"));
    String first = conversation(user, "104");
    assertSynced(tagAndWait(first), first); // makes the user exact
    String again = conversation(user, "104");
    sandbox.intercom.clearLog();

    EventRecord e = tagAndWait(again);

    assertSynced(e, again);
    List<String> sent = sandbox.intercom.requests().stream().map(r -> r.method() + " " + r.path()).toList();
    assertTrue(sent.size() <= 4, "conversation, contact, search, tag: " + sent);
    assertEquals(0, sandbox.intercom.requests().stream().filter(r -> r.isWrite() && r.path().startsWith("/contacts")).count(),
        "no contact written: " + sent);
    assertTrue(e.outcome().contains("already up to date"), e.outcome());
  }

  @Test
  void userWithOneStaleField_getsOnlyThatFieldWritten() {
    sandbox.insert(member(105, "m105@example.org"));
    String user = sandbox.intercom.addContact(SeedContact.user("m105@example.org", "105").withName("Someone Else")
        .withAttribute("member_number", "105").withAttribute("member_type", "Current Member")
        .withAttribute("region", ReferenceData.REGIONS.get(0).code())
        .withAttribute("facility", ReferenceData.facilities().get(0).code()));
    String again = conversation(user, "105");
    sandbox.intercom.clearLog();

    EventRecord e = tagAndWait(again);

    assertSynced(e, again);
    List<String> bodies = sandbox.intercom.requests().stream().filter(r -> r.method().equals("PUT")).map(r -> r.body()).toList();
    assertEquals(List.of("{\"name\":\"First105 Last105\"}"), bodies, "only what differs");
    assertMemberData(sandbox.intercom.contact(user).orElseThrow(), 105, "m105@example.org");
  }

  @Test
  void noContactAtAll_createsTheMembersUser() {
    sandbox.insert(member(103, "m103@example.org"));
    String c = conversation(null, "103");

    EventRecord e = tagAndWait(c);

    assertSynced(e, c);
    assertMemberData(userOf(103), 103, "m103@example.org");
    assertTrue(e.outcome().contains("no contact"), e.outcome());
  }

  @Test
  void duplicates_keepTheMembersUser_mergeTheLead_archiveTheOtherUser() {
    sandbox.insert(member(104, "dup@example.org"));
    String mine = sandbox.intercom.addContact(SeedContact.user("older@example.org", "104")
        .withCreatedAt(Instant.parse("2020-01-01T00:00:00Z")));
    String other = sandbox.intercom.addContact(SeedContact.user("DUP@example.org", null));
    String lead = sandbox.intercom.addContact(SeedContact.lead("dup@example.org"));
    String c = conversation(lead, "104");

    EventRecord e = tagAndWait(c);

    assertSynced(e, c);
    EmulatedContact kept = sandbox.intercom.contact(mine).orElseThrow();
    assertTrue(kept.isLive());
    assertEquals("First104 Last104", kept.name());
    assertFalse(sandbox.intercom.contact(other).orElseThrow().isLive(), "the other user is archived");
    assertEquals(mine, sandbox.intercom.contact(lead).orElseThrow().mergedInto());
    assertEquals(1, sandbox.intercom.contacts().size());
  }

  @Test
  void withoutTagsAdded_theConversationsTagsDecide() {
    sandbox.insert(member(105, "m105@example.org"));
    String c = conversation(null, 105);
    String id = WebhookWorld.newId();

    world.deliverOk(WebhookNotifications.tagAdded(sandbox.intercom, id, c));
    EventRecord e = world.awaitFinished(id);

    assertSynced(e, c);
    assertMemberData(userOf(105), 105, "m105@example.org");
  }

  @Test
  void anotherTag_isIgnored_withoutWriting() {
    sandbox.insert(member(106, "m106@example.org"));
    String billing = sandbox.intercom.addTag("billing");
    String c = sandbox.intercom.addConversation(null, "open", Map.of(ATTRIBUTE, "106"), billing);
    String id = WebhookWorld.newId();
    sandbox.intercom.clearLog();

    world.deliverOk(WebhookNotifications.tagAdded(sandbox.intercom, id, c, "billing"));
    EventRecord e = world.awaitFinished(id);

    assertEquals(EventStatus.DONE, e.status());
    assertTrue(e.outcome().startsWith("ignored:"), e.outcome());
    assertEquals(0, sandbox.intercom.requests().size(), "not even a read");
  }

  @Test
  void aTagRemovedBeforeTheSyncRan_isIgnored() {
    sandbox.insert(member(107, "m107@example.org"));
    String billing = sandbox.intercom.addTag("billing");
    String c = sandbox.intercom.addConversation(null, "open", Map.of(ATTRIBUTE, "107"), billing);
    String id = WebhookWorld.newId();

    world.deliverOk(WebhookNotifications.tagAdded(sandbox.intercom, id, c, TAG));
    EventRecord e = world.awaitFinished(id);

    assertTrue(e.outcome().startsWith("ignored:"), e.outcome());
    assertEquals(0, sandbox.intercom.writeCount());
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "NULL    | is empty",
      "'   '   | is empty",
      "12a45   | holds \"12a45\", which is not a member number",
      "#108    | holds \"#108\", which is not a member number",
      "99999   | there is no member 99999 in the member database",
      "109     | member 109 is Suspended in the member database; only Active and Retired members are synced",
      "110     | member 110 has no email address in the member database",
  })
  void whenItCannotSucceed_theTagStays_andANoteSaysWhy(String attribute, String expected) {
    sandbox.insert(member(109, "m109@example.org").withStatus("Suspended"), member(110, "  "));
    String lead = sandbox.intercom.addContact(SeedContact.lead("asker@example.com"));
    String c = conversation(lead, attribute);
    sandbox.intercom.clearLog();

    EventRecord e = tagAndWait(c);

    assertEquals(EventStatus.DONE, e.status(), e.toString());
    assertTrue(e.outcome().startsWith("refused:"), e.outcome());
    assertTrue(conv(c).hasTagNamed(TAG), "the tag stays");
    List<ConversationNote> notes = conv(c).notes();
    assertEquals(1, notes.size(), notes.toString());
    String note = notes.get(0).body().replace("&quot;", "\"");
    assertTrue(note.contains(expected), note);
    assertTrue(note.contains("Member sync (tag " + TAG + ") did not finish"), note);
    assertEquals(sandbox.intercom.adminId(), notes.get(0).adminId());
    assertEquals(0, sandbox.intercom.countRequests("POST", "/contacts") + sandbox.intercom.countRequests("PUT", "/contacts"),
        "no contact written");
    assertTrue(sandbox.intercom.contact(lead).orElseThrow().isLive());
  }

  @Test
  void intercomErrorsAfterRetries_leaveTheTag_andANote_andTheEventFails() {
    sandbox.insert(member(111, "m111@example.org"));
    String c = conversation(null, "111");
    sandbox.intercom.failMatching("POST", "/contacts/search", 1_000, 500);

    EventRecord e = tagAndWait(c);

    assertEquals(EventStatus.FAILED, e.status(), e.toString());
    assertEquals(WebhookWorld.FAST.retry().maxAttempts(), e.attempts());
    assertTrue(e.lastError().contains("500"), e.lastError());
    assertTrue(conv(c).hasTagNamed(TAG));
    List<ConversationNote> notes = conv(c).notes();
    assertEquals(1, notes.size(), "one note, on the last attempt only: " + notes);
    assertTrue(notes.get(0).body().contains("failed after several tries"), notes.get(0).body());
    assertTrue(notes.get(0).body().contains("500"), notes.get(0).body());
  }

  @Test
  void aBlockedContact_isExplainedInTheNote() {
    sandbox.insert(member(112, "blocked@example.org"));
    String blocked = sandbox.intercom.addContact(SeedContact.user("blocked@example.org", "112"));
    sandbox.intercom.block(blocked);
    String c = conversation(null, "112");

    EventRecord e = tagAndWait(c);

    assertTrue(e.outcome().startsWith("refused:"), e.outcome());
    assertTrue(conv(c).hasTagNamed(TAG));
    String note = conv(c).notes().get(0).body();
    assertTrue(note.contains("blocked") && note.contains("unblock"), note);
  }

  @Test
  void anotherMembersContactHoldingTheEmail_isLeftAlone_andExplained() {
    sandbox.insert(member(113, "shared@example.org"));
    String theirs = sandbox.intercom.addContact(SeedContact.user("shared@example.org", "999"));
    String c = conversation(null, "113");

    EventRecord e = tagAndWait(c);

    assertTrue(e.outcome().startsWith("refused:"), e.outcome());
    assertEquals("999", sandbox.intercom.contact(theirs).orElseThrow().externalId());
    assertTrue(conv(c).notes().get(0).body().contains("belongs to member 999"), conv(c).notes().toString());
  }

  @Test
  void addingTheTagAgain_afterTheProblemIsFixed_runsTheSyncAgain() {
    sandbox.insert(member(114, "m114@example.org").withStatus("Suspended"));
    String lead = sandbox.intercom.addContact(SeedContact.lead("m114@example.org"));
    String c = conversation(lead, "114");
    EventRecord first = tagAndWait(c);
    assertTrue(first.outcome().startsWith("refused:"), first.outcome());

    sandbox.sql("update members set status = 'Active' where membernumber = 114");
    EventRecord second = tagAndWait(c);

    assertEquals(EventStatus.DONE, second.status());
    assertTrue(second.outcome().startsWith("done:"), second.outcome());
    assertFalse(conv(c).hasTagNamed(TAG));
    assertMemberData(userOf(114), 114, "m114@example.org");
    assertEquals(1, conv(c).notes().size(), "only the first attempt's note");
  }

  @Test
  void aUserSearchCannotSeeYet_isFoundByTheConflictOnCreate_notDuplicated() {
    world.close();
    sandbox = Sandbox.over(postgres, SCHEMA, EmulatorOptions.builder().searchLag(Duration.ofMinutes(5)).build());
    world = new WebhookWorld(sandbox, postgres);
    world.start();
    tagId = sandbox.intercom.addTag(TAG);
    sandbox.insert(member(116, "m116@example.org"));
    String first = conversation(null, "116");
    assertSynced(tagAndWait(first), first); // creates the user over HTTP: search will not see it for minutes
    String userId = userOf(116).id();
    sandbox.sql("update members set lastname = 'Renamed' where membernumber = 116");

    String second = conversation(null, "116");
    EventRecord e = tagAndWait(second);

    assertSynced(e, second);
    assertEquals(1, sandbox.intercom.contacts().size(), sandbox.intercom.contacts().toString());
    assertEquals("First116 Renamed", sandbox.intercom.contact(userId).orElseThrow().name());
    assertEquals(1, sandbox.intercom.requests().stream()
        .filter(r -> r.method().equals("POST") && r.path().equals("/contacts") && r.status() == 409).count(),
        "the second create met the user search could not see");
  }

  @Test
  void aRepeatedDelivery_isProcessedOnce() {
    sandbox.insert(member(115, "m115@example.org"));
    String lead = sandbox.intercom.addContact(SeedContact.lead("m115@example.org"));
    String c = conversation(lead, "115");
    String id = WebhookWorld.newId();
    String body = WebhookNotifications.tagAdded(sandbox.intercom, id, c, TAG);

    world.deliverOk(body);
    world.awaitFinished(id);
    world.deliverOk(body);
    world.deliverOk(body);

    assertEquals(1, world.event(id).attempts());
    assertEquals(1, sandbox.intercom.countRequests("GET", "/conversations/" + c));
    assertEquals(1, sandbox.intercom.countRequests("POST", "/contacts/merge"));
    assertNull(sandbox.intercom.contacts().stream().filter(EmulatedContact::isLead).findFirst().orElse(null));
  }
}
