package org.natca.intercom.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.natca.intercom.app.SandboxTest;
import org.natca.intercom.sandbox.emulator.EmulatedConversation;
import org.natca.intercom.sandbox.emulator.SeedContact;
import org.natca.intercom.sandbox.members.MemberRow;
import org.natca.intercom.sandbox.webhook.WebhookNotifications;
import org.natca.intercom.webhook.EventStatus;
import org.natca.intercom.webhook.RetryPolicy;
import org.natca.intercom.webhook.WorkerOptions;

/**
 * Database backends terminated again and again (pg_terminate_backend from a separate connection)
 * while a burst is taken in and worked: deliveries that could not be stored get 503 and come again,
 * outcomes that could not be recorded run again, and no conversation gets a second note.
 */
class DatabaseDropsTest extends SandboxTest {
  static final String TAG = "mynatca-sync";
  WebhookWorld world;

  @AfterEach
  void stopWorld() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void backendsTerminatedDuringABurst_everyEventFinishes_noConversationGetsTwoNotes() throws Exception {
    world = new WebhookWorld(sandbox, postgres);
    world.clearInbox();
    String tagId = sandbox.intercom.addTag(TAG);
    world.start(new WorkerOptions(4, Duration.ofMillis(50), Duration.ofSeconds(3),
        new RetryPolicy(10, Duration.ofMillis(50), 2, Duration.ofSeconds(1)), Duration.ofDays(30)));
    sandbox.intercom.setLatency(Duration.ofMillis(30));
    List<String> conversations = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int n = 601; n <= 640; n++) {
      sandbox.insert(MemberRow.active(n, "F" + n, "L" + n, "m" + n + "@example.org"));
      String lead = sandbox.intercom.addContact(SeedContact.lead("m" + n + "@example.org"));
      boolean refuse = n % 2 == 0; // no member number: refused with a note
      String c = sandbox.intercom.addConversation(lead, "open",
          refuse ? Map.of() : Map.of("Member Number Verification", Integer.toString(n)), tagId);
      conversations.add(c);
      if (refuse) {
        refused.add(c);
      }
      String id = WebhookWorld.newId();
      ids.add(id);
      bodies.add(WebhookNotifications.tagAdded(sandbox.intercom, id, c, TAG));
    }

    AtomicBoolean dropping = new AtomicBoolean(true);
    AtomicInteger terminated = new AtomicInteger();
    Thread terminator = new Thread(() -> {
      try (Connection own = DriverManager.getConnection(postgres.jdbcUrl()); Statement st = own.createStatement()) {
        while (dropping.get()) {
          try (ResultSet rs = st.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity"
              + " where pid <> pg_backend_pid() and backend_type = 'client backend'")) {
            rs.next();
            terminated.addAndGet(rs.getInt(1));
          }
          Thread.sleep(250);
        }
      } catch (SQLException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }, "terminator");
    terminator.start();
    int unavailable = 0;
    try {
      for (String body : bodies) {
        // as Intercom does: a delivery not acknowledged is delivered again
        for (int attempt = 0; ; attempt++) {
          int status = world.deliver(body).status();
          if (status == 200) {
            break;
          }
          assertEquals(503, status);
          assertTrue(attempt < 50, "never stored");
          unavailable++;
          Thread.sleep(50);
        }
      }
      Thread.sleep(3_000); // and more drops while the workers are at it
    } finally {
      dropping.set(false);
      terminator.join();
    }

    for (String id : ids) {
      assertEquals(EventStatus.DONE, world.awaitFinished(id).status(), world.event(id).toString());
    }
    System.out.printf("database drops: %d backends terminated, %d deliveries answered 503 and delivered again%n",
        terminated.get(), unavailable);
    assertTrue(terminated.get() > 10, "backends were terminated: " + terminated.get());
    for (String c : conversations) {
      EmulatedConversation conv = sandbox.intercom.conversation(c).orElseThrow();
      assertEquals(refused.contains(c) ? 1 : 0, conv.notes().size(), c + ": " + conv.notes());
    }
    assertEquals(conversations.size() - refused.size(),
        sandbox.intercom.contacts().stream().filter(x -> "user".equals(x.role())).count(), "one user per synced member");
  }
}
