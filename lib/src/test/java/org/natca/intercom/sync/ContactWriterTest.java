package org.natca.intercom.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.client.Json;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.sandbox.emulator.EmulatedContact;
import org.natca.intercom.sandbox.emulator.EmulatorOptions;
import org.natca.intercom.sandbox.emulator.IntercomEmulator;
import org.natca.intercom.sandbox.emulator.SeedContact;

/** Every recovery of {@link ContactWriter}, against the emulator over real HTTP. */
class ContactWriterTest {
  static final ContactDraft DRAFT = new ContactDraft("user", "jane@example.org", "101", "Jane Doe", "+17654657031",
      Map.of("member_number", "101"));

  IntercomEmulator intercom;
  IntercomClient client;
  ContactWriter writer;

  @BeforeEach
  void start() {
    intercom = IntercomEmulator.start(EmulatorOptions.builder().predefineContractAttributes(true).build());
    client = IntercomClient.builder().baseUrl(intercom.baseUrl()).accessToken(intercom.token()).maxRequestsPerMinute(10_000).build();
    writer = new ContactWriter(client);
  }

  @AfterEach
  void stop() {
    client.close();
    intercom.close();
  }

  @Test
  void create_noContact_creates() {
    WriteOutcome o = writer.create(DRAFT);
    WriteOutcome.Created created = assertInstanceOf(WriteOutcome.Created.class, o);
    EmulatedContact c = intercom.contact(created.contact().id()).orElseThrow();
    assertEquals("101", c.externalId());
    assertEquals("+17654657031", c.phone());
  }

  @Test
  void create_on409Live_updatesTheExistingContact() {
    String id = intercom.addContact(SeedContact.user("JANE@example.org", null).withName("Old"));
    WriteOutcome.Updated u = assertInstanceOf(WriteOutcome.Updated.class, writer.create(DRAFT));
    assertEquals(id, u.contact().id());
    assertFalse(u.unarchived());
    assertEquals("Jane Doe", intercom.contact(id).orElseThrow().name());
    assertEquals(1, intercom.contacts().size());
  }

  @Test
  void create_on409Archived_unarchivesThenUpdates() {
    String id = intercom.addContact(SeedContact.user("jane@example.org", "101"));
    intercom.archive(id);
    WriteOutcome.Updated u = assertInstanceOf(WriteOutcome.Updated.class, writer.create(DRAFT));
    assertTrue(u.unarchived());
    assertTrue(intercom.contact(id).orElseThrow().isLive());
    assertEquals("Jane Doe", intercom.contact(id).orElseThrow().name());
  }

  @Test
  void create_blockedPerson_isBlocked_notRetried() {
    String id = intercom.addContact(SeedContact.user("jane@example.org", "101"));
    intercom.block(id);
    WriteOutcome.Blocked b = assertInstanceOf(WriteOutcome.Blocked.class, writer.create(DRAFT));
    assertEquals(id, b.contactId());
    assertTrue(b.adminAction().contains("unblock"));
    intercom.clearLog();
    writer.create(DRAFT);
    assertEquals(2, intercom.requests().size(), "create, then unarchive, once each: " + intercom.requests());
  }

  @Test
  void create_on409ForAnotherMembersArchivedContact_isAConflict_andLeavesItArchived() {
    String id = intercom.addContact(SeedContact.user("jane@example.org", "999"));
    intercom.archive(id);
    WriteOutcome.Conflict c = assertInstanceOf(WriteOutcome.Conflict.class, writer.create(DRAFT));
    assertEquals(id, c.contactId());
    assertTrue(c.reason().contains("member 999"), c.reason());
    EmulatedContact after = intercom.contact(id).orElseThrow();
    assertFalse(after.isLive(), "re-archived");
    assertEquals("999", after.externalId());
  }

  @Test
  void update_archivedContact_unarchivesThenUpdates() {
    String id = intercom.addContact(SeedContact.user("jane@example.org", "101"));
    intercom.archive(id);
    WriteOutcome.Updated u = assertInstanceOf(WriteOutcome.Updated.class, writer.update(id, DRAFT));
    assertTrue(u.unarchived());
    assertEquals("Jane Doe", intercom.contact(id).orElseThrow().name());
  }

  @Test
  void update_mergedAwayContact_createsTheMemberAnew() {
    String lead = intercom.addContact(SeedContact.lead("someone@example.org"));
    String user = intercom.addContact(SeedContact.user("someone.else@example.org", null));
    client.mergeContacts(lead, user);
    ContactDraft nameOnly = new ContactDraft(null, null, null, "Jane Doe", null, Map.of());
    WriteOutcome.Created c = assertInstanceOf(WriteOutcome.Created.class, writer.update(lead, nameOnly, DRAFT));
    EmulatedContact created = intercom.contact(c.contact().id()).orElseThrow();
    assertEquals("101", created.externalId(), "re-created from the whole payload, not the partial update");
    assertEquals("jane@example.org", created.email());
  }

  @Test
  void update_blockedContact_isBlocked() {
    String id = intercom.addContact(SeedContact.user("jane@example.org", "101"));
    intercom.block(id);
    assertInstanceOf(WriteOutcome.Blocked.class, writer.update(id, DRAFT));
  }

  @Test
  void create_phoneRefusedByIntercom_writesWithoutThePhone() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(Json.error(400, "parameter_invalid", "phone is invalid"));
      server.enqueue(Json.ok("{'type':'contact','id':'c1','role':'user','email':'jane@example.org'}"));
      try (IntercomClient c = IntercomClient.builder().baseUrl(server.url("/").toString()).accessToken("t").build()) {
        WriteOutcome.Created created = assertInstanceOf(WriteOutcome.Created.class, new ContactWriter(c).create(DRAFT));
        assertTrue(created.phoneDropped());
        assertEquals("+17654657031", Json.body(server.takeRequest()).get("phone").asText());
        assertNull(Json.body(server.takeRequest()).get("phone"), "the second attempt has no phone");
      }
    }
  }
}
