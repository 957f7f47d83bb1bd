package org.natca.intercom.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.natca.intercom.app.server.WebhookServer;
import org.natca.intercom.app.wiring.Environment;
import org.natca.intercom.config.Config;
import picocli.CommandLine;

/**
 * {@code .do/app.yaml} and the {@code Dockerfile} against DigitalOcean's published app spec schema and
 * against the jar itself: its commands and options (picocli's own model, as {@code --help} shows it), its
 * port and health path, and the environment the contract and {@link Config} define. Nothing is built
 * with Docker here; the Dockerfile is read as text.
 */
class DeploymentSpecTest {
  private static final Path ROOT = projectRoot();
  private static final JsonNode SPEC = AppSpecSchema.readYaml(ROOT.resolve(".do/app.yaml"));
  private static final String JAR = "natca-intercom.jar";
  /** Variables that hold credentials: encrypted in App Platform, never given a value in the repository. */
  private static final Set<String> SECRETS = Set.of("INTERCOM_ACCESS_TOKEN", "INTERCOM_CLIENT_SECRET", "DATABASE_URL",
      "MYSQL_PASS", "LOOKUP_API_TOKEN", "STATUS_TOKEN", "ALERT_WEBHOOK_URL");

  @Test
  void appSpec_isValidAgainstDigitalOceansSchema() {
    assertEquals(List.of(), AppSpecSchema.withScheduledJobs().violations(SPEC));
  }

  @Test
  void appSpec_usesNoKeyTheSchemaDoesNotDeclare() {
    assertEquals(List.of(), AppSpecSchema.withScheduledJobs().unknownKeys(SPEC));
  }

  @Test
  void publishedSchema_lacksOnlyScheduledJobs() {
    // when DigitalOcean publishes scheduled jobs, re-vendor the files and drop the addition in AppSpecSchema
    List<String> violations = AppSpecSchema.published().violations(SPEC);
    assertFalse(violations.isEmpty(), "the published schema knows SCHEDULED now: remove AppSpecSchema's addition");
    assertTrue(violations.stream().allMatch(v -> v.startsWith("/jobs/0/kind:")), violations.toString());
  }

  @Test
  void schemaChecks_catchMistakes() {
    ObjectNode broken = SPEC.deepCopy();
    ObjectNode service = (ObjectNode) broken.get("services").get(0);
    service.put("http_port", "eighty");
    service.set("helth_check", service.remove("health_check"));
    ((ObjectNode) broken.get("jobs").get(0).get("envs").get(0)).put("type", "ENCRYPTED");
    AppSpecSchema schema = AppSpecSchema.withScheduledJobs();
    List<String> violations = schema.violations(broken);
    assertTrue(violations.stream().anyMatch(v -> v.startsWith("/services/0/http_port")), violations.toString());
    assertTrue(violations.stream().anyMatch(v -> v.startsWith("/jobs/0/envs/0/type")), violations.toString());
    assertEquals(List.of("services[0].helth_check"), schema.unknownKeys(broken));
  }

  @Test
  void job_isTheNightlyDailySync_ofTheContract() {
    JsonNode job = component("jobs", "sync-intercom");
    assertEquals("SCHEDULED", job.get("kind").asText());
    assertEquals("0 8 * * *", job.at("/schedule/cron").asText());
    assertEquals("UTC", job.at("/schedule/time_zone").asText());
    String run = job.get("run_command").asText();
    assertEquals(List.of("daily-sync", "--report=/tmp/daily-sync.json"), parsedJarArguments(run, "daily-sync"));
    assertTrue(readme().contains(run), "the README names the job's run command: " + run);
    assertTrue(heapMegabytes(run) <= 512 * 3 / 4, "the heap leaves room in a 512 MB instance: " + run);
  }

  @Test
  void service_isWebhookServe_onItsPortAndHealthPath() {
    JsonNode service = component("services", "webhook-serve");
    String run = service.get("run_command").asText();
    assertEquals(List.of("webhook-serve"), parsedJarArguments(run, "webhook-serve"));
    assertEquals(Config.DEFAULT_PORT, service.get("http_port").asInt());
    assertEquals(String.valueOf(Config.DEFAULT_PORT), envValue(service, "PORT"));
    assertEquals(WebhookServer.HEALTH_PATH, service.at("/health_check/http_path").asText());
    assertTrue(help("webhook-serve").contains("GET " + WebhookServer.HEALTH_PATH), help("webhook-serve"));
    // App Platform sends SIGTERM, then SIGKILL after the grace period: the service needs its whole grace
    long grace = service.at("/termination/grace_period_seconds").asLong();
    assertTrue(grace > WebhookServeCommand.SHUTDOWN_GRACE.plus(Duration.ofSeconds(10)).toSeconds(), "grace " + grace);
    JsonNode rule = SPEC.at("/ingress/rules/0");
    assertEquals("/", rule.at("/match/path/prefix").asText(), "the webhook path " + WebhookServer.WEBHOOK_PATH + " reaches it whole");
    assertEquals("webhook-serve", rule.at("/component/name").asText());
    assertTrue(heapMegabytes(run) <= 512 * 3 / 4, run);
  }

  @Test
  void envs_declareEveryVariableTheJarReads_andTheContractNames() {
    Set<String> declared = new TreeSet<>();
    for (JsonNode c : components()) {
      c.get("envs").forEach(e -> declared.add(e.get("key").asText()));
    }
    Set<String> read = variablesConfigReads();
    assertTrue(declared.containsAll(read), "not declared: " + minus(read, declared));
    Set<String> readme = tableVariables(readme(), "## Configuration");
    assertTrue(declared.containsAll(readme), "in the README's table, not declared: " + minus(readme, declared));
    Path contract = ROOT.resolveSibling("shared").resolve("CONTRACT.md");
    assumeTrue(Files.isRegularFile(contract), "no ../shared/CONTRACT.md beside the project: the contract's table is not compared");
    Set<String> contracted = tableVariables(read(contract), "## Configuration");
    assertTrue(declared.containsAll(contracted), "in the contract, not declared: " + minus(contracted, declared));
    // beyond the contract only what the README documents (BIND_ADDRESS, from issue 14)
    assertTrue(readme.containsAll(minus(declared, contracted)), "declared, in neither contract nor README: " + minus(minus(declared, contracted), readme));
  }

  @Test
  void envs_secretsAreEncryptedWithoutValue_andTheRestAreTheDefaults() {
    for (JsonNode c : components()) {
      String name = c.get("name").asText();
      Map<String, String> general = new HashMap<>();
      Map<String, String> dummySecrets = new HashMap<>();
      for (JsonNode e : c.get("envs")) {
        String key = e.get("key").asText();
        assertEquals("RUN_TIME", e.path("scope").asText(), name + " " + key);
        if (SECRETS.contains(key)) {
          assertEquals("SECRET", e.path("type").asText(), name + " " + key + " is a secret");
          assertFalse(e.has("value"), name + " " + key + " must not carry a value in the repository");
          dummySecrets.put(key, key.equals("DATABASE_URL") ? "postgres://u:p@db.invalid:5432/postgres" : "x");
        } else {
          assertFalse(e.has("type") && !"GENERAL".equals(e.get("type").asText()), name + " " + key);
          general.put(key, e.path("value").asText());
        }
      }
      // what the repository sets changes nothing: every plain value is the jar's own default (or unset)
      assertEquals(Config.fromEnvironment(Map.of()), Config.fromEnvironment(general), name);
      // and each component declares what its command requires
      Map<String, String> all = new HashMap<>(general);
      all.putAll(dummySecrets);
      Config config = Config.fromEnvironment(all);
      config.requireIntercomAccessToken();
      config.requireDatabaseUrl();
      if (name.equals("webhook-serve")) {
        config.requireClientSecret();
      }
    }
  }

  @Test
  void dockerfile_buildsWithMaven_runsTheJarOnAJre17_asNonRoot() {
    List<String[]> instructions = dockerfile();
    List<String> from = arguments(instructions, "FROM");
    assertEquals(2, from.size(), "multi-stage: " + from);
    assertTrue(from.get(0).startsWith("maven:") && from.get(0).contains("-17") && from.get(0).endsWith(" AS build"), from.get(0));
    assertTrue(from.get(1).matches("eclipse-temurin:17(\\.[0-9.]+)?-jre.*"), "a Java 17 runtime, no JDK: " + from.get(1));
    assertTrue(arguments(instructions, "RUN").stream().anyMatch(r -> r.startsWith("mvn ") && r.contains(" package")));
    for (String module : List.of("lib", "app", "sandbox")) {
      assertTrue(arguments(instructions, "COPY").contains(module + "/src " + module + "/src"), "builds " + module);
    }
    List<String> user = arguments(instructions, "USER");
    assertEquals(1, user.size());
    assertFalse(user.get(0).equals("root") || user.get(0).startsWith("0"), user.get(0));
    // the jar the shade plugin names, copied to where the entrypoint and the app spec's run commands find it
    String workdir = last(arguments(instructions, "WORKDIR"));
    String jarInImage = workdir + "/" + JAR;
    assertTrue(arguments(instructions, "COPY").stream()
        .anyMatch(c -> c.startsWith("--from=build ") && c.endsWith("/src/app/target/" + JAR + " " + jarInImage)), "COPY of the jar");
    assertTrue(read(ROOT.resolve("app/pom.xml")).contains("<finalName>" + JAR.replace(".jar", "") + "</finalName>"));
    assertEquals("[\"java\", \"-jar\", \"" + jarInImage + "\"]", last(arguments(instructions, "ENTRYPOINT")));
    assertEquals("[\"--help\"]", last(arguments(instructions, "CMD")));
    assertEquals(0, Main.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()), Map.of(), "--help"));
    assertEquals(List.of(String.valueOf(Config.DEFAULT_PORT)), arguments(instructions, "EXPOSE"));
    for (JsonNode c : components()) {
      assertEquals("Dockerfile", c.get("dockerfile_path").asText());
    }
  }

  /** The run command as App Platform runs it in the image: {@code java [-X...] -jar natca-intercom.jar ARGS}; returns ARGS. */
  private static List<String> parsedJarArguments(String runCommand, String expectedCommand) {
    assertFalse(runCommand.contains("\"") || runCommand.contains("'"), "no quoting: " + runCommand);
    List<String> tokens = Arrays.asList(runCommand.trim().split("\\s+"));
    assertEquals("java", tokens.get(0), runCommand);
    int jar = tokens.indexOf("-jar");
    assertTrue(jar > 0 && tokens.get(jar + 1).equals(JAR), runCommand);
    tokens.subList(1, jar).forEach(opt -> assertTrue(opt.startsWith("-X"), "a JVM option: " + opt));
    List<String> args = tokens.subList(jar + 2, tokens.size());
    CommandLine cl = Main.commandLine(new Environment(Map.of(), System.out, System.err, org.natca.intercom.report.HeapWatch.start()));
    CommandLine.ParseResult parsed = cl.parseArgs(args.toArray(String[]::new)); // throws on an unknown command or option
    assertTrue(parsed.hasSubcommand(), runCommand);
    assertEquals(expectedCommand, parsed.subcommand().commandSpec().name());
    assertTrue(help(null).contains(expectedCommand), "--help lists " + expectedCommand);
    return List.copyOf(args);
  }

  private static int heapMegabytes(String runCommand) {
    Matcher m = Pattern.compile("-Xmx(\\d+)m").matcher(runCommand);
    assertTrue(m.find(), "a heap limit: " + runCommand);
    return Integer.parseInt(m.group(1));
  }

  private static String help(String command) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] args = command == null ? new String[] {"--help"} : new String[] {command, "--help"};
    Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), Map.of(), args);
    return out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
  }

  /** Every name {@link Config#fromEnvironment} asks its map for (with MYSQL_HOST set, so the MYSQL_* ones too). */
  private static Set<String> variablesConfigReads() {
    Set<String> asked = new TreeSet<>();
    Map<String, String> values = Map.of("MYSQL_HOST", "mysql.invalid", "MYSQL_USER", "u", "MYSQL_DB", "d");
    Map<String, String> recording = new AbstractMap<>() {
      @Override
      public String get(Object key) {
        asked.add((String) key);
        return values.get(key);
      }

      @Override
      public boolean containsKey(Object key) {
        asked.add((String) key);
        return values.containsKey(key);
      }

      @Override
      public String getOrDefault(Object key, String fallback) {
        asked.add((String) key);
        return values.getOrDefault(key, fallback);
      }

      @Override
      public Set<Entry<String, String>> entrySet() {
        throw new UnsupportedOperationException("Config reads variables by name");
      }
    };
    Config.fromEnvironment(recording);
    assertFalse(asked.isEmpty());
    return asked;
  }

  /** The backticked variable names in the first column of the first table after {@code heading}. */
  private static Set<String> tableVariables(String markdown, String heading) {
    int at = markdown.indexOf("\n" + heading + "");
    assertTrue(at >= 0, heading);
    Set<String> names = new TreeSet<>();
    boolean inTable = false;
    for (String line : markdown.substring(at + 1).split("\n")) {
      if (line.startsWith("|")) {
        inTable = true;
        String first = line.split("\\|")[1];
        Matcher m = Pattern.compile("`([A-Z][A-Z0-9_]+)`").matcher(first);
        while (m.find()) {
          names.add(m.group(1));
        }
      } else if (inTable) {
        break;
      }
    }
    assertFalse(names.isEmpty(), "a table of variables after " + heading);
    return names;
  }

  /** Dockerfile instructions as {keyword, arguments}, continuation lines joined, comments dropped. */
  private static List<String[]> dockerfile() {
    List<String[]> out = new ArrayList<>();
    String joined = read(ROOT.resolve("Dockerfile")).replaceAll("(?m)^\\s*#.*\\n", "").replace("\\\n", " ");
    for (String line : joined.split("\n")) {
      String l = line.strip();
      if (!l.isEmpty()) {
        String[] parts = l.split("\\s+", 2);
        out.add(new String[] {parts[0].toUpperCase(), parts.length > 1 ? parts[1].replaceAll("\\s+", " ") : ""});
      }
    }
    return out;
  }

  private static List<String> arguments(List<String[]> instructions, String keyword) {
    return instructions.stream().filter(i -> i[0].equals(keyword)).map(i -> i[1]).toList();
  }

  private static String last(List<String> values) {
    assertFalse(values.isEmpty());
    return values.get(values.size() - 1);
  }

  private static List<JsonNode> components() {
    List<JsonNode> out = new ArrayList<>();
    SPEC.path("jobs").forEach(out::add);
    SPEC.path("services").forEach(out::add);
    assertEquals(2, out.size(), "one job and one service");
    return out;
  }

  private static JsonNode component(String kind, String name) {
    for (JsonNode c : SPEC.path(kind)) {
      if (c.get("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no " + kind + " component " + name);
  }

  private static String envValue(JsonNode component, String key) {
    Map<String, String> values = new LinkedHashMap<>();
    component.get("envs").forEach(e -> values.put(e.get("key").asText(), e.path("value").asText()));
    assertNotNull(values.get(key), key);
    return values.get(key);
  }

  private static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> d = new TreeSet<>(a);
    d.removeAll(b);
    return d;
  }

  private static String readme() {
    return read(ROOT.resolve("README.md"));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve(".do/app.yaml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no .do/app.yaml above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
