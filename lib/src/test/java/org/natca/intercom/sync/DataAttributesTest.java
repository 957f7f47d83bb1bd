package org.natca.intercom.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natca.intercom.client.FakeClock;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.client.Json;
import org.natca.intercom.client.RecordingSleeper;
import org.natca.intercom.client.error.IntercomException;
import org.natca.intercom.format.ContactAttributes;
import org.natca.intercom.report.RunReport;

/** Creating the member attributes: transient failures are retried, "already exists" is done. */
class DataAttributesTest {
  static final String NONE = "{'type':'list','data':[]}";

  final MockWebServer server = new MockWebServer();
  FakeClock clock;
  IntercomClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    clock = new FakeClock(Instant.parse("2026-12-01T12:00:00Z"));
    client = IntercomClient.builder().baseUrl(server.url("/").toString()).accessToken("tok").clock(clock)
        .sleeper(new RecordingSleeper(clock)).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  static MockResponse created(String name) {
    return Json.ok("{'type':'data_attribute','name':'" + name + "','model':'contact','data_type':'string','custom':true}");
  }

  /** Intercom's answer when the name is taken (its message quotes the name, so no Json.q here). */
  static MockResponse alreadyThere(String name) {
    return new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
        .body("{\"type\":\"error.list\",\"request_id\":\"req-400\",\"errors\":[{\"code\":\"parameter_invalid\","
            + "\"message\":\"You already have '" + name + "' in your people data. To save this as new people data,"
            + " use a different name.\"}]}")
        .build();
  }

  List<String> postedNames() throws InterruptedException {
    List<String> names = new ArrayList<>();
    for (int i = server.getRequestCount(); i > 0; i--) {
      RecordedRequest r = server.takeRequest();
      if (r.getMethod().equals("POST")) {
        names.add(Json.body(r).path("name").asText());
      }
    }
    return names;
  }

  RunReport report() {
    return new RunReport("daily-sync", false, Clock.systemUTC());
  }

  @Test
  void ensure_serverErrorOnACreate_isRetried_andEveryAttributeIsCreated() throws Exception {
    server.enqueue(Json.ok(NONE));
    server.enqueue(Json.error(500, "server_error", "Server Error"));
    for (String name : ContactAttributes.ALL) {
      server.enqueue(created(name));
    }

    List<String> missing = DataAttributes.ensure(client, report(), false);

    assertEquals(List.copyOf(ContactAttributes.ALL), missing);
    List<String> posted = postedNames();
    assertEquals(ContactAttributes.ALL.size() + 1, posted.size(), posted.toString());
    assertEquals(posted.get(0), posted.get(1), "the failed create is sent again");
  }

  @Test
  void ensure_createThatReachedIntercomButLostItsAnswer_isRetried_andAlreadyExistsCountsAsDone() throws Exception {
    server.enqueue(Json.ok(NONE));
    String first = ContactAttributes.ALL.get(0);
    server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(alreadyThere(first));
    for (String name : ContactAttributes.ALL.subList(1, ContactAttributes.ALL.size())) {
      server.enqueue(created(name));
    }

    DataAttributes.ensure(client, report(), false);

    List<String> posted = postedNames();
    assertEquals(List.of(first, first), posted.subList(0, 2), posted.toString());
    assertEquals(ContactAttributes.ALL.size() + 1, posted.size());
  }

  @Test
  void ensure_attributeCreatedMeanwhileByAnotherRun_isDone() throws Exception {
    server.enqueue(Json.ok(NONE));
    for (String name : ContactAttributes.ALL) {
      server.enqueue(alreadyThere(name));
    }

    List<String> missing = DataAttributes.ensure(client, report(), false);

    assertEquals(ContactAttributes.ALL.size(), missing.size());
    assertEquals(ContactAttributes.ALL.size(), postedNames().size(), "each asked once");
  }

  @Test
  void ensure_otherRefusal_stillFails() {
    server.enqueue(Json.ok(NONE));
    server.enqueue(Json.error(400, "parameter_invalid", "Data Type isn't an option"));

    IntercomException e = assertThrows(IntercomException.class, () -> DataAttributes.ensure(client, report(), false));

    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains("Data Type"), e.getMessage());
  }
}
