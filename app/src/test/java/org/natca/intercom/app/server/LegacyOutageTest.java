package org.natca.intercom.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natca.intercom.app.SandboxTest;
import org.natca.intercom.sandbox.db.SandboxMysql;
import org.natca.intercom.sandbox.emulator.SeedContact;
import org.natca.intercom.sandbox.members.MemberRow;
import org.natca.intercom.sandbox.webhook.WebhookNotifications;
import org.natca.intercom.webhook.EventRecord;
import org.natca.intercom.webhook.EventStatus;

/**
 * The legacy MySQL fallback going away mid-run (a real MariaDB, stopped): lookups and enrichments that
 * need it fail fast and say which database is down; everything that does not need it goes on.
 */
class LegacyOutageTest extends SandboxTest {
  /** What the issue asks: a lookup answers, and a worker is free again, within this. */
  static final long LIMIT_MILLIS = 3_000;

  SandboxMysql mysql;
  WebhookWorld world;

  @BeforeEach
  void start() {
    mysql = SandboxMysql.start();
    world = new WebhookWorld(sandbox, postgres);
    world.env().putAll(mysql.environment());
    world.clearInbox();
    world.start();
  }

  @AfterEach
  void stop() {
    world.close();
    mysql.close(); // a test may have stopped it already
  }

  WebhookWorld.Response lookup(String email) {
    return world.get(WebhookServer.LOOKUP_PATH + "?email=" + email, "Authorization", "Bearer " + WebhookWorld.LOOKUP_TOKEN);
  }

  /** One test: starting MariaDB costs half a minute on a busy machine. */
  @Test
  void mysqlStoppedMidRun_lookupsAndEnrichmentsNeedingItFailFast_namingIt_everythingElseGoesOn() {
    sandbox.insert(MemberRow.active(501, "Ann", "Able", "ann@example.org"));
    mysql.execute("insert into members values (502, 'Old', 'Timer', 'old@example.com', null, 'Active', 6)");
    assertEquals("mysql", lookup("old@example.com").json().get("source").asText(), "the pool has a live connection");

    mysql.close();

    // lookups: 503 within the limit, saying which database is down
    for (int i = 0; i < 3; i++) {
      long started = System.nanoTime();
      WebhookWorld.Response r = lookup("old@example.com");
      long millis = (System.nanoTime() - started) / 1_000_000;

      assertEquals(503, r.status(), r.body());
      assertEquals("the legacy MySQL database (the email fallback) is not available", r.json().get("error").asText());
      assertTrue(millis < LIMIT_MILLIS, "lookup " + i + " took " + millis + " ms");
    }
    assertEquals(200, world.get(WebhookServer.HEALTH_PATH).status(), "the member database is fine");
    WebhookWorld.Response known = lookup("ann@example.org");
    assertEquals(200, known.status(), known.body());
    assertEquals("postgres", known.json().get("source").asText());

    // an enrichment that needs the fallback: its attempt fails within the limit (and is retried)
    String stranger = sandbox.intercom.addContact(SeedContact.lead("old@example.com"));
    String id = WebhookWorld.newId();
    long started = System.nanoTime();
    world.deliverOk(WebhookNotifications.conversationEvent(sandbox.intercom, id, WebhookNotifications.USER_CREATED,
        sandbox.intercom.addConversation(stranger, "open", Map.of())));
    WebhookWorld.awaitTrue("the first attempt failed", () -> world.inbox().find(id)
        .map(r -> r.attempts() >= 1 && r.lastError() != null).orElse(false));
    long millis = (System.nanoTime() - started) / 1_000_000;
    EventRecord failing = world.event(id);
    assertTrue(millis < LIMIT_MILLIS, "the worker was held " + millis + " ms");
    assertTrue(failing.lastError().contains("legacy MySQL database"), failing.lastError());

    // one that does not need it is done
    String member = sandbox.intercom.addContact(SeedContact.lead("ann@example.org"));
    String other = WebhookWorld.newId();
    world.deliverOk(WebhookNotifications.conversationEvent(sandbox.intercom, other, WebhookNotifications.USER_CREATED,
        sandbox.intercom.addConversation(member, "open", Map.of())));
    EventRecord done = world.awaitFinished(other);
    assertEquals(EventStatus.DONE, done.status(), done.toString());
    assertEquals("501", sandbox.intercom.userByExternalId("501").orElseThrow().attribute("member_number"));
  }
}
