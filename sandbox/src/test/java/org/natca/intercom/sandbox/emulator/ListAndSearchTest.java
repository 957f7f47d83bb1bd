package org.natca.intercom.sandbox.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListAndSearchTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-10T12:00:00Z"));
  private IntercomEmulator emulator;
  private Http http;

  @BeforeEach
  void start() {
    emulator = IntercomEmulator.start(EmulatorOptions.builder().clock(clock).predefineContractAttributes(true).build());
    http = new Http(emulator);
    emulator.addContact(SeedContact.user("Alice.Smith@Example.com", "1001").withName("Alice Smith").withPhone("+17654657031")
        .withAttribute("region", "NEA").withAttribute("facility", "ZBW").withCreatedAt(Instant.parse("2026-03-01T08:00:00Z")));
    emulator.addContact(SeedContact.user("bob@example.org", "1002").withName("Bob Jones")
        .withAttribute("region", "NER").withCreatedAt(Instant.parse("2026-03-05T08:00:00Z")));
    emulator.addContact(SeedContact.user("carol@example.com", "1003").withName("Carol Smith")
        .withAttribute("region", "NEA").withCreatedAt(Instant.parse("2026-03-09T23:59:00Z")));
    emulator.addContact(SeedContact.lead("visitor@example.com").withCreatedAt(Instant.parse("2026-03-09T10:00:00Z")));
    String archived = emulator.addContact(SeedContact.user("gone@example.com", "1004").withAttribute("region", "NEA"));
    emulator.archive(archived);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void list_pagesThroughLiveContacts_withCursorOnlyWhenMore() {
    for (int i = 0; i < 20; i++) {
      emulator.addContact(SeedContact.user("bulk" + i + "@example.com", "b" + i));
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Http.Response r = http.get("/contacts?per_page=7" + (cursor == null ? "" : "&starting_after=" + cursor));
      assertEquals(200, r.status());
      assertEquals("list", r.body().get("type").asText());
      assertEquals(24, r.body().get("total_count").asInt());
      assertEquals("pages", r.body().at("/pages/type").asText());
      assertEquals(7, r.body().at("/pages/per_page").asInt());
      assertEquals(4, r.body().at("/pages/total_pages").asInt());
      r.body().get("data").forEach(c -> seen.add(c.get("id").asText()));
      JsonNode next = r.body().at("/pages/next/starting_after");
      cursor = next.isMissingNode() ? null : next.asText();
      pages++;
    } while (cursor != null);

    assertEquals(4, pages);
    assertEquals(24, seen.size());
    assertEquals(24, new HashSet<>(seen).size());
    assertEquals(emulator.contacts().stream().map(EmulatedContact::id).toList(), seen);
  }

  @Test
  void list_defaultsToFiftyAndRefusesMoreThan150() {
    for (int i = 0; i < 60; i++) {
      emulator.addContact(SeedContact.user("bulk" + i + "@example.com", "b" + i));
    }
    assertEquals(50, http.get("/contacts").body().get("data").size()); // the description's default
    assertEquals(64, http.get("/contacts?per_page=150").body().get("data").size());
    assertFalse(http.get("/contacts?per_page=150").body().at("/pages/next").isObject());
    assertEquals(400, http.get("/contacts?per_page=151").status());
    assertEquals(400, http.get("/contacts?starting_after=garbage").status());
  }

  private Set<String> searchEmails(Object query) {
    Http.Response r = http.post("/contacts/search", Map.of("query", query, "pagination", Map.of("per_page", 150)));
    assertEquals(200, r.status(), r.body().toString());
    Set<String> emails = new HashSet<>();
    r.body().get("data").forEach(c -> emails.add(c.get("email").asText()));
    assertEquals(emails.size(), r.body().get("total_count").asInt());
    return emails;
  }

  private static Map<String, Object> filter(String field, String operator, Object value) {
    java.util.HashMap<String, Object> m = new java.util.HashMap<>();
    m.put("field", field);
    m.put("operator", operator);
    m.put("value", value);
    return m;
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "email | = | alice.smith@example.COM | Alice.Smith@Example.com",
      "email | != | bob@example.org | Alice.Smith@Example.com,carol@example.com,visitor@example.com",
      "email | ~ | SMITH | Alice.Smith@Example.com",
      "email | ^ | car | carol@example.com",
      "email | $ | .org | bob@example.org",
      "email | !~ | example.com | bob@example.org",
      "external_id | = | 1002 | bob@example.org",
      "role | = | lead | visitor@example.com",
      "name | ~ | smith | Alice.Smith@Example.com,carol@example.com",
      "phone | = | +17654657031 | Alice.Smith@Example.com",
      "custom_attributes.region | = | NEA | Alice.Smith@Example.com,carol@example.com",
      "custom_attributes.facility | = | ZBW | Alice.Smith@Example.com",
      "created_at | > | 1772697600 | carol@example.com,visitor@example.com",
      "created_at | < | 1772697600 | Alice.Smith@Example.com",
      "created_at | = | 1772697600 | bob@example.org",
  })
  void search_operators(String field, String operator, String value, String expected) {
    assertEquals(Set.of(expected.split(",")), searchEmails(filter(field, operator, value)));
  }

  @Test
  void search_inAndNin_takeArrays() {
    assertEquals(Set.of("bob@example.org", "carol@example.com"),
        searchEmails(filter("external_id", "IN", List.of("1002", "1003", "9999"))));
    assertEquals(Set.of("Alice.Smith@Example.com", "visitor@example.com"),
        searchEmails(filter("external_id", "NIN", List.of("1002", "1003"))));
    assertEquals(Set.of("bob@example.org"), searchEmails(filter("email", "IN", List.of("BOB@example.org"))));
  }

  @Test
  void search_groupsNestTwoLevels() {
    // a group holds only filters or only groups (the description's oneOf)
    Object query = Map.of("operator", "AND", "value", List.of(
        Map.of("operator", "AND", "value", List.of(filter("role", "=", "user"))),
        Map.of("operator", "OR", "value", List.of(
            filter("custom_attributes.region", "=", "NER"),
            filter("name", "^", "Carol")))));

    assertEquals(Set.of("bob@example.org", "carol@example.com"), searchEmails(query));
  }

  @Test
  void search_threeLevels_orSixteenFilters_answers400() {
    Object deep = Map.of("operator", "AND", "value", List.of(
        Map.of("operator", "OR", "value", List.of(
            Map.of("operator", "AND", "value", List.of(filter("role", "=", "user")))))));
    List<Object> many = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      many.add(filter("external_id", "=", "x" + i));
    }

    assertEquals(400, http.post("/contacts/search", Map.of("query", deep)).status());
    assertEquals(400, http.post("/contacts/search", Map.of("query", Map.of("operator", "OR", "value", many))).status());
    assertEquals(200, http.post("/contacts/search", Map.of("query", Map.of("operator", "OR", "value", many.subList(0, 15)))).status());
  }

  @Test
  void search_badQueries_answer400() {
    assertEquals(400, http.post("/contacts/search", Map.of("query", filter("shoe_size", "=", "9"))).status());
    assertEquals(400, http.post("/contacts/search", Map.of("query", filter("custom_attributes.shoe_size", "=", "9"))).status());
    assertEquals(400, http.post("/contacts/search", Map.of("query", filter("email", "LIKE", "x"))).status());
    assertEquals(400, http.post("/contacts/search", Map.of("query", filter("email", "IN", "x"))).status());
    assertEquals(400, http.post("/contacts/search", Map.of("query", filter("email", ">", "x"))).status());
    assertEquals(400, http.post("/contacts/search", Map.of("pagination", Map.of("per_page", 5))).status());
    // the description itself refuses the wrong operators and the missing query; the unknown fields only Intercom does
    emulator.expectViolations(2, "validation.request.body.schema");
  }

  @Test
  void search_neverShowsArchivedContacts() {
    assertEquals(Set.of("Alice.Smith@Example.com", "carol@example.com"), searchEmails(filter("custom_attributes.region", "=", "NEA")));
    assertTrue(searchEmails(filter("email", "=", "gone@example.com")).isEmpty());
  }

  @Test
  void search_paginatesInTheBody() {
    for (int i = 0; i < 12; i++) {
      emulator.addContact(SeedContact.user("p" + i + "@example.net", "p" + i));
    }
    Object query = filter("email", "$", "@example.net");
    Http.Response first = http.post("/contacts/search", Map.of("query", query, "pagination", Map.of("per_page", 5)));
    assertEquals(12, first.body().get("total_count").asInt());
    assertEquals(5, first.body().get("data").size());
    String cursor = first.body().at("/pages/next/starting_after").asText();

    Set<String> all = new HashSet<>();
    first.body().get("data").forEach(c -> all.add(c.get("id").asText()));
    Http.Response r = first;
    while (r.body().at("/pages/next/starting_after").isTextual()) {
      r = http.post("/contacts/search", Map.of("query", query,
          "pagination", Map.of("per_page", 5, "starting_after", r.body().at("/pages/next/starting_after").asText())));
      r.body().get("data").forEach(c -> all.add(c.get("id").asText()));
    }
    assertFalse(cursor.isEmpty());
    assertEquals(12, all.size());
    assertEquals(3, r.body().at("/pages/page").asInt());
  }

  @Test
  void search_lag_hidesNewContactsAndShowsOldValuesUntilItPasses() {
    try (IntercomEmulator lagging = IntercomEmulator.start(EmulatorOptions.builder().clock(clock)
        .searchLag(Duration.ofMinutes(2)).predefineContractAttributes(true).build())) {
      Http client = new Http(lagging);
      String id = client.post("/contacts", Map.of("email", "new@example.com", "external_id", "1",
          "custom_attributes", Map.of("facility", "ZNY"))).body().get("id").asText();
      Object byEmail = Map.of("query", filter("email", "=", "new@example.com"));

      assertEquals(0, client.post("/contacts/search", byEmail).body().get("total_count").asInt());
      assertEquals(200, client.get("/contacts/" + id).status(), "get is immediate");

      clock.advance(Duration.ofMinutes(2));
      assertEquals(1, client.post("/contacts/search", byEmail).body().get("total_count").asInt());

      client.put("/contacts/" + id, Map.of("custom_attributes", Map.of("facility", "ZDC")));
      JsonNode stale = client.post("/contacts/search", byEmail).body().at("/data/0");
      assertEquals("ZNY", stale.at("/custom_attributes/facility").asText());

      clock.advance(Duration.ofMinutes(3));
      JsonNode fresh = client.post("/contacts/search", byEmail).body().at("/data/0");
      assertEquals("ZDC", fresh.at("/custom_attributes/facility").asText());
    }
  }

  @Test
  void search_byEmail_isFastOnLargeWorkspaces() {
    for (int i = 0; i < 20_000; i++) {
      emulator.addContact(SeedContact.user("member" + i + "@example.com", Integer.toString(50_000 + i)));
    }
    long start = System.nanoTime();
    for (int i = 0; i < 300; i++) {
      assertEquals(Set.of("member" + i + "@example.com"), searchEmails(filter("email", "=", "MEMBER" + i + "@example.com")));
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 15_000, "300 searches took " + millis + " ms");
  }
}
