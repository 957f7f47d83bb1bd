package org.natca.intercom.app.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.natca.intercom.app.SandboxTest;

/** Base of the HTTP tests: a {@link WebhookWorld} per test over an emptied {@code intercom_sync}, closed after it. */
abstract class WebhookWorldTest extends SandboxTest {
  WebhookWorld world;

  @BeforeEach
  void prepareWorld() {
    world = new WebhookWorld(sandbox, postgres);
    world.clearInbox();
  }

  @AfterEach
  void stopWorld() {
    world.close();
  }
}
