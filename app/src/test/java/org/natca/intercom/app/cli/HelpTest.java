package org.natca.intercom.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command's --help works without configuration, and picocli has nothing to complain about. */
class HelpTest {

  @ParameterizedTest
  @ValueSource(strings = {"daily-sync", "audit", "manual-update", "webhook-serve", "status"})
  void help_ofEveryCommand_printsUsageWithoutWarnings(String command) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    ByteArrayOutputStream picocliWarnings = new ByteArrayOutputStream();
    int code;
    // picocli prints its own format warnings straight to System.err
    System.setErr(new PrintStream(picocliWarnings, true, StandardCharsets.UTF_8));
    try {
      code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
          Map.of(), command, "--help");
    } finally {
      System.setErr(originalErr);
    }
    String usage = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(usage.startsWith("Usage: natca-intercom " + command), usage);
    assertFalse(picocliWarnings.toString(StandardCharsets.UTF_8).contains("WARN"), picocliWarnings.toString(StandardCharsets.UTF_8));
    assertFalse(usage.contains("%n"), usage);
  }
}
