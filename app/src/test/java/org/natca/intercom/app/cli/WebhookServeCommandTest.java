package org.natca.intercom.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natca.intercom.app.Sandbox;
import org.natca.intercom.app.SandboxTest;
import org.natca.intercom.member.Databases;
import org.natca.intercom.sandbox.emulator.SeedContact;
import org.natca.intercom.sandbox.members.MemberRow;
import org.natca.intercom.sandbox.webhook.WebhookNotifications;
import org.natca.intercom.webhook.EventRecord;
import org.natca.intercom.webhook.EventStatus;
import org.natca.intercom.webhook.WebhookInbox;

/**
 * {@code webhook-serve} as a command: refusals in-process; the real thing as its own JVM process,
 * stopped with SIGTERM as App Platform stops it.
 */
class WebhookServeCommandTest extends SandboxTest {
  static final String SECRET = "serve-secret-value";

  @BeforeEach
  void prepare() {
    postgres.execute("drop schema if exists intercom_sync cascade");
    sandbox.env.put("INTERCOM_CLIENT_SECRET", SECRET);
  }

  @Test
  void withoutTheClientSecret_refusesToStart_exit2_namingIt() {
    sandbox.env.remove("INTERCOM_CLIENT_SECRET");

    Sandbox.Run run = sandbox.run("webhook-serve");

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().startsWith("error: INTERCOM_CLIENT_SECRET is not set"), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
  }

  @Test
  void withoutTokenOrDatabase_orWithABadPort_exit2() {
    Map<String, String> full = Map.copyOf(sandbox.env);
    sandbox.env.remove("INTERCOM_ACCESS_TOKEN");
    assertTrue(sandbox.run("webhook-serve").err().startsWith("error: INTERCOM_ACCESS_TOKEN is not set"));
    sandbox.env.putAll(full);
    sandbox.env.remove("DATABASE_URL");
    assertEquals(2, sandbox.run("webhook-serve").exitCode());
    sandbox.env.putAll(full);

    Sandbox.Run badPort = sandbox.run("webhook-serve", "--port=70000");
    assertEquals(2, badPort.exitCode(), badPort.toString());
    assertTrue(badPort.err().contains("--port"), badPort.err());
    assertEquals(2, sandbox.run("webhook-serve", "--port=abc").exitCode());
  }

  @Test
  void unreachableDatabase_exit3_withoutTheSecretOrPassword() {
    sandbox.env.put("DATABASE_URL", "postgres://u:secretpw@127.0.0.1:1/db");

    Sandbox.Run run = sandbox.run("webhook-serve", "--port=" + freePort());

    assertEquals(3, run.exitCode(), run.toString());
    assertTrue(run.err().contains("127.0.0.1:1"), run.err());
    assertFalse(run.err().contains("secretpw") || run.err().contains(SECRET), run.err());
  }

  @Test
  void portInUse_exit2_namingThePort() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      Sandbox.Run run = sandbox.run("webhook-serve", "--port=" + taken.getLocalPort());

      assertEquals(2, run.exitCode(), run.toString());
      assertTrue(run.err().contains("PORT " + taken.getLocalPort() + " cannot be used"), run.err());
    }
  }

  @Test
  void asAProcess_servesUntilSigterm_finishesRunningWork_andExits0(@TempDir Path dir) throws Exception {
    sandbox.insert(MemberRow.active(601, "Pat", "Process", "pat@example.org"));
    String tag = sandbox.intercom.addTag("mynatca-sync");
    String lead = sandbox.intercom.addContact(SeedContact.lead("pat@example.org"));
    String conversation = sandbox.intercom.addConversation(lead, "open", Map.of("Member Number Verification", "601"), tag);
    int port = freePort();
    Path err = dir.resolve("stderr.txt");
    Process process = start(port, err);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (var inspection = Databases.postgres(postgres.postgresUrl(), "public", "serve-test", 2, 5_000)) {
      WebhookInbox inbox = new WebhookInbox(inspection, Clock.systemUTC());
      awaitHealthy(http, port, process, err);

      // every Intercom call now takes 300 ms: the event is still running when SIGTERM comes
      sandbox.intercom.setLatency(Duration.ofMillis(300));
      String id = "notif_" + UUID.randomUUID();
      String body = WebhookNotifications.tagAdded(sandbox.intercom, id, conversation, "mynatca-sync");
      HttpResponse<String> ack = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/intercom/webhook"))
          .header("X-Hub-Signature", WebhookNotifications.signature(body, SECRET))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ack.statusCode(), ack.body());
      awaitStatus(inbox, id, EventStatus.PROCESSING);

      process.destroy(); // SIGTERM

      assertTrue(process.waitFor(40, TimeUnit.SECONDS), "exited");
      String log = Files.readString(err);
      assertEquals(0, process.exitValue(), log);
      EventRecord e = inbox.find(id).orElseThrow();
      assertEquals(EventStatus.DONE, e.status(), "the running event finished first: " + e + "\n" + log);
      assertFalse(sandbox.intercom.conversation(conversation).orElseThrow().hasTagNamed("mynatca-sync"));
      assertTrue(log.contains("SIGTERM: shutting down"), log);
      assertTrue(log.contains(id + " conversation_part.tag.created: done:"), log);
      assertFalse(log.contains(SECRET) || log.contains(sandbox.intercom.token()), "no secrets in the log");
    } finally {
      process.destroyForcibly();
    }
  }

  private Process start(int port, Path err) throws IOException {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath, Main.class.getName(), "webhook-serve", "--port=" + port);
    pb.environment().keySet().removeIf(k -> k.startsWith("INTERCOM_") || k.startsWith("DATABASE_")
        || k.startsWith("MYSQL_") || k.equals("PORT") || k.equals("LOOKUP_API_TOKEN"));
    pb.environment().putAll(sandbox.env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(err.toFile());
    return pb.start();
  }

  private static void awaitHealthy(HttpClient http, int port, Process process, Path err) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("webhook-serve exited " + process.exitValue() + ":\n" + Files.readString(err));
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    throw new AssertionError("webhook-serve did not become healthy:\n" + Files.readString(err));
  }

  private static void awaitStatus(WebhookInbox inbox, String id, EventStatus status) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (inbox.find(id).map(r -> r.status() == status).orElse(false)) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError(id + " never reached " + status + ": " + inbox.find(id));
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
