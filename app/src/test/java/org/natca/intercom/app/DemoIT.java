package org.natca.intercom.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natca.intercom.sandbox.bench.Demo;

/**
 * {@code scripts/demo} keeps working: the whole demo over the freshly packaged jar, on a smaller member
 * database. Each step of the demo checks its own outcome and throws when it does not happen; this checks
 * that every step ran. The status page is not held open ({@code DEMO_HOLD_SECONDS=0} in the demo's terms).
 */
class DemoIT {

  @Test
  void demo_runsEveryCommand_andEachStepDoesWhatItSays(@TempDir Path work) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      Demo.run(JarSmokeIT.JAR, work, 300, out, Duration.ZERO);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    for (String expected : new String[] {
        "== 1. First run", "== 2. Second run", "== 3. Third run", "Blocked in Intercom (an admin must act):",
        "java -jar natca-intercom.jar webhook-serve",
        "the lead was merged into it",
        "The tag is gone and the contact says: user",
        "The tag is still there; internal note for the agent: \"Member sync (tag mynatca-sync) did not finish",
        "$ java -jar natca-intercom.jar audit --dry-run --limit=10", "audit findings: 10 contacts examined",
        "$ java -jar natca-intercom.jar manual-update", "The lead is merged into",
        "$ java -jar natca-intercom.jar status", "ATTENTION NEEDED",
        "GET /status without the password: 401. With it: 200",
        "Demo finished in"}) {
      assertTrue(out.contains(expected), "missing: " + expected + "\n" + out);
    }
    assertFalse(out.contains("The status page is open for"), "DemoIT must not hold the page open\n" + out);
  }
}
