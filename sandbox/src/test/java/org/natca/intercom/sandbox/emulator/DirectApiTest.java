package org.natca.intercom.sandbox.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seeding and inspecting state without HTTP. */
class DirectApiTest {
  private IntercomEmulator emulator;

  @BeforeEach
  void start() {
    emulator = IntercomEmulator.start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void seededContacts_keepEverythingGiven_evenDuplicatesTheApiWouldRefuse() {
    Instant created = Instant.parse("2024-05-01T10:00:00Z");
    String a = emulator.addContact(SeedContact.user("Dup@example.com", "1").withName("A").withPhone("765-465-7031")
        .withAttributes(Map.of("member_number", "1")).withCreatedAt(created));
    String b = emulator.addContact(SeedContact.user("dup@EXAMPLE.com", "2"));

    EmulatedContact stored = emulator.contact(a).orElseThrow();
    assertEquals("765-465-7031", stored.phone());
    assertEquals("1", stored.attribute("member_number"));
    assertEquals(created, stored.createdAt());
    assertEquals(List.of(a, b), emulator.contactsWithEmail("DUP@example.com").stream().map(EmulatedContact::id).toList());
    assertEquals(b, emulator.userByExternalId("2").orElseThrow().id());
  }

  @Test
  void contacts_listsLiveOnes_allContactsListsEveryState() {
    String live = emulator.addContact(SeedContact.user("a@example.com", "1"));
    String archived = emulator.addContact(SeedContact.user("b@example.com", "2"));
    String blocked = emulator.addContact(SeedContact.lead("c@example.com"));
    emulator.archive(archived);
    emulator.block(blocked);

    assertEquals(List.of(live), emulator.contacts().stream().map(EmulatedContact::id).toList());
    assertEquals(3, emulator.allContacts().size());
    assertEquals(ContactState.BLOCKED, emulator.contact(blocked).orElseThrow().state());
    emulator.unarchive(archived);
    assertEquals(2, emulator.contacts().size());
  }

  @Test
  void badSeeds_failFast() {
    assertThrows(IllegalArgumentException.class, () -> emulator.archive("nope"));
    assertThrows(IllegalArgumentException.class, () -> emulator.defineAttribute("x", "mithril"));
    assertThrows(IllegalArgumentException.class, () -> new SeedContact("visitor", null, null, null, null, null, null));
    assertThrows(IllegalArgumentException.class, () -> emulator.addConversation("nope", "open", Map.of()));
    String contact = emulator.addContact(SeedContact.lead(null));
    assertThrows(IllegalArgumentException.class, () -> emulator.addConversation(contact, "pending", Map.of()));
    emulator.defineAttribute("member_number");
    assertThrows(IllegalArgumentException.class, () -> emulator.defineAttribute("member_number"));
  }

  @Test
  void defineContractAttributes_isIdempotent() {
    emulator.defineAttribute("region");
    emulator.defineContractAttributes();
    emulator.defineContractAttributes();

    assertEquals(5, emulator.attributes().stream().filter(EmulatedAttribute::custom).count());
    assertTrue(emulator.hasAttribute("positions"));
  }

  @Test
  void tags_byNameAreReused() {
    String first = emulator.addTag("mynatca-sync");

    assertEquals(first, emulator.addTag("mynatca-sync"));
    assertEquals(List.of(new EmulatedTag(first, "mynatca-sync")), emulator.tags());
  }
}
