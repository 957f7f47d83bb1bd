package org.natca.intercom.client;

import org.natca.intercom.client.http.RequestStats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natca.intercom.client.error.IntercomException;
import org.natca.intercom.client.error.IntercomUnreachableException;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.client.model.SearchQuery;

/** What is sent again after 5xx answers, timeouts and lost connections, and what is not. */
class IntercomClientRetryTest {

  private static final ContactDraft DRAFT =
      new ContactDraft("user", "jane@example.org", "12345", "Jane Doe", null, Map.of());

  private final MockWebServer server = new MockWebServer();
  private FakeClock clock;
  private RecordingSleeper sleeper;
  private IntercomClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    clock = new FakeClock(Instant.parse("2025-03-01T12:00:00Z"));
    sleeper = new RecordingSleeper(clock);
    client = builder().build();
  }

  private IntercomClient.Builder builder() {
    return IntercomClient.builder()
        .baseUrl(server.url("/").toString())
        .accessToken("tok")
        .clock(clock)
        .sleeper(sleeper)
        .random(new FixedRandom(0.5))
        .readTimeout(Duration.ofMillis(500));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static MockResponse dropAfterRequest() {
    return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
  }

  private static MockResponse tooSlow() {
    return new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body("{}").build();
  }

  @Test
  void get_on5xx_backsOffWithJitterAndSucceeds() {
    server.enqueue(Json.error(503, "service_unavailable", "try later"));
    server.enqueue(Json.error(500, "server_error", "oops"));
    server.enqueue(Json.ok(Json.contact("c1")));

    assertEquals("c1", client.getContact("c1").id());

    assertEquals(3, server.getRequestCount());
    // Default backoff 500 ms doubling; jitter 0.5 puts each wait 3/4 of the way to its ceiling.
    assertEquals(List.of(Duration.ofMillis(375), Duration.ofMillis(750)), sleeper.waits());
    RequestStats s = client.stats();
    assertEquals(3, s.total());
    assertEquals(2, s.retries());
    assertEquals(0, s.writes());
    assertEquals(0, s.rateLimitWaits());
    assertEquals(1125, s.waitedMillis());
  }

  @Test
  void get_whenRetriesRunOut_throwsTheLast5xx() {
    client.close();
    client = builder().maxRetries(2).build();
    for (int i = 0; i < 3; i++) {
      server.enqueue(Json.error(503, "service_unavailable", "down " + i));
    }
    IntercomException e = assertThrows(IntercomException.class, () -> client.getContact("c1"));
    assertEquals(503, e.status());
    assertTrue(e.getMessage().contains("down 2"), e.getMessage());
    assertEquals(3, server.getRequestCount());
    assertEquals(2, client.stats().retries());
  }

  @Test
  void createContact_after500_isNotSentAgain() {
    server.enqueue(Json.error(500, "server_error", "oops"));
    server.enqueue(Json.ok(Json.contact("never")));
    IntercomException e = assertThrows(IntercomException.class, () -> client.createContact(DRAFT));
    assertEquals(500, e.status());
    assertEquals(1, server.getRequestCount());
    assertTrue(sleeper.waits().isEmpty());
  }

  @Test
  void createContact_afterDroppedConnection_isNotSentAgain() {
    // A first call leaves a pooled connection: OkHttp itself would re-send on a reused one.
    server.enqueue(Json.ok(Json.contact("c0")));
    server.enqueue(dropAfterRequest());
    server.enqueue(Json.ok(Json.contact("never")));
    client.getContact("c0");
    IntercomUnreachableException e =
        assertThrows(IntercomUnreachableException.class, () -> client.createContact(DRAFT));
    assertEquals(0, e.status());
    assertTrue(e.getMessage().startsWith("POST /contacts: no answer from "), e.getMessage());
    assertTrue(e.getMessage().contains("may have been applied"), e.getMessage());
    assertEquals(2, server.getRequestCount());
    assertEquals(1, client.stats().writes());
  }

  @Test
  void createContact_afterReadTimeout_isNotSentAgain() {
    server.enqueue(tooSlow());
    server.enqueue(Json.ok(Json.contact("never")));
    assertThrows(IntercomUnreachableException.class, () -> client.createContact(DRAFT));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void createContact_after429_isSentAgain() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2")
        .body(Json.q("{'type':'error.list','errors':[{'code':'rate_limit_exceeded','message':'Exceeded rate limit'}]}"))
        .build());
    server.enqueue(Json.ok(Json.contact("c1")));
    assertEquals("c1", client.createContact(DRAFT).id());
    assertEquals(2, server.getRequestCount());
    assertEquals(2, client.stats().writes());
    assertEquals(1, client.stats().retries());
  }

  @Test
  void mergeAndNoteAndTag_after500_areNotSentAgain() {
    server.enqueue(Json.error(500, "server_error", "x"));
    server.enqueue(Json.error(500, "server_error", "x"));
    server.enqueue(Json.error(500, "server_error", "x"));
    assertThrows(IntercomException.class, () -> client.mergeContacts("l", "u"));
    assertThrows(IntercomException.class, () -> client.addNote("1", "a", "hello"));
    assertThrows(IntercomException.class, () -> client.tagConversation("1", "t", "a"));
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void update_afterDroppedConnection_isSentAgain() {
    server.enqueue(dropAfterRequest());
    server.enqueue(Json.ok(Json.contact("c1")));
    assertEquals("c1", client.updateContact("c1", DRAFT).id());
    assertEquals(2, server.getRequestCount());
    assertEquals(1, sleeper.waits().size());
  }

  @Test
  void get_afterReadTimeout_isSentAgain() {
    server.enqueue(tooSlow());
    server.enqueue(Json.ok(Json.contact("c1")));
    assertEquals("c1", client.getContact("c1").id());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void searchArchiveAndUntag_on503_areSentAgain() {
    server.enqueue(Json.error(503, "unavailable", "x"));
    server.enqueue(Json.ok("{'type':'list','data':[],'total_count':0}"));
    server.enqueue(Json.error(503, "unavailable", "x"));
    server.enqueue(Json.ok("{'archived':true}"));
    server.enqueue(Json.error(503, "unavailable", "x"));
    server.enqueue(Json.ok("{'type':'tag','id':'t'}"));
    assertEquals(0, client.searchContacts(SearchQuery.eq("email", "x@example.org")).stream().count());
    client.archiveContact("c1");
    client.untagConversation("1", "t", "a");
    assertEquals(6, server.getRequestCount());
    RequestStats s = client.stats();
    assertEquals(6, s.total());
    assertEquals(4, s.writes(), "searches are not writes; archive and untag are, each attempt counted");
    assertEquals(3, s.retries());
  }

  @Test
  void closedPort_isUnreachable_namingHostAndPort_afterRetries() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (IntercomClient c = builder().baseUrl("http://127.0.0.1:" + port).maxRetries(3).build()) {
      IntercomUnreachableException e =
          assertThrows(IntercomUnreachableException.class, () -> c.getContact("c1"));
      assertEquals(0, e.status());
      assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
      assertTrue(e.getMessage().contains("after 4 attempts"), e.getMessage());
      assertInstanceOf(ConnectException.class, e.getCause());
      assertEquals(4, c.stats().total());
    }
  }

  @Test
  void createContact_onRefusedConnection_isSentAgain_becauseItCannotHaveArrived() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (IntercomClient c = builder().baseUrl("http://127.0.0.1:" + port).maxRetries(2).build()) {
      IntercomUnreachableException e =
          assertThrows(IntercomUnreachableException.class, () -> c.createContact(DRAFT));
      assertEquals(3, c.stats().total());
      assertTrue(!e.getMessage().contains("may have been applied"), e.getMessage());
    }
  }
}
