package org.natca.intercom.sandbox.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check itself: what it accepts, what it refuses, and that the suite cannot run without it. */
class ConformanceTest {
  private static final String ERROR_409 = "{\"type\":\"error.list\",\"request_id\":\"f93ecfa8-d08a-4325-8694-89aeb89c8f85\",\"errors\":[{\"code\":\"conflict\","
      + "\"message\":\"A contact matching those details already exists with id=abc\"}]}";

  @Test
  void extensionIsRegistered_forEveryTestOfThisModule() {
    assertTrue(ConformanceLog.extensionActive(), "ConformanceExtension is not running: check the surefire"
        + " configurationParameters (junit.jupiter.extensions.autodetection.enabled) in the parent pom");
  }

  @Test
  void putWithANullExternalIdOrEmail_isRefused_nullPhoneAndNameAreAllowed() {
    ConformanceCheck check = new ConformanceCheck("2.14");

    List<String> nulls = check.problems(put("{\"external_id\":null,\"email\":null}"));
    List<String> allowed = check.problems(put("{\"phone\":null,\"name\":null,\"custom_attributes\":{\"region\":null}}"));

    assertFalse(nulls.isEmpty());
    assertTrue(allowed.isEmpty(), allowed.toString());
  }

  @Test
  void searchGroup_mixingAFilterAndAGroup_isRefused_filtersWithIn_conform() {
    ConformanceCheck check = new ConformanceCheck("2.14");
    String mixed = "{\"query\":{\"operator\":\"AND\",\"value\":[{\"field\":\"contact_ids\",\"operator\":\"=\",\"value\":\"1\"},"
        + "{\"operator\":\"OR\",\"value\":[{\"field\":\"state\",\"operator\":\"=\",\"value\":\"open\"},"
        + "{\"field\":\"state\",\"operator\":\"=\",\"value\":\"snoozed\"}]}]},\"pagination\":{\"per_page\":1}}";
    String in = "{\"query\":{\"operator\":\"AND\",\"value\":[{\"field\":\"contact_ids\",\"operator\":\"=\",\"value\":\"1\"},"
        + "{\"field\":\"state\",\"operator\":\"IN\",\"value\":[\"open\",\"snoozed\"]}]},\"pagination\":{\"per_page\":1}}";
    String answer = "{\"type\":\"conversation.list\",\"pages\":{\"type\":\"pages\",\"page\":1,\"per_page\":1,\"total_pages\":0},"
        + "\"total_count\":0,\"conversations\":[]}";

    assertFalse(check.problems(exchange("POST", "/conversations/search", "", mixed, 200, answer)).isEmpty());
    assertEquals(List.of(), check.problems(exchange("POST", "/conversations/search", "", in, 200, answer)));
  }

  @Test
  void undocumentedErrorAnswer_isAcceptedWhenListed_andOnlyAsAnErrorList() {
    ConformanceCheck check = new ConformanceCheck("2.14");
    String create = "{\"role\":\"user\",\"email\":\"a@b.org\"}";

    assertEquals(List.of(), check.problems(exchange("POST", "/contacts", "", create, 409, ERROR_409)));
    assertFalse(check.problems(exchange("POST", "/contacts", "", create, 409, "{\"message\":\"conflict\"}")).isEmpty());
    // 409 is listed for POST /contacts, not for GET /tags
    assertFalse(check.problems(exchange("GET", "/tags", "", null, 409, ERROR_409)).isEmpty());
  }

  @Test
  void anArmedFault_isTheTestsStatement_onlyItsRequestAndItsErrorListAreChecked() {
    ConformanceCheck check = new ConformanceCheck("2.14");
    String query = "{\"query\":{\"field\":\"tag_id\",\"operator\":\"=\",\"value\":\"1\"}}";
    String error = "{\"type\":\"error.list\",\"errors\":[{\"code\":\"error\",\"message\":\"on purpose\"}]}";
    Map<String, List<String>> headers = Map.of("authorization", List.of("Bearer t"), "intercom-version", List.of("2.14"),
        "content-type", List.of("application/json"));
    Map<String, String> json = Map.of("Content-Type", "application/json");

    assertEquals(List.of(), check.problems(new Exchange("POST", "/contacts/search", "", headers, query, 400, json, error, true)));
    assertFalse(check.problems(new Exchange("POST", "/contacts/search", "", headers, query, 400, json, error, false)).isEmpty());
    assertFalse(check.problems(new Exchange("POST", "/contacts/search", "", headers, query, 400, json, "{}", true)).isEmpty());
    assertFalse(check.problems(new Exchange("POST", "/contacts/search", "", headers, "{}", 400, json, error, true)).isEmpty(),
        "the request is still checked");
  }

  @Test
  void listQueryParameters_fromThePaginationGuide_areAccepted_othersAreNot() {
    ConformanceCheck check = new ConformanceCheck("2.14");
    String page = "{\"type\":\"list\",\"data\":[],\"total_count\":0,\"pages\":{\"type\":\"pages\",\"page\":1,\"per_page\":150,"
        + "\"total_pages\":0}}";

    assertEquals(List.of(), check.problems(exchange("GET", "/contacts", "per_page=150&starting_after=x", null, 200, page)));
    assertFalse(check.problems(exchange("GET", "/contacts", "page_size=3", null, 200, page)).isEmpty());
  }

  @Test
  void eachRequestIsCheckedAgainstTheDescriptionOfItsVersion() {
    ConformanceCheck check = new ConformanceCheck("2.14");
    String merged = "{\"type\":\"error.list\",\"request_id\":\"f93ecfa8-d08a-4325-8694-89aeb89c8f85\",\"errors\":[{\"code\":\"contact_merged\",\"message\":\"m\"}]}";
    Exchange v216 = new Exchange("GET", "/contacts/abc", "", Map.of("authorization", List.of("Bearer t"),
        "intercom-version", List.of("2.16")), null, 410, Map.of("Content-Type", "application/json",
        "Link", "</contacts/def>; rel=\"canonical\""), merged);
    Exchange v214 = new Exchange("GET", "/contacts/abc", "", Map.of("authorization", List.of("Bearer t"),
        "intercom-version", List.of("2.14")), null, 410, Map.of("Content-Type", "application/json"), merged);
    Exchange v299 = new Exchange("GET", "/me", "", Map.of("authorization", List.of("Bearer t"),
        "intercom-version", List.of("2.99")), null, 200, Map.of("Content-Type", "application/json"), "{}");

    assertEquals(List.of(), check.problems(v216));
    assertFalse(check.problems(v214).isEmpty(), "2.14 documents no 410");
    assertTrue(check.problems(v299).get(0).contains("no published description"));
  }

  @Test
  void everyUndocumentedAnswer_namesAnOperationOfTheDescription_andWhereWeKnowItFrom() {
    for (Undocumented.Answer a : Undocumented.ANSWERS) {
      assertFalse(a.source().isBlank(), a.toString());
      assertFalse(a.what().isBlank(), a.toString());
      if (!a.pathTemplate().equals("*")) {
        for (String version : a.versions().isEmpty() ? ApiDescription.VERSIONS : a.versions()) {
          assertNotNull(ApiDescription.of(version).operation(a.pathTemplate(), a.method()), version + " " + a);
          for (int status : a.statuses()) {
            assertFalse(ApiDescription.of(version).documents(a.pathTemplate(), a.method(), status),
                version + ": the description documents " + status + " already: " + a);
          }
        }
      }
    }
  }

  private static Exchange put(String body) {
    String contact = "{\"type\":\"contact\",\"id\":\"abc\",\"role\":\"user\"}";
    return exchange("PUT", "/contacts/abc", "", body, 200, contact);
  }

  private static Exchange exchange(String method, String path, String query, String body, int status, String answer) {
    return new Exchange(method, path, query, Map.of("authorization", List.of("Bearer t"), "intercom-version", List.of("2.14"),
        "content-type", List.of("application/json")), body, status, Map.of("Content-Type", "application/json"), answer);
  }
}
