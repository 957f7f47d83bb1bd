package org.natca.intercom.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.natca.intercom.sandbox.conformance.ConformanceLog;

/** Every test of this module that goes through the emulator is checked against Intercom's description. */
class ConformanceIsOnTest extends SandboxTest {

  @Test
  void theConformanceExtensionRunsForThisModule() {
    assertTrue(ConformanceLog.extensionActive(), "ConformanceExtension is not running: see the parent pom's surefire"
        + " configurationParameters");
    assertTrue(sandbox.intercom.options().conformanceChecks(), "the command tests' emulator checks every exchange");
  }
}
