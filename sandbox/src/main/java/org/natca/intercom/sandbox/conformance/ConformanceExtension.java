package org.natca.intercom.sandbox.conformance;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when an Intercom emulator saw a request or gave an answer that Intercom's published
 * description does not allow during it (or during its class's set-up), unless the test claimed it.
 *
 * <p>Registered for every test of every module through {@code META-INF/services} and JUnit's extension
 * autodetection, which the parent pom switches on for surefire and failsafe; each module has a test
 * that fails when the extension is not running ({@code ConformanceIsOnTest}).
 */
public final class ConformanceExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    ConformanceLog.markExtensionActive();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    failOnViolations("during this test");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    failOnViolations("during the set-up or tear-down of " + context.getDisplayName());
  }

  private static void failOnViolations(String when) {
    List<String> violations = ConformanceLog.drain();
    if (violations.isEmpty()) {
      return;
    }
    StringBuilder b = new StringBuilder();
    b.append(violations.size()).append(" exchange(s) with the Intercom emulator ").append(when)
        .append(" do not conform to Intercom's published description (sandbox/src/main/resources/intercom-openapi)")
        .append(" or to the undocumented answers in Undocumented.ANSWERS:");
    for (String v : violations) {
      b.append("\n  ").append(v);
    }
    throw new AssertionError(b.toString());
  }
}
