package org.natca.intercom.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.natca.intercom.client.error.IntercomException;
import org.natca.intercom.member.MemberDatabaseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads that work the {@link WebhookInbox}: each takes the most urgent due event, hands it to the
 * {@link EventHandler}, and records the outcome. A failure is retried on the {@link RetryPolicy}'s
 * schedule (kept in the table, so nothing sleeps and a restart keeps it), then marked failed.
 *
 * <p>Idle workers wait for {@link #wake()} (an event was stored) or the poll interval (retries that
 * came due, events stored by another instance). Stopping lets running events finish within a grace
 * period, then gives back what is left so the next start takes it at once.
 */
public final class EventWorkers {
  private static final Logger log = LoggerFactory.getLogger(EventWorkers.class);
  private static final Duration PURGE_EVERY = Duration.ofHours(1);
  private static final int PURGE_BATCH = 5_000;
  private static final Duration QUIET_AFTER_DATABASE_ERROR = Duration.ofMinutes(1);

  private final WebhookInbox inbox;
  private final EventHandler handler;
  private final WorkerOptions options;
  private final Clock clock;
  private final String owner;
  private final Semaphore work = new Semaphore(0);
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong nextPurgeMillis = new AtomicLong();
  private final AtomicLong lastDatabaseWarningMillis = new AtomicLong(Long.MIN_VALUE / 2);
  private volatile boolean stopping;

  public EventWorkers(WebhookInbox inbox, EventHandler handler, WorkerOptions options, Clock clock) {
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.owner = "webhook-serve-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** This process in the inbox's {@code locked_by}; each worker adds its number ("…/2"). */
  public String owner() {
    return owner;
  }

  public synchronized void start() {
    if (!threads.isEmpty() || stopping) {
      throw new IllegalStateException("workers already started");
    }
    for (int i = 1; i <= options.threads(); i++) {
      String worker = owner + "/" + i;
      Thread t = new Thread(() -> run(worker), "webhook-worker-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    log.info("{} webhook workers started ({})", options.threads(), owner);
  }

  /** An event was stored: a waiting worker looks at once. */
  public void wake() {
    work.release();
  }

  /**
   * Stops taking events, lets running ones finish for up to {@code grace}, then interrupts what is
   * still running and gives its events back to the inbox.
   *
   * @return true when every running event finished in time
   */
  public boolean stop(Duration grace) {
    List<Thread> running;
    synchronized (this) {
      stopping = true;
      running = List.copyOf(threads);
    }
    work.release(running.size() + 1);
    long deadline = System.nanoTime() + grace.toNanos();
    boolean finished = joinUntil(running, deadline);
    if (!finished) {
      running.forEach(Thread::interrupt);
      joinUntil(running, System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
    }
    try {
      int released = inbox.release(owner);
      if (released > 0) {
        log.warn("stopped with {} events unfinished; they were given back and run on the next start", released);
      }
    } catch (RuntimeException e) {
      log.warn("could not give back unfinished events ({}); they run again when their lease ends", e.getMessage());
    }
    return finished;
  }

  private static boolean joinUntil(List<Thread> threads, long deadlineNanos) {
    for (Thread t : threads) {
      long left = deadlineNanos - System.nanoTime();
      if (left > 0) {
        try {
          TimeUnit.NANOSECONDS.timedJoin(t, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return threads.stream().noneMatch(Thread::isAlive);
  }

  private void run(String worker) {
    while (!stopping) {
      Optional<StoredEvent> event;
      try {
        event = inbox.claim(worker, clock.instant().plus(options.lease()));
      } catch (RuntimeException e) {
        warnDatabase("cannot take webhook events from the inbox: " + e.getMessage());
        idle();
        continue;
      }
      if (event.isEmpty()) {
        purgeNowAndThen();
        idle();
        continue;
      }
      process(event.get(), worker);
    }
  }

  private void idle() {
    try {
      work.tryAcquire(options.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      // stop() interrupts only after the grace period; the loop sees stopping
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }

  /** {@code worker} holds the event's lease: only its word on the event counts. */
  private void process(StoredEvent e, String worker) {
    RetryPolicy retry = options.retry();
    if (e.attempt() > retry.maxAttempts()) {
      // its earlier attempts never finished (the process died each time): do not take it again
      String error = "abandoned: " + (e.attempt() - 1) + " attempts never finished (the process stopped or died while processing)";
      log.warn("{} {}: failed: {}", e.id(), e.topic(), error);
      record(() -> inbox.finish(e.id(), worker, EventStatus.FAILED, null, error), e);
      return;
    }
    boolean last = retry.isLast(e.attempt());
    EventOutcome outcome;
    try {
      outcome = handler.handle(e, last);
    } catch (RuntimeException ex) {
      if (stopping && Thread.currentThread().isInterrupted()) {
        log.info("{} {}: interrupted by shutdown; it runs again on the next start", e.id(), e.topic());
        return; // stop() gives it back
      }
      String error = describe(ex);
      if (last) {
        log.warn("{} {}: failed after {} attempts: {}", e.id(), e.topic(), e.attempt(), error);
        record(() -> inbox.finish(e.id(), worker, EventStatus.FAILED, null, error), e);
      } else {
        Duration wait = retry.delayAfter(e.attempt());
        Instant at = clock.instant().plus(wait);
        log.warn("{} {}: attempt {} of {} failed, next in {} s: {}", e.id(), e.topic(), e.attempt(),
            retry.maxAttempts(), wait.toSeconds(), error);
        record(() -> inbox.retryAt(e.id(), worker, at, error), e);
      }
      if (!(ex instanceof IntercomException) && !(ex instanceof MemberDatabaseException)) {
        log.warn("{}: unexpected {}", e.id(), ex.getClass().getSimpleName(), ex); // a bug: keep the stack trace
      }
      return;
    }
    long millis = Duration.between(e.receivedAt(), clock.instant()).toMillis();
    if (outcome instanceof EventOutcome.Failed f) {
      log.warn("{} {}: failed: {}", e.id(), e.topic(), f.summary());
      record(() -> inbox.finish(e.id(), worker, EventStatus.FAILED, null, f.summary()), e);
      return;
    }
    log.info("{} {}: {}: {} ({} ms after it came in)", e.id(), e.topic(), word(outcome), outcome.summary(), millis);
    record(() -> inbox.finish(e.id(), worker, EventStatus.DONE, word(outcome) + ": " + outcome.summary(), null), e);
  }

  private void record(Runnable bookkeeping, StoredEvent e) {
    try {
      bookkeeping.run();
    } catch (RuntimeException ex) {
      // the work is done (or failed) but not recorded: the lease runs out and the event runs again,
      // which every handler tolerates (each step looks before it writes)
      warnDatabase("could not record the outcome of " + e.id() + ": " + ex.getMessage());
    }
  }

  private void purgeNowAndThen() {
    long now = clock.millis();
    long next = nextPurgeMillis.get();
    if (now < next || !nextPurgeMillis.compareAndSet(next, now + PURGE_EVERY.toMillis())) {
      return;
    }
    try {
      int purged = inbox.purgeFinished(clock.instant().minus(options.retention()), PURGE_BATCH);
      if (purged > 0) {
        log.info("deleted {} webhook events finished more than {} days ago", purged, options.retention().toDays());
      }
    } catch (RuntimeException e) {
      log.debug("purging old webhook events failed: {}", e.getMessage());
    }
  }

  /** One warning a minute at most while the database is down, however many workers notice it. */
  private void warnDatabase(String message) {
    long now = clock.millis();
    long last = lastDatabaseWarningMillis.get();
    if (now - last >= QUIET_AFTER_DATABASE_ERROR.toMillis() && lastDatabaseWarningMillis.compareAndSet(last, now)) {
      log.warn(message);
    } else {
      log.debug(message);
    }
  }

  private static String word(EventOutcome o) {
    if (o instanceof EventOutcome.Done) {
      return "done";
    }
    if (o instanceof EventOutcome.Ignored) {
      return "ignored";
    }
    if (o instanceof EventOutcome.Refused) {
      return "refused";
    }
    return "failed";
  }

  private static String describe(RuntimeException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
