package org.natca.intercom.sandbox.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmulatorMainTest {

  @Test
  void parse_readsEveryOption() {
    EmulatorOptions o = EmulatorMain.parse("--port=0", "--latency-ms", "40", "--rate-limit=1000", "--token=demo",
        "--search-lag-ms=2000", "--predefine-attributes");

    assertEquals(0, o.port());
    assertEquals(Duration.ofMillis(40), o.latency());
    assertEquals(1000, o.requestsPerMinute());
    assertEquals("demo", o.token());
    assertEquals(Duration.ofSeconds(2), o.searchLag());
    assertTrue(o.predefineContractAttributes());
  }

  @Test
  void parse_unknownOptionOrBadNumber_fails() {
    assertThrows(IllegalArgumentException.class, () -> EmulatorMain.parse("--bogus=1"));
    assertThrows(IllegalArgumentException.class, () -> EmulatorMain.parse("--port=eighty"));
    assertThrows(IllegalArgumentException.class, () -> EmulatorMain.parse("--latency-ms"));
  }

  @Test
  void describe_printsBaseUrl_butNotAChosenToken() {
    try (IntercomEmulator e = IntercomEmulator.start(EmulatorMain.parse("--token=s3cret"))) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      EmulatorMain.describe(e, new PrintStream(bytes, true, StandardCharsets.UTF_8));
      String out = bytes.toString(StandardCharsets.UTF_8);

      assertTrue(out.contains(e.baseUrl()), out);
      assertFalse(out.contains("s3cret"), out);
      assertEquals(200, new Http(e.baseUrl(), "s3cret").get("/me").status());
    }
  }
}
