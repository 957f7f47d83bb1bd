package org.natca.intercom.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natca.intercom.app.SandboxTest;
import org.natca.intercom.sandbox.db.SandboxMysql;
import org.natca.intercom.sandbox.emulator.ConversationNote;
import org.natca.intercom.sandbox.emulator.EmulatedContact;
import org.natca.intercom.sandbox.emulator.SeedContact;
import org.natca.intercom.sandbox.members.MemberRow;
import org.natca.intercom.sandbox.webhook.WebhookNotifications;
import org.natca.intercom.webhook.EventRecord;
import org.natca.intercom.webhook.EventStatus;

/**
 * Enrichment on a member's message, end to end, with the legacy MySQL fallback configured (MariaDB):
 * PostgreSQL first, MySQL when PostgreSQL does not know the email.
 */
class EnrichmentEndToEndTest extends SandboxTest {
  static SandboxMysql mysql;
  WebhookWorld world;

  @BeforeAll
  static void startMysql() {
    mysql = SandboxMysql.start();
  }

  @AfterAll
  static void stopMysql() {
    mysql.close();
  }

  @BeforeEach
  void prepare() {
    mysql.execute("delete from members");
    world = new WebhookWorld(sandbox, postgres);
    world.env().putAll(mysql.environment());
    world.clearInbox();
    world.start();
  }

  @AfterEach
  void stopWorld() {
    world.close();
  }

  /** A member writes in: user.created (or replied) for a new conversation of the contact. */
  EventRecord writesIn(String contactId, String topic) {
    String conversation = sandbox.intercom.addConversation(contactId, "open", Map.of());
    String id = WebhookWorld.newId();
    world.deliverOk(WebhookNotifications.conversationEvent(sandbox.intercom, id, topic, conversation));
    return world.awaitFinished(id);
  }

  @Test
  void userWithoutMemberNumber_getsTheMembersData() {
    sandbox.insert(MemberRow.active(401, "Ann", "Able", "ann@example.org").withPhone("765-465-7031"));
    String user = sandbox.intercom.addContact(SeedContact.user("ANN@example.org", null).withName("ann"));

    EventRecord e = writesIn(user, WebhookNotifications.USER_CREATED);

    assertEquals(EventStatus.DONE, e.status(), e.toString());
    assertTrue(e.outcome().startsWith("done:") && e.outcome().contains("member 401") && e.outcome().contains("postgres"),
        e.outcome());
    EmulatedContact c = sandbox.intercom.contact(user).orElseThrow();
    assertEquals("401", c.externalId());
    assertEquals("401", c.attribute("member_number"));
    assertEquals("Ann Able", c.name());
    assertEquals("+17654657031", c.phone());
    assertEquals("Current Member", c.attribute("member_type"));
    assertEquals(1, sandbox.intercom.contacts().size());
  }

  @Test
  void lead_becomesTheMembersUser() {
    sandbox.insert(MemberRow.active(402, "Bo", "Baker", "bo@example.org"));
    String lead = sandbox.intercom.addContact(SeedContact.lead("bo@example.org"));

    EventRecord e = writesIn(lead, WebhookNotifications.USER_REPLIED);

    assertEquals(EventStatus.DONE, e.status(), e.toString());
    EmulatedContact user = sandbox.intercom.userByExternalId("402").orElseThrow();
    assertEquals("bo@example.org", user.email());
    assertEquals("402", user.attribute("member_number"));
    assertEquals(user.id(), sandbox.intercom.contact(lead).orElseThrow().mergedInto());
    assertEquals(1, sandbox.intercom.contacts().size());
  }

  /** The notes on a conversation, as an agent sees them. */
  List<String> notes(String conversationId) {
    return sandbox.intercom.conversation(conversationId).orElseThrow().notes().stream()
        .map(ConversationNote::body).toList();
  }

  @Test
  void leadMatchedByTheEmailItTyped_isLinked_andTheConversationSaysTheEmailIsUnverified() {
    sandbox.insert(MemberRow.active(420, "Una", "Verified", "una@example.org"));
    String lead = sandbox.intercom.addContact(SeedContact.lead("una@example.org"));
    String conversation = sandbox.intercom.addConversation(lead, "open", Map.of());
    String id = WebhookWorld.newId();

    world.deliverOk(WebhookNotifications.conversationEvent(sandbox.intercom, id, WebhookNotifications.USER_CREATED,
        conversation));
    EventRecord e = world.awaitFinished(id);

    assertEquals(EventStatus.DONE, e.status(), e.toString());
    assertTrue(e.outcome().contains("unverified-email note added to conversation " + conversation), e.outcome());
    EmulatedContact user = sandbox.intercom.userByExternalId("420").orElseThrow();
    assertEquals(user.id(), sandbox.intercom.contact(lead).orElseThrow().mergedInto(), "enrichment still works");
    assertEquals(List.of("<p>Member sync: this lead's email una@example.org is that of member 420 (Una Verified), so"
        + " the contact is linked to that member and shows the member's data. The email was typed in the Messenger and"
        + " is not verified by Intercom: confirm the member number before discussing member business, then tag"
        + " mynatca-sync.</p>"), notes(conversation));
  }

  @Test
  void leadMatchedByEmail_eventRunAgainAfterAFailedAttempt_getsOneNote() {
    sandbox.insert(MemberRow.active(421, "Ole", "Once", "ole@example.org"));
    String lead = sandbox.intercom.addContact(SeedContact.lead("ole@example.org"));
    String conversation = sandbox.intercom.addConversation(lead, "open", Map.of());
    // the note is written, then the member's contacts cannot be searched (every retry too): the attempt fails
    sandbox.intercom.failMatching("POST", "/contacts/search", 6, 503);
    String id = WebhookWorld.newId();

    world.deliverOk(WebhookNotifications.conversationEvent(sandbox.intercom, id, WebhookNotifications.USER_REPLIED,
        conversation));
    EventRecord e = world.awaitFinished(id);

    assertEquals(EventStatus.DONE, e.status(), e.toString());
    assertEquals(2, e.attempts(), e.toString());
    assertTrue(e.outcome().contains("note was already on conversation " + conversation), e.outcome());
    assertEquals(1, notes(conversation).size(), notes(conversation).toString());
    assertTrue(sandbox.intercom.userByExternalId("421").isPresent());
  }

  @Test
  void userMatchedByEmail_getsNoNote() {
    sandbox.insert(MemberRow.active(422, "Uma", "User", "uma@example.org"));
    String user = sandbox.intercom.addContact(SeedContact.user("uma@example.org", null));
    String conversation = sandbox.intercom.addConversation(user, "open", Map.of());
    String id = WebhookWorld.newId();

    world.deliverOk(WebhookNotifications.conversationEvent(sandbox.intercom, id, WebhookNotifications.USER_CREATED,
        conversation));

    assertEquals(EventStatus.DONE, world.awaitFinished(id).status());
    assertEquals(List.of(), notes(conversation));
  }

  @Test
  void alreadyEnriched_isLeftAlone_withOneRead() {
    sandbox.insert(MemberRow.active(403, "Cy", "Cole", "cy@example.org"));
    String user = sandbox.intercom.addContact(SeedContact.user("cy@example.org", "403").withAttribute("member_number", "403"));
    sandbox.intercom.clearLog();

    EventRecord e = writesIn(user, WebhookNotifications.USER_REPLIED);

    assertEquals("ignored: contact " + user + " already has member_number 403", e.outcome());
    assertEquals(1, sandbox.intercom.requests().size(), sandbox.intercom.requests().toString());
    assertEquals(0, sandbox.intercom.writeCount());
  }

  @Test
  void unknownEmail_writesNothing() {
    sandbox.insert(MemberRow.active(404, "Di", "Dent", "di@example.org"),
        MemberRow.active(405, "Ex", "Member", "ex@example.org").withStatus("Terminated"));
    String stranger = sandbox.intercom.addContact(SeedContact.lead("stranger@example.com"));
    String former = sandbox.intercom.addContact(SeedContact.lead("ex@example.org"));
    sandbox.intercom.clearLog();

    EventRecord e1 = writesIn(stranger, WebhookNotifications.USER_CREATED);
    EventRecord e2 = writesIn(former, WebhookNotifications.USER_CREATED);

    assertTrue(e1.outcome().startsWith("ignored:") && e1.outcome().contains("no Active or Retired member"), e1.outcome());
    assertTrue(e2.outcome().startsWith("ignored:"), e2.outcome());
    assertEquals(0, sandbox.intercom.writeCount());
  }

  @Test
  void contactWithoutEmail_orConversationWithoutContact_isIgnored() {
    String anonymous = sandbox.intercom.addContact(SeedContact.lead(null));

    EventRecord noEmail = writesIn(anonymous, WebhookNotifications.USER_CREATED);
    EventRecord noContact = writesIn(null, WebhookNotifications.USER_CREATED);

    assertTrue(noEmail.outcome().contains("has no email"), noEmail.outcome());
    assertEquals("ignored: the conversation has no contact", noContact.outcome());
    assertEquals(0, sandbox.intercom.writeCount());
  }

  @Test
  void membersSharingTheEmail_areNotGuessedBetween() {
    sandbox.insert(MemberRow.active(406, "Fa", "Mily", "family@example.org"),
        MemberRow.active(407, "Fam", "Ily", "Family@example.org"));
    String lead = sandbox.intercom.addContact(SeedContact.lead("family@example.org"));

    EventRecord e = writesIn(lead, WebhookNotifications.USER_CREATED);

    assertTrue(e.outcome().contains("members [406, 407] share this email"), e.outcome());
    assertEquals(0, sandbox.intercom.writeCount());
  }

  @Test
  void emailOnlyTheLegacyDatabaseKnows_findsTheMember_andWritesTheMemberDatabasesRecord() {
    sandbox.insert(MemberRow.active(408, "Gil", "Grant", "gil.current@example.org"));
    mysql.execute("insert into members values (408, 'Gil', 'Grant', 'Gil.Old@Example.com', null, 'Active', 6)");
    String lead = sandbox.intercom.addContact(SeedContact.lead("gil.old@example.com"));

    EventRecord e = writesIn(lead, WebhookNotifications.USER_CREATED);

    assertEquals(EventStatus.DONE, e.status(), e.toString());
    assertTrue(e.outcome().contains("mysql"), e.outcome());
    EmulatedContact user = sandbox.intercom.userByExternalId("408").orElseThrow();
    assertEquals("gil.current@example.org", user.email(), "the member database's email");
    assertFalse(user.attribute("region").isEmpty(), "region from the member database");
    assertEquals(user.id(), sandbox.intercom.contact(lead).orElseThrow().mergedInto());
  }

  @Test
  void legacyHitForAMemberNoLongerActive_isNotEnriched() {
    sandbox.insert(MemberRow.active(409, "Hal", "Hope", "hal.new@example.org").withStatus("Suspended"));
    mysql.execute("insert into members values (409, 'Hal', 'Hope', 'hal@example.com', null, 'Active', 6)");
    String user = sandbox.intercom.addContact(SeedContact.user("hal@example.com", null));

    EventRecord e = writesIn(user, WebhookNotifications.USER_CREATED);

    assertTrue(e.outcome().contains("who is Suspended in the member database"), e.outcome());
    assertNull(sandbox.intercom.contact(user).orElseThrow().externalId());
  }

  @Test
  void memberKnownOnlyToTheLegacyDatabase_isNotWritten_andTheEventSaysWhy() {
    mysql.execute("insert into members values (410, 'Ida', 'Ives', 'ida@example.com', null, 'Retired', 10)");
    String user = sandbox.intercom.addContact(SeedContact.user("ida@example.com", null));
    sandbox.intercom.clearLog();

    EventRecord e = writesIn(user, WebhookNotifications.USER_CREATED);

    assertEquals(EventStatus.DONE, e.status(), e.toString());
    assertEquals("ignored: contact " + user + " (ida@example.com): the legacy MySQL database has this email for member"
        + " 410, whom the member database does not know; not written to Intercom (the member database is the source"
        + " of members' data)", e.outcome());
    assertEquals(0, sandbox.intercom.writeCount(), sandbox.intercom.requests().toString());
    EmulatedContact c = sandbox.intercom.contact(user).orElseThrow();
    assertNull(c.externalId());
    assertNull(c.attribute("member_number"));
  }

  @Test
  void lookup_memberKnownOnlyToTheLegacyDatabase_reportsWhatItKnows_fromMysql() {
    mysql.execute("insert into members values (412, 'Kim', 'Kay', 'kim@example.com', null, 'Active', 6)");

    WebhookWorld.Response r = world.get(WebhookServer.LOOKUP_PATH + "?email=kim@example.com",
        "Authorization", "Bearer " + WebhookWorld.LOOKUP_TOKEN);

    assertEquals(200, r.status(), r.body());
    assertEquals("412", r.json().get("member_number").asText());
    assertEquals("Kim Kay", r.json().get("name").asText());
    assertEquals("mysql", r.json().get("source").asText());
  }

  @Test
  void lookup_fallsBackToMysql_andSaysSo() {
    sandbox.insert(MemberRow.active(411, "Jo", "Jay", "jo.current@example.org"));
    mysql.execute("insert into members values (411, 'Jo', 'Jay', 'jo.old@example.com', null, 'Active', 6)");

    WebhookWorld.Response r = world.get(WebhookServer.LOOKUP_PATH + "?email=jo.old@example.com",
        "Authorization", "Bearer " + WebhookWorld.LOOKUP_TOKEN);

    assertEquals(200, r.status(), r.body());
    JsonNode m = r.json();
    assertEquals("411", m.get("member_number").asText());
    assertEquals("mysql", m.get("source").asText());
    assertFalse(m.get("facility").asText().isEmpty(), "the member database's record is used");
  }
}
