package org.natca.intercom.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natca.intercom.app.SandboxTest;
import org.natca.intercom.sandbox.emulator.SeedContact;
import org.natca.intercom.sandbox.members.MemberRow;
import org.natca.intercom.sandbox.webhook.WebhookNotifications;
import org.natca.intercom.webhook.EventStatus;

/** An event that got its 200 is never lost: stops, crashes and restarts. */
class RestartTest extends SandboxTest {
  static final String TAG = "mynatca-sync";
  WebhookWorld world;
  String tagId;

  @BeforeEach
  void prepare() {
    world = new WebhookWorld(sandbox, postgres);
    world.clearInbox();
    tagId = sandbox.intercom.addTag(TAG);
  }

  @AfterEach
  void stopWorld() {
    world.close();
  }

  /** Member n, a lead of theirs and a tagged conversation; returns the conversation id. */
  String taggedConversation(int n) {
    sandbox.insert(MemberRow.active(n, "F" + n, "L" + n, "m" + n + "@example.org"));
    String lead = sandbox.intercom.addContact(SeedContact.lead("m" + n + "@example.org"));
    return sandbox.intercom.addConversation(lead, "open", Map.of("Member Number Verification", Integer.toString(n)), tagId);
  }

  @Test
  void eventsStoredButNotProcessed_areProcessedAfterARestart() {
    world.start(WebhookWorld.FAST.withThreads(0)); // intake only: nothing gets processed
    List<String> ids = new ArrayList<>();
    List<String> conversations = new ArrayList<>();
    for (int n = 501; n <= 505; n++) {
      String c = taggedConversation(n);
      String id = WebhookWorld.newId();
      world.deliverOk(WebhookNotifications.tagAdded(sandbox.intercom, id, c, TAG));
      ids.add(id);
      conversations.add(c);
    }
    ids.forEach(id -> assertEquals(EventStatus.PENDING, world.event(id).status()));
    assertEquals(0, sandbox.intercom.requests().size());

    world.restart(WebhookWorld.FAST);

    ids.forEach(id -> assertEquals(EventStatus.DONE, world.awaitFinished(id).status(), id));
    for (String c : conversations) {
      assertFalse(sandbox.intercom.conversation(c).orElseThrow().hasTagNamed(TAG));
    }
    assertEquals(5, sandbox.intercom.contacts().size());
  }

  @Test
  void anEventInFlightAtShutdown_isGivenBack_andFinishedByTheNextStart() {
    world.start();
    String c = taggedConversation(511);
    sandbox.intercom.setLatency(Duration.ofSeconds(2)); // every Intercom call is slow now
    String id = WebhookWorld.newId();
    world.deliverOk(WebhookNotifications.tagAdded(sandbox.intercom, id, c, TAG));
    WebhookWorld.awaitTrue("processing", () -> world.event(id).status() == EventStatus.PROCESSING);

    assertFalse(world.stop(Duration.ofMillis(200)), "it could not finish in time");
    assertEquals(EventStatus.PENDING, world.event(id).status(), "given back");

    sandbox.intercom.setLatency(Duration.ZERO);
    world.start();

    assertEquals(EventStatus.DONE, world.awaitFinished(id).status());
    assertFalse(sandbox.intercom.conversation(c).orElseThrow().hasTagNamed(TAG));
    assertEquals(1, sandbox.intercom.contacts().size(), "no duplicate from the interrupted attempt");
  }

  @Test
  void anEventOfACrashedProcess_isTakenAgainWhenItsLeaseRunsOut() {
    String c = taggedConversation(521);
    world.start(WebhookWorld.FAST.withThreads(0));
    String id = WebhookWorld.newId();
    world.deliverOk(WebhookNotifications.tagAdded(sandbox.intercom, id, c, TAG));
    world.stop(Duration.ZERO);
    // what a process killed mid-event leaves behind: taken, by an owner that is gone, lease running out
    postgres.execute("update intercom_sync.webhook_events set status = 'processing', attempts = 1,"
        + " locked_by = 'webhook-serve-dead', next_attempt_at = now() + interval '1 second' where id = '" + id + "'");

    world.start();

    assertEquals(EventStatus.DONE, world.awaitFinished(id).status());
    assertEquals(2, world.event(id).attempts());
    assertFalse(sandbox.intercom.conversation(c).orElseThrow().hasTagNamed(TAG));
  }

  @Test
  void aGracefulStop_letsRunningWorkFinish() {
    world.start();
    String c = taggedConversation(531);
    sandbox.intercom.setLatency(Duration.ofMillis(100));
    String id = WebhookWorld.newId();
    world.deliverOk(WebhookNotifications.tagAdded(sandbox.intercom, id, c, TAG));
    WebhookWorld.awaitTrue("processing", () -> world.event(id).status() == EventStatus.PROCESSING);

    assertTrue(world.stop(Duration.ofSeconds(15)));

    assertEquals(EventStatus.DONE, world.event(id).status());
    assertFalse(sandbox.intercom.conversation(c).orElseThrow().hasTagNamed(TAG));
    world.start();
  }
}
