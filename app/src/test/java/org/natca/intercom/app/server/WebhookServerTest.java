package org.natca.intercom.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.natca.intercom.sandbox.emulator.SeedContact;
import org.natca.intercom.sandbox.members.MemberRow;
import org.natca.intercom.sandbox.members.PositionRow;
import org.natca.intercom.sandbox.webhook.WebhookNotifications;
import org.natca.intercom.webhook.EventStatus;

/** The HTTP surface: intake rules, health and lookup, over real HTTP against a real database. */
class WebhookServerTest extends WebhookWorldTest {

  /** A user.replied notification for a new conversation of a lead. */
  String replied(String id) {
    String lead = sandbox.intercom.addContact(SeedContact.lead("someone@example.com"));
    String conversation = sandbox.intercom.addConversation(lead, "open", Map.of());
    return WebhookNotifications.conversationEvent(sandbox.intercom, id, WebhookNotifications.USER_REPLIED, conversation);
  }

  long stored() {
    return world.inbox().counts().values().stream().mapToLong(Long::longValue).sum();
  }

  @Test
  void signedNotification_isStored_andAcknowledgedQuickly() {
    world.start();
    String id = WebhookWorld.newId();
    String body = replied(id);

    long started = System.nanoTime();
    WebhookWorld.Response r = world.deliver(body);
    long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

    assertEquals(200, r.status(), r.body());
    assertEquals("{\"received\":true}", r.body());
    assertTrue(r.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    assertTrue(millis < 500, "acknowledged in " + millis + " ms");
    assertTrue(world.inbox().find(id).isPresent(), "stored before the 200");
  }

  @Test
  void missingWrongOrStaleSignatures_are401_andNothingIsStored() {
    world.start();
    String body = replied(WebhookWorld.newId());
    String right = WebhookNotifications.signature(body, WebhookWorld.SECRET);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    bytes[bytes.length / 2] ^= 1;
    String changedByOneByte = new String(bytes, StandardCharsets.UTF_8);

    assertEquals(401, world.post(body, null).status(), "missing");
    assertEquals(401, world.post(body, "sha1=" + "0".repeat(40)).status(), "wrong");
    assertEquals(401, world.post(body, WebhookNotifications.signature(body, "another-secret")).status(), "other secret");
    assertEquals(401, world.post(body, right.substring(5)).status(), "no sha1= prefix");
    assertEquals(401, world.post(changedByOneByte, right).status(), "body changed by one byte");
    assertEquals("{\"error\":\"invalid signature\"}", world.post(body, null).body());

    assertEquals(0, stored());
    assertEquals(200, world.post(body, right).status(), "and the right one still works");
  }

  @Test
  void signedButNotANotification_is400() {
    world.start();
    for (String body : new String[] {"not json", "{\"type\":\"conversation\",\"id\":\"1\"}",
        "{\"type\":\"notification_event\",\"id\":\"n1\"}", "{\"type\":\"notification_event\",\"topic\":\"conversation.user.created\"}"}) {
      WebhookWorld.Response r = world.deliver(body);
      assertEquals(400, r.status(), body + " -> " + r.body());
      assertTrue(r.json().get("error").asText().startsWith("the "), r.body());
    }
    assertEquals(0, stored());
  }

  @Test
  void aNotificationOlderThanTheDedupeWindow_isAcknowledged_notStored() {
    world.start();
    String fresh = replied(WebhookWorld.newId());
    long thirtyOneDaysAgo = System.currentTimeMillis() / 1000 - 31L * 24 * 3600;
    String replayed = fresh.replaceFirst("\"created_at\":\\d+", "\"created_at\":" + thirtyOneDaysAgo);
    assertTrue(replayed.contains("\"created_at\":" + thirtyOneDaysAgo), replayed);

    world.deliverOk(replayed);

    assertEquals(0, stored());
    world.deliverOk(fresh);
    assertEquals(1, stored());
  }

  @Test
  void aPoisonDelivery_is400Alone_itsConcurrentNeighboursAre200() throws Exception {
    world.start(WebhookWorld.FAST.withThreads(0));
    String poison = "{\"type\":\"notification_event\",\"id\":\"notif_\\u0000bad\",\"topic\":\""
        + WebhookNotifications.USER_REPLIED + "\",\"data\":{\"item\":{}}}";
    List<String> valid = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      valid.add(replied(WebhookWorld.newId()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<WebhookWorld.Response>> poisoned = new ArrayList<>();
      List<Future<WebhookWorld.Response>> answers = new ArrayList<>();
      for (int i = 0; i < valid.size(); i++) {
        if (i % 20 == 0) {
          poisoned.add(pool.submit(() -> world.deliver(poison)));
        }
        String body = valid.get(i);
        answers.add(pool.submit(() -> world.deliver(body)));
      }
      for (Future<WebhookWorld.Response> f : poisoned) {
        WebhookWorld.Response r = f.get();
        assertEquals(400, r.status(), r.body());
        assertEquals("the notification id holds control characters", r.json().get("error").asText());
      }
      for (Future<WebhookWorld.Response> f : answers) {
        assertEquals(200, f.get().status(), f.get().body());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(60, stored());
  }

  @Test
  void oversizedHeaders_areRefused_andTheServerGoesOn() throws Exception {
    world.start();
    WebhookWorld.Response r = world.get(WebhookServer.HEALTH_PATH, "X-Padding", "x".repeat(WebhookServer.MAX_HEADER_BYTES + 10));
    assertEquals(431, r.status());
    assertEquals(200, world.get(WebhookServer.HEALTH_PATH).status());
  }

  @Test
  void bodiesOverOneMebibyte_are413_declaredOrStreamed() throws Exception {
    world.start();
    try (Socket socket = new Socket("127.0.0.1", world.port())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + WebhookServer.WEBHOOK_PATH + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + (1024 * 1024 + 1) + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = readStatusLine(socket.getInputStream());
      assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
    }

    // no Content-Length: chunked, and cut off after 1 MiB + 1 byte
    byte[] big = new byte[1024 * 1024 + 100];
    java.util.Arrays.fill(big, (byte) ' ');
    HttpRequest chunked = HttpRequest.newBuilder(world.uri(WebhookServer.WEBHOOK_PATH))
        .header("X-Hub-Signature", WebhookNotifications.signature(big, WebhookWorld.SECRET))
        .POST(unsized(big)).build();
    assertEquals(413, world.send(chunked).status());

    // exactly 1 MiB is read (and here refused as not JSON, not as too large)
    byte[] limit = new byte[1024 * 1024];
    java.util.Arrays.fill(limit, (byte) ' ');
    HttpRequest atLimit = HttpRequest.newBuilder(world.uri(WebhookServer.WEBHOOK_PATH))
        .header("X-Hub-Signature", WebhookNotifications.signature(limit, WebhookWorld.SECRET))
        .POST(HttpRequest.BodyPublishers.ofByteArray(limit)).build();
    assertEquals(400, world.send(atLimit).status());
    assertEquals(0, stored());
  }

  @Test
  void bodiesOnTheirWay_holdAtMostTheirBudget_beyondIt503_andTheServerGoesOn() throws Exception {
    world.start();
    WebhookServer server = world.server();
    int declared = 1 << 20;
    int fit = (int) (WebhookServer.MAX_BUFFERED_BODY_BYTES / declared);
    // a byte into the last piece: each body holds its whole declared length
    byte[] part = new byte[declared - WebhookServer.PIECE_BYTES + 1];
    java.util.Arrays.fill(part, (byte) ' ');
    List<Socket> sockets = new ArrayList<>();
    int cut = 0; // refused while still sending: the server closed it
    try {
      for (int i = 0; i < fit + 8; i++) {
        Socket socket = new Socket("127.0.0.1", world.port());
        sockets.add(socket);
        try {
          OutputStream out = socket.getOutputStream();
          out.write(("POST " + WebhookServer.WEBHOOK_PATH + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              + "X-Hub-Signature: sha1=" + "0".repeat(40) + "\r\nContent-Length: " + declared + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          out.write(part);
          out.flush();
        } catch (IOException closedByTheServer) {
          cut++;
        }
        assertTrue(server.bufferedBodyBytes() <= WebhookServer.MAX_BUFFERED_BODY_BYTES, server.bufferedBodyBytes() + " bytes held");
      }
      int sent = cut;
      WebhookWorld.awaitTrue("the bodies beyond the budget are answered", () -> answered(sockets) + sent >= 8);
      Thread.sleep(500);
      int refused = 0;
      int waiting = 0;
      for (Socket socket : sockets) {
        try {
          if (socket.getInputStream().available() > 0) {
            String answer = readStatusLine(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 503"), answer);
            refused++;
          } else {
            waiting++;
          }
        } catch (IOException reset) {
          cut++;
        }
      }
      assertTrue(refused >= 1, refused + " answered 503, " + cut + " cut off, " + waiting + " still being read");
      refused += cut;
      assertTrue(refused >= 8, refused + " refused, " + waiting + " still being read");
      assertTrue(waiting >= fit - 8, refused + " refused, " + waiting + " still being read");
      assertTrue(server.bufferedBodyBytes() <= WebhookServer.MAX_BUFFERED_BODY_BYTES, server.bufferedBodyBytes() + " bytes held");
      assertEquals(200, world.get(WebhookServer.HEALTH_PATH).status(), "requests without a body go on");
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
    // the bodies cut off give their room back
    WebhookWorld.awaitTrue("the budget is given back", () -> server.bufferedBodyBytes() == 0);
    world.deliverOk(WebhookNotifications.envelope(WebhookWorld.newId(), WebhookNotifications.USER_REPLIED,
        WebhookWorld.JSON.createObjectNode()));
  }

  private static int answered(List<Socket> sockets) {
    int n = 0;
    for (Socket s : sockets) {
      try {
        n += s.getInputStream().available() > 0 ? 1 : 0;
      } catch (IOException e) {
        n++;
      }
    }
    return n;
  }

  @Test
  void head_is200_otherMethods405_unknownPaths404() {
    world.start();
    WebhookWorld.Response head = world.send(HttpRequest.newBuilder(world.uri(WebhookServer.WEBHOOK_PATH))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    WebhookWorld.Response get = world.get(WebhookServer.WEBHOOK_PATH);

    assertEquals(200, head.status());
    assertEquals(405, get.status());
    assertEquals("HEAD, POST", get.raw().headers().firstValue("Allow").orElse(""));
    assertEquals(404, world.get("/").status());
    assertEquals(404, world.get("/api/intercom/webhook/extra").status());
  }

  @Test
  void ping_andUnhandledTopics_areAcknowledged_notStored() {
    world.start();
    world.deliverOk(WebhookNotifications.ping());
    world.deliverOk(WebhookNotifications.envelope(WebhookWorld.newId(), "contact.created",
        WebhookWorld.JSON.createObjectNode().put("type", "contact")));

    assertEquals(0, stored());
  }

  @Test
  void repeatedDeliveries_areAcknowledged_andProcessedOnce() throws InterruptedException {
    world.start();
    String id = WebhookWorld.newId();
    String body = replied(id);

    world.deliverOk(body);
    world.awaitFinished(id);
    world.deliverOk(body);
    world.deliverOk(body);
    Thread.sleep(300); // time for a wrongly stored repeat to be processed, so the counts below would show it

    assertEquals(1, stored());
    assertEquals(1, world.event(id).attempts());
    assertEquals(1, sandbox.intercom.countRequests("GET", "/contacts/"), sandbox.intercom.requests().toString());
  }

  @Test
  void databaseDown_intakeAnswers503_healthToo_andBothRecover() throws Exception {
    try (TcpProxy proxy = new TcpProxy(postgres.port())) {
      world.env().put("DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:" + proxy.port() + "/postgres?sslmode=disable");
      world.start();
      assertEquals(200, world.get(WebhookServer.HEALTH_PATH).status());
      String id = WebhookWorld.newId();
      String body = replied(id);

      proxy.cut();
      long started = System.nanoTime();
      WebhookWorld.Response down = world.deliver(body);
      long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
      WebhookWorld.Response health = world.get(WebhookServer.HEALTH_PATH);

      assertEquals(503, down.status(), down.body());
      assertTrue(millis < 4_500, "Intercom waits 5 s at most; answered in " + millis + " ms");
      assertEquals(503, health.status());
      assertEquals("unavailable", health.json().get("status").asText());

      proxy.restore();
      WebhookWorld.awaitTrue("healthy again", () -> world.get(WebhookServer.HEALTH_PATH).status() == 200);
      world.deliverOk(body);
      assertEquals(EventStatus.DONE, world.awaitFinished(id).status());
    }
  }

  @Test
  void healthz_is200_whenTheDatabaseAnswers() {
    world.start();

    WebhookWorld.Response r = world.get(WebhookServer.HEALTH_PATH);

    assertEquals(200, r.status());
    assertEquals("ok", r.json().get("status").asText());
  }

  @Test
  void lookup_withTheRightToken_answersTheMemberSummary() {
    sandbox.insert(new MemberRow(301, " Jane ", "Doe", "Jane+Union@Example.org", "(765) 465-7031", "Active", 6, 1, 1));
    sandbox.insertPositions(PositionRow.current(301, "facrep"), PositionRow.current(301, "neb"));
    world.start();

    WebhookWorld.Response r = world.get(WebhookServer.LOOKUP_PATH + "?email=jane+union@example.org",
        "Authorization", "Bearer " + WebhookWorld.LOOKUP_TOKEN);

    assertEquals(200, r.status(), r.body());
    JsonNode m = r.json();
    assertEquals("301", m.get("member_number").asText());
    assertEquals("Jane Doe", m.get("name").asText());
    assertEquals("Active", m.get("status").asText());
    assertEquals("Current Member", m.get("member_type").asText());
    assertFalse(m.get("region").asText().isEmpty());
    assertFalse(m.get("facility").asText().isEmpty());
    assertEquals("Facility Representative, National Executive Board", m.get("positions").asText());
    assertEquals("postgres", m.get("source").asText());
    assertFalse(m.has("phone"), "the summary carries no phone");
    assertEquals(200, world.get(WebhookServer.LOOKUP_PATH + "?email=jane%2Bunion%40example.org",
        "Authorization", "bearer " + WebhookWorld.LOOKUP_TOKEN).status(), "encoded, scheme in any case");
  }

  @Test
  void lookup_wrongOrMissingToken_is401_unknownEmail404_noEmail400() {
    sandbox.insert(MemberRow.active(302, "A", "B", "ab@example.org"));
    world.start();
    String path = WebhookServer.LOOKUP_PATH + "?email=ab@example.org";

    WebhookWorld.Response wrong = world.get(path, "Authorization", "Bearer not-it");
    assertEquals(401, wrong.status());
    assertEquals("Bearer", wrong.raw().headers().firstValue("WWW-Authenticate").orElse(""));
    assertEquals(401, world.get(path).status());
    assertEquals(401, world.get(path, "Authorization", WebhookWorld.LOOKUP_TOKEN).status(), "no scheme");
    assertEquals(401, world.get(path, "Authorization", "Bearer " + WebhookWorld.LOOKUP_TOKEN + "x").status());
    String auth = "Bearer " + WebhookWorld.LOOKUP_TOKEN;
    assertEquals(404, world.get(WebhookServer.LOOKUP_PATH + "?email=nobody@example.org", "Authorization", auth).status());
    assertEquals(400, world.get(WebhookServer.LOOKUP_PATH, "Authorization", auth).status());
    assertEquals(405, world.send(HttpRequest.newBuilder(world.uri(path)).header("Authorization", auth)
        .POST(HttpRequest.BodyPublishers.noBody()).build()).status());
  }

  @Test
  void lookup_refusedTooOften_isLimitedPerAddress_evenWithTheRightToken() {
    world.start();
    sandbox.insert(MemberRow.active(302, "Ann", "Lee", "ann@example.org"));
    String path = WebhookServer.LOOKUP_PATH + "?email=ann@example.org";
    String right = "Bearer " + WebhookWorld.LOOKUP_TOKEN;
    assertEquals(200, world.get(path, "Authorization", right).status());
    for (int i = 0; i < WebhookServer.REFUSALS_PER_WINDOW; i++) {
      assertEquals(401, world.get(path, "Authorization", "Bearer guess-" + i).status());
    }

    WebhookWorld.Response limited = world.get(path, "Authorization", "Bearer guess-x");
    assertEquals(429, limited.status());
    assertEquals("60", limited.raw().headers().firstValue("Retry-After").orElse(""));
    assertEquals(429, world.get(path, "Authorization", right).status(), "the address waits, whatever it sends");
  }

  @Test
  void lookup_withoutAConfiguredToken_is404_whateverIsSent() {
    sandbox.insert(MemberRow.active(303, "A", "B", "ab@example.org"));
    world.env().remove("LOOKUP_API_TOKEN");
    world.start();
    String path = WebhookServer.LOOKUP_PATH + "?email=ab@example.org";

    assertEquals(404, world.get(path).status());
    assertEquals(404, world.get(path, "Authorization", "Bearer ").status());
    assertEquals(404, world.get(path, "Authorization", "Bearer " + WebhookWorld.LOOKUP_TOKEN).status());
  }

  @Test
  void stop_closesThePort_andTheServerStartsAgainOnTheSameInbox() {
    world.start();
    int port = world.port();
    assertTrue(world.stop(Duration.ofSeconds(1)));

    WebhookWorld.awaitTrue("closed", () -> {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return false;
      } catch (IOException e) {
        return true;
      }
    });
    world.start();
    assertEquals(200, world.get(WebhookServer.HEALTH_PATH).status());
    assertEquals(0, stored());
  }

  private static String readStatusLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      line.write(b);
    }
    return line.toString(StandardCharsets.US_ASCII).strip();
  }

  /** A body publisher without a known length: sent chunked. */
  private static HttpRequest.BodyPublisher unsized(byte[] bytes) {
    HttpRequest.BodyPublisher inner = HttpRequest.BodyPublishers.ofByteArray(bytes);
    return new HttpRequest.BodyPublisher() {
      @Override
      public long contentLength() {
        return -1;
      }

      @Override
      public void subscribe(Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
        inner.subscribe(subscriber);
      }
    };
  }
}
