package org.natca.intercom.sandbox.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Contact tags as the 2.14 description shows them: attach, detach, the contact's list, search by tag_id. */
class ContactTagsApiTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-10T12:00:00Z"));
  private IntercomEmulator emulator;
  private Http http;
  private String alice;
  private String bob;

  @BeforeEach
  void start() {
    emulator = IntercomEmulator.start(EmulatorOptions.builder().clock(clock).build());
    http = new Http(emulator);
    alice = emulator.addContact(SeedContact.user("alice@example.org", "1001"));
    bob = emulator.addContact(SeedContact.user("bob@example.org", "1002"));
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  String createTag(String name) {
    Http.Response r = http.post("/tags", Map.of("name", name));
    assertEquals(200, r.status(), r.body().toString());
    assertEquals("tag", r.body().get("type").asText());
    assertEquals(name, r.body().get("name").asText());
    return r.body().get("id").asText();
  }

  List<String> search(Object query, int perPage) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      Map<String, Object> pagination = cursor == null ? Map.of("per_page", perPage) : Map.of("per_page", perPage, "starting_after", cursor);
      Http.Response r = http.post("/contacts/search", Map.of("query", query, "pagination", pagination));
      assertEquals(200, r.status(), r.body().toString());
      r.body().get("data").forEach(c -> ids.add(c.get("id").asText()));
      cursor = r.body().at("/pages/next/starting_after").asText(null);
    } while (cursor != null);
    return ids;
  }

  @Test
  void createTag_sameNameInAnotherCase_answersTheSameTag_andListShowsIt() {
    String id = createTag("Facility Reps");

    Http.Response again = http.post("/tags", Map.of("name", "facility reps"));

    assertEquals(id, again.body().get("id").asText());
    JsonNode list = http.get("/tags").body();
    assertEquals(1, list.get("data").size());
    assertEquals("Facility Reps", list.at("/data/0/name").asText());
  }

  @Test
  void attach_thenContactShowsTheTag_andSearchByTagIdFindsIt() {
    String tag = createTag("NEB");

    Http.Response r = http.post("/contacts/" + alice + "/tags", Map.of("id", tag));

    assertEquals(200, r.status(), r.body().toString());
    assertEquals(tag, r.body().get("id").asText());
    assertEquals("NEB", r.body().get("name").asText());
    assertTrue(r.body().has("applied_at"));
    JsonNode tags = http.get("/contacts/" + alice).body().get("tags");
    assertEquals("list", tags.get("type").asText());
    assertEquals(1, tags.get("total_count").asInt());
    assertEquals(tag, tags.at("/data/0/id").asText());
    assertEquals("tag", tags.at("/data/0/type").asText());
    assertEquals("/tags/" + tag, tags.at("/data/0/url").asText());
    assertFalse(tags.at("/data/0").has("name"), "a contact's tag list carries no names");
    assertEquals(List.of(alice), search(Map.of("field", "tag_id", "operator", "=", "value", tag), 150));
    assertEquals(List.of(bob), search(Map.of("field", "tag_id", "operator", "!=", "value", tag), 150));
    assertEquals("NEB", http.get("/contacts/" + alice + "/tags").body().at("/data/0/name").asText());
    assertEquals(List.of(tag), emulator.contactTagIds(alice));
  }

  @Test
  void attachTwice_keepsOneTag_detachRemovesIt_detachAgainStillAnswers200() {
    String tag = createTag("Retired");
    http.post("/contacts/" + bob + "/tags", Map.of("id", Long.parseLong(tag)));
    http.post("/contacts/" + bob + "/tags", Map.of("id", tag));
    assertEquals(List.of(tag), emulator.contactTagIds(bob), "numbers and strings name the same tag");
    emulator.expectViolations(1, "[Path '/id'] Instance type (integer)"); // tolerated, but the description says string

    Http.Response removed = http.delete("/contacts/" + bob + "/tags/" + tag, null);

    assertEquals(200, removed.status(), removed.body().toString());
    assertEquals(tag, removed.body().get("id").asText());
    assertEquals(List.of(), emulator.contactTagIds(bob));
    assertEquals(List.of(), search(Map.of("field", "tag_id", "operator", "=", "value", tag), 150));
    assertEquals(200, http.delete("/contacts/" + bob + "/tags/" + tag, null).status());
  }

  @Test
  void attach_unknownContactOrTag_is404AsTheSpecShows() {
    String tag = createTag("NEB");

    Http.Response noContact = http.post("/contacts/0000000000000000000000ff/tags", Map.of("id", tag));
    Http.Response noTag = http.post("/contacts/" + alice + "/tags", Map.of("id", "999"));
    Http.Response noId = http.post("/contacts/" + alice + "/tags", Map.of());

    assertEquals(404, noContact.status());
    assertEquals("User Not Found", noContact.errorMessage());
    assertEquals(404, noTag.status());
    assertEquals("Resource Not Found", noTag.errorMessage());
    assertEquals(400, noId.status());
    emulator.expectViolations(1, "missing required properties ([\"id\"])"); // on purpose
    assertEquals(404, http.delete("/contacts/" + alice + "/tags/999", null).status());
  }

  @Test
  void archivedContact_cannotBeTagged_andKeepsItsTagsForWhenItIsBack() {
    String tag = createTag("NEB");
    http.post("/contacts/" + alice + "/tags", Map.of("id", tag));
    emulator.archive(alice);

    assertEquals(404, http.post("/contacts/" + alice + "/tags", Map.of("id", tag)).status());
    assertEquals(List.of(), search(Map.of("field", "tag_id", "operator", "=", "value", tag), 150));

    emulator.unarchive(alice);
    assertEquals(List.of(alice), search(Map.of("field", "tag_id", "operator", "=", "value", tag), 150));
  }

  @ParameterizedTest
  @ValueSource(strings = {"IN", "NIN", "~", ">"})
  void searchByTagId_otherOperators_areRefused(String operator) {
    String tag = createTag("NEB");
    Object value = operator.endsWith("IN") ? List.of(tag) : tag;

    Http.Response r = http.post("/contacts/search",
        Map.of("query", Map.of("field", "tag_id", "operator", operator, "value", value)));

    assertEquals(400, r.status(), r.body().toString());
  }

  @Test
  void searchByTagId_pagesThrough150AtATime() {
    String tag = createTag("All");
    List<String> tagged = new ArrayList<>();
    for (int i = 0; i < 320; i++) {
      String id = emulator.addContact(SeedContact.user("bulk" + i + "@example.org", "b" + i));
      emulator.tagContact(id, tag);
      tagged.add(id);
    }

    assertEquals(tagged, search(Map.of("field", "tag_id", "operator", "=", "value", tag), 150));
    assertEquals(3, emulator.requests().stream().filter(r -> r.path().equals("/contacts/search")).count());
  }

  @Test
  void contactJson_showsAtMostTenTags_withHasMore() {
    for (int i = 0; i < 12; i++) {
      emulator.tagContact(alice, emulator.addTag("t" + i));
    }

    JsonNode tags = http.get("/contacts/" + alice).body().get("tags");

    assertEquals(10, tags.get("data").size());
    assertEquals(12, tags.get("total_count").asInt());
    assertTrue(tags.get("has_more").asBoolean());
  }

  @Test
  void newContact_withSearchLag_isNotFoundByTagUntilTheLagPasses() {
    emulator.close();
    emulator = IntercomEmulator.start(EmulatorOptions.builder().clock(clock).searchLag(Duration.ofMinutes(2)).build());
    http = new Http(emulator);
    String tag = createTag("NEB");
    String id = http.post("/contacts", Map.of("role", "user", "email", "new@example.org", "external_id", "7")).body().get("id").asText();
    http.post("/contacts/" + id + "/tags", Map.of("id", tag));

    assertEquals(List.of(), search(Map.of("field", "tag_id", "operator", "=", "value", tag), 150));
    clock.advance(Duration.ofMinutes(3));
    assertEquals(List.of(id), search(Map.of("field", "tag_id", "operator", "=", "value", tag), 150));
  }
}
