package org.natca.intercom.app.server;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for SIGTERM or SIGINT. The signals are handled in-process (not by a shutdown hook), so the
 * JVM is not already exiting: webhook-serve stops intake, lets its work finish, and exits 0 on its own.
 * Where the JVM does not allow that, a shutdown hook does the same work (the exit code is then 143).
 */
public final class ShutdownSignal {
  private static final Logger log = LoggerFactory.getLogger(ShutdownSignal.class);

  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);

  /** Stops being awaited when asked to; call {@link #installSignalHandlers} for SIGTERM/SIGINT. */
  public ShutdownSignal() {}

  /** Makes SIGTERM and SIGINT {@link #request request} a shutdown. */
  @SuppressWarnings("removal")
  public void installSignalHandlers(Duration hookWait) {
    boolean handled = true;
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), s -> request("SIG" + s.getName()));
      } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
        handled = false;
        log.debug("cannot handle SIG{} in-process: {}", name, e.toString());
      }
    }
    if (!handled) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        request("JVM shutdown");
        try {
          finished.await(hookWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "webhook-serve-shutdown"));
    }
  }

  public void request(String why) {
    if (requested.getCount() > 0) {
      log.info("{}: shutting down", why);
    }
    requested.countDown();
  }

  public void await() throws InterruptedException {
    requested.await();
  }

  /** The shutdown is done (lets a shutdown hook, if one was needed, return). */
  public void finished() {
    finished.countDown();
  }
}
