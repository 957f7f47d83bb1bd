package org.natca.intercom.app.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.natca.intercom.operations.status.StatusHtml.IntercomLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Intercom app id that the status page's contact links need ({@code app.id_code} of
 * {@code GET /me}): asked on first use, on a thread of its own so that a slow Intercom delays the
 * page by {@link #WAIT} at most, and kept once known. After a failure it is asked again on a page
 * view at least {@link #RETRY_AFTER} later; meanwhile the page renders without links and says why.
 */
final class IntercomAppId {
  private static final Logger log = LoggerFactory.getLogger(IntercomAppId.class);
  static final Duration WAIT = Duration.ofSeconds(2);
  static final Duration RETRY_AFTER = Duration.ofMinutes(1);

  private final Supplier<String> lookup;
  private final Clock clock;
  private String appId;
  private String failure;
  private Instant failedAt;
  private CompletableFuture<String> asking;

  /** @param lookup asks Intercom; may throw, may return null (no app in the answer) */
  IntercomAppId(Supplier<String> lookup, Clock clock) {
    this.lookup = Objects.requireNonNull(lookup, "lookup");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The links to draw now: to the app when its id is known (waiting up to {@link #WAIT} for it), else none, saying why. */
  IntercomLinks links() {
    CompletableFuture<String> pending;
    synchronized (this) {
      if (appId != null) {
        return IntercomLinks.to(appId);
      }
      if (asking == null && (failedAt == null || !clock.instant().isBefore(failedAt.plus(RETRY_AFTER)))) {
        asking = ask();
      }
      pending = asking;
    }
    if (pending != null) {
      try {
        pending.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // the outcome is read below: a failure is recorded by ask(), a late answer by the next view
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      if (appId != null) {
        return IntercomLinks.to(appId);
      }
      if (asking != null) {
        return IntercomLinks.none("Intercom has not answered GET /me yet (asked for the app id); reload in a moment.");
      }
      return IntercomLinks.none(failure + " Asked again at the next view after " + failedAt.plus(RETRY_AFTER) + ".");
    }
  }

  private CompletableFuture<String> ask() {
    CompletableFuture<String> f = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        String id = lookup.get();
        if (id == null || id.isBlank()) {
          failed("GET /me named no app (app.id_code is missing from its answer).");
        } else {
          synchronized (this) {
            appId = id.strip();
            asking = null;
          }
          log.info("status page: contact links point at Intercom app {}", appId);
        }
        f.complete(id);
      } catch (RuntimeException e) {
        failed("GET /me failed: " + e.getMessage());
        f.completeExceptionally(e);
      }
    }, "intercom-app-id");
    t.setDaemon(true);
    t.start();
    return f;
  }

  private synchronized void failed(String why) {
    failure = why;
    failedAt = clock.instant();
    asking = null;
    log.warn("status page: no links into Intercom: {}", why);
  }
}
