package org.natca.intercom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natca.intercom.sandbox.db.SandboxMysql;
import org.natca.intercom.sandbox.db.SandboxPostgres;
import org.natca.intercom.sandbox.emulator.IntercomEmulator;

/**
 * webhook-serve from the jar, with the legacy MySQL fallback on a real MariaDB that first hangs (the
 * process stopped with SIGSTOP: a query on a pooled connection never gets its answer) and then is
 * shut down (connections refused). Lookups answer 503 within 3 s naming the legacy database, and the
 * log has no stack trace: one line per failure.
 */
class LegacyFallbackIT {
  static final String TOKEN = "lookup-token";
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  record Answer(int status, String body, long millis) {}

  Answer get(int port, String path) throws IOException, InterruptedException {
    long started = System.nanoTime();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body(), (System.nanoTime() - started) / 1_000_000);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The MariaDB server (mariadbd, or mysqld in older versions) this JVM started for {@code port}. */
  static ProcessHandle mysqld(int port) {
    return ProcessHandle.current().descendants()
        .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd") || c.endsWith("mysqld")).orElse(false))
        .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("--port=" + port)).orElse(false))
        .findFirst().orElseThrow(() -> new AssertionError("no MariaDB server on port " + port + " among "
            + ProcessHandle.current().descendants().map(p -> p.info().commandLine().orElse("?")).toList()));
  }

  static void signal(ProcessHandle p, String signal) throws Exception {
    assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
  }

  @Test
  void mysqlHangsThenStops_lookupsAnswer503Within3s_namingIt_healthzStaysUp_andTheLogHasNoStackTrace(@TempDir Path dir)
      throws Exception {
    try (SandboxPostgres pg = SandboxPostgres.start(); IntercomEmulator intercom = IntercomEmulator.start();
        SandboxMysql mysql = SandboxMysql.start()) {
      mysql.execute("insert into members values (502, 'Old', 'Timer', 'old@example.com', null, 'Active', 6)");
      int port = freePort();
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m", "-jar", JarSmokeIT.JAR.toAbsolutePath().toString(), "webhook-serve", "--port=" + port));
      Path err = dir.resolve("err.txt");
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile()).redirectError(err.toFile());
      pb.environment().clear();
      pb.environment().putAll(Map.of(
          "INTERCOM_ACCESS_TOKEN", intercom.token(), "INTERCOM_BASE_URL", intercom.baseUrl(),
          "INTERCOM_CLIENT_SECRET", "secret", "DATABASE_URL", pg.postgresUrl(), "LOOKUP_API_TOKEN", TOKEN));
      pb.environment().putAll(mysql.environment());
      Process server = pb.start();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
          try {
            if (get(port, "/healthz").status() == 200) {
              break;
            }
          } catch (IOException notYet) {
            // not listening yet
          }
          assertTrue(System.nanoTime() < deadline && server.isAlive(), "webhook-serve did not come up: " + Files.readString(err));
          Thread.sleep(200);
        }
        String lookup = "/api/intercom/lookup?email=old@example.com";
        // the first connection of a cold JVM on a busy machine may take longer than the pool waits
        Answer known = get(port, lookup);
        for (int i = 0; i < 20 && known.status() != 200; i++) {
          Thread.sleep(500);
          known = get(port, lookup);
        }
        assertEquals(200, known.status(), known.body() + "\n" + Files.readString(err));
        assertTrue(known.body().contains("\"source\":\"mysql\""), known.body());
        get(port, lookup); // and the pool's connection was just used: the next query skips validation

        ProcessHandle mysqld = mysqld(mysql.port());
        signal(mysqld, "STOP");
        List<Answer> hung = new ArrayList<>();
        try {
          for (int i = 0; i < 3; i++) {
            hung.add(get(port, lookup));
          }
        } finally {
          signal(mysqld, "CONT");
        }
        mysql.close();
        List<Answer> refused = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          refused.add(get(port, lookup));
        }
        Answer health = get(port, "/healthz");

        for (Answer a : refused) {
          assertEquals(503, a.status(), a.body());
          assertTrue(a.body().contains("the legacy MySQL database"), a.body());
          assertTrue(a.millis() < 3_000, "refused: " + refused);
        }
        for (Answer a : hung) {
          assertEquals(503, a.status(), a.body());
          assertTrue(a.millis() < 4_500, "hung: " + hung);
        }
        assertEquals(200, health.status(), health.body());
        System.out.println("legacy MySQL hung: " + hung.stream().map(Answer::millis).toList()
            + " ms; refused: " + refused.stream().map(Answer::millis).toList() + " ms");
      } finally {
        server.destroy();
        assertTrue(server.waitFor(30, TimeUnit.SECONDS), "webhook-serve did not stop on SIGTERM");
      }
      String log = Files.readString(err, StandardCharsets.UTF_8);
      List<String> traces = log.lines().filter(l -> l.startsWith("\tat ") || l.startsWith("Caused by:")).toList();
      assertEquals(List.of(), traces, log);
      assertTrue(log.contains("lookup answered 503: looking up a member by email in the legacy MySQL database failed"), log);
    }
  }
}
