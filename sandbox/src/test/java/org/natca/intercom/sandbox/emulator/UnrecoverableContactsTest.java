package org.natca.intercom.sandbox.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contacts Intercom will not give back, and the API 2.16 answers, as real integrations report them. */
class UnrecoverableContactsTest {
  private IntercomEmulator emulator;
  private Http http;

  @BeforeEach
  void start() {
    emulator = IntercomEmulator.start();
    http = new Http(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void userMergedAway_stillHoldsItsEmail_andCannotBeUnarchived() {
    String canonical = emulator.addContact(SeedContact.user("other@example.org", "2"));
    String merged = emulator.addContact(SeedContact.user("ann@example.org", "1"));
    emulator.mergeAway(merged, canonical);

    Http.Response create = http.post("/contacts", Map.of("role", "user", "email", "ann@example.org"));
    Http.Response unarchive = http.post("/contacts/" + merged + "/unarchive", null);

    assertEquals(409, create.status());
    assertEquals("An archived contact matching those details already exists with id=" + merged, create.errorMessage());
    assertEquals(400, unarchive.status());
    assertEquals("bad_request", unarchive.errorCode());
    assertEquals("User has been merged and is not restorable.", unarchive.errorMessage());
    assertEquals(404, http.get("/contacts/" + merged).status());
  }

  @Test
  void permanentlyDeleted_stillNamedByTheConflict_andUnarchiveAnswers500EveryTime() {
    String deleted = emulator.addContact(SeedContact.user("bob@example.org", "3"));
    emulator.deletePermanently(deleted);

    Http.Response create = http.post("/contacts", Map.of("role", "user", "external_id", "3"));

    assertEquals(409, create.status());
    assertTrue(create.errorMessage().endsWith("id=" + deleted), create.errorMessage());
    for (int i = 0; i < 3; i++) {
      Http.Response unarchive = http.post("/contacts/" + deleted + "/unarchive", null);
      assertEquals(500, unarchive.status());
      assertEquals("Server Error", unarchive.errorMessage());
    }
    assertEquals(404, http.get("/contacts/" + deleted).status());
    assertEquals(404, http.put("/contacts/" + deleted, Map.of("name", "Bob")).status());
  }

  @Test
  void version216_getOfAMergedContact_answers410WithALinkToTheCanonicalOne() {
    String user = emulator.addContact(SeedContact.user("cy@example.org", "4"));
    String lead = emulator.addContact(SeedContact.lead("cy@example.org"));
    assertEquals(200, http.post("/contacts/merge", Map.of("from", lead, "into", user)).status());

    Http.Response v214 = http.get("/contacts/" + lead);
    Http.Response v216 = http.version("2.16").get("/contacts/" + lead);

    assertEquals(404, v214.status());
    assertEquals(410, v216.status());
    assertEquals("contact_merged", v216.errorCode());
    assertEquals("</contacts/" + user + ">; rel=\"canonical\"", v216.header("Link"));
  }

  @Test
  void version216_mergeNeedsASharedEmailOrPhone_unlessValidationIsSkipped() {
    String user = emulator.addContact(SeedContact.user("dee@example.org", "5"));
    String stranger = emulator.addContact(SeedContact.lead("someone@example.net"));
    String other = emulator.addContact(SeedContact.lead("else@example.net"));

    Http.Response refused = http.version("2.16").post("/contacts/merge", Map.of("from", stranger, "into", user));
    Http.Response skipped = http.version("2.16").post("/contacts/merge",
        Map.of("from", stranger, "into", user, "skip_duplicate_validation", true));
    Http.Response v214 = http.post("/contacts/merge", Map.of("from", other, "into", user));

    assertEquals(400, refused.status());
    assertEquals("invalid_merge", refused.errorCode());
    assertEquals(200, skipped.status());
    assertEquals(200, v214.status());
  }
}
