package org.natca.intercom.sandbox.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.natca.intercom.sandbox.emulator.IntercomEmulator;
import org.natca.intercom.sandbox.webhook.WebhookNotifications;

/**
 * {@code webhook-serve} from the shipped jar as a separate process for the demo, and Intercom's side of
 * the conversation: signed notifications posted to it over HTTP, as Intercom posts them.
 */
final class DemoWebhook implements AutoCloseable {
  static final String CLIENT_SECRET = "demo-client-secret";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final IntercomEmulator intercom;
  private final Process process;
  private final int port;
  private final String logName;
  private final JarRun jarRun;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private DemoWebhook(IntercomEmulator intercom, JarRun jarRun, Process process, int port, String logName) {
    this.intercom = intercom;
    this.jarRun = jarRun;
    this.process = process;
    this.port = port;
    this.logName = logName;
  }

  /** Starts {@code java -jar natca-intercom.jar webhook-serve} on a free port and waits for {@code /healthz}. */
  static DemoWebhook start(JarRun jarRun, IntercomEmulator intercom, Map<String, String> baseEnv, Map<String, String> extraEnv) {
    int port = freePort();
    Map<String, String> env = new HashMap<>(baseEnv);
    env.put("INTERCOM_CLIENT_SECRET", CLIENT_SECRET);
    env.put("PORT", Integer.toString(port));
    env.putAll(extraEnv);
    String name = "demo-webhook-serve";
    Process p = jarRun.start(name, env, "webhook-serve");
    DemoWebhook w = new DemoWebhook(intercom, jarRun, p, port, name);
    // Ctrl-C ends the demo's JVM: take the service down with it, and wait for it (no process left behind)
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      p.destroy();
      try {
        if (!p.waitFor(25, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
      }
    }, "stop-webhook-serve"));
    w.awaitTrue("webhook-serve answers GET /healthz with 200", () -> {
      if (!p.isAlive()) {
        throw new IllegalStateException("webhook-serve exited " + p.exitValue() + "; see " + jarRun.log(name));
      }
      return w.status("/healthz") == 200;
    });
    return w;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  String log() {
    return jarRun.log(logName).toString();
  }

  /** A member writes in: {@code conversation.user.created} for the conversation. */
  void memberWritesIn(String conversationId) {
    deliver(WebhookNotifications.conversationEvent(intercom, newId(), WebhookNotifications.USER_CREATED, conversationId));
  }

  /** An agent added {@code tagName} to the conversation: {@code conversation_part.tag.created}. */
  void agentTagged(String conversationId, String tagName) {
    deliver(WebhookNotifications.tagAdded(intercom, newId(), conversationId, tagName));
  }

  private void deliver(String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/intercom/webhook"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .header(WebhookNotifications.SIGNATURE_HEADER, WebhookNotifications.signature(body, CLIENT_SECRET))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    HttpResponse<String> r = send(request);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("webhook-serve answered " + r.statusCode() + " " + r.body() + "; see " + log());
    }
  }

  /** {@code GET path}, with HTTP Basic auth (user "demo") when {@code password} is not null. */
  HttpResponse<String> get(String path, String password) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10)).GET();
    if (password != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("demo:" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return send(b.build());
  }

  int status(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(request.uri() + ": " + e + "; see " + log(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Waits (up to 30 s) until the condition holds; fails the demo naming what did not happen. */
  void awaitTrue(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting until " + what + "; see " + log());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private static String newId() {
    return "notif_" + UUID.randomUUID();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  /** SIGTERM, as App Platform stops a service; webhook-serve finishes its work and exits 0. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
