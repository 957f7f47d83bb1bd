package org.natca.intercom.sandbox.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.natca.intercom.sandbox.db.SandboxPostgres;
import org.natca.intercom.sandbox.emulator.EmulatorOptions;
import org.natca.intercom.sandbox.emulator.IntercomEmulator;
import org.natca.intercom.sandbox.members.SyntheticMembers;

/**
 * The newcomer's first command ({@code scripts/demo}): a synthetic member database in a real
 * PostgreSQL, the Intercom emulator, and {@code daily-sync} from the shipped jar three times: cold,
 * again with nothing to do, and after a few members changed.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.log.io.zonky", "warn");
    Path jar = Path.of(args.length > 0 ? args[0] : "app/target/natca-intercom.jar");
    int members = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
    Path work = Path.of("sandbox", "target", "demo");
    JarRun jarRun = new JarRun(jar, work, List.of("-Xmx256m"));

    say("Starting a PostgreSQL member database with " + members + " synthetic members ...");
    try (SandboxPostgres pg = SandboxPostgres.start();
         IntercomEmulator intercom = IntercomEmulator.start(EmulatorOptions.builder().latency(java.time.Duration.ofMillis(5))
          .conformanceChecks(false) // the demo shows timing; the OpenAPI checks belong to the test suite
          .build())) {
      var summary = SyntheticMembers.fill(pg.dataSource(), "public", members, 42);
      say("  " + summary.members() + " members: " + summary.byStatus() + ", " + summary.withoutEmail() + " without email, "
          + summary.invalidPhones() + " with an invalid phone");
      say("Intercom emulator listening at " + intercom.baseUrl() + " (an empty workspace)");
      Map<String, String> env = Map.of(
          "INTERCOM_ACCESS_TOKEN", intercom.token(),
          "INTERCOM_BASE_URL", intercom.baseUrl(),
          "INTERCOM_MAX_REQUESTS_PER_MINUTE", "10000",
          "DATABASE_URL", pg.postgresUrl());

      step(jarRun, env, "1. First run: every eligible member becomes a contact", "demo-1-cold");
      step(jarRun, env, "2. Second run: nothing changed, so nothing is written", "demo-2-warm");
      List<Integer> changed = SyntheticMembers.mutate(pg.dataSource(), "public", 5, 7);
      say("Changed 5 members in the database (name, phone, email or facility): " + changed);
      step(jarRun, env, "3. Third run: exactly those 5 contacts are updated", "demo-3-changed");
      say("The emulator saw " + intercom.requests().size() + " requests in all, " + intercom.writeCount() + " of them writes.");
      say("Logs of each run (stderr of the jar) are in " + work.toAbsolutePath() + ".");
    }
  }

  private static void step(JarRun jarRun, Map<String, String> env, String title, String name) {
    say("");
    say("== " + title);
    say("$ java -jar natca-intercom.jar daily-sync");
    JarRun.Result r = jarRun.run(name, env, "daily-sync");
    System.out.print(r.stdout());
    say("(exit code " + r.exitCode() + ", " + r.wallTime().toMillis() + " ms including JVM start; log: " + r.log() + ")");
    if (r.exitCode() != 0) {
      throw new IllegalStateException("daily-sync exited " + r.exitCode() + "; see " + r.log());
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
