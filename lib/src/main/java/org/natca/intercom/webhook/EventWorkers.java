package org.natca.intercom.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>Leases are short ({@link WorkerOptions#lease()}) and a heartbeat thread renews them, all in one
 * statement, while events run: a process that dies (kill -9, out of memory) stops renewing, and any
 * live instance takes its events once the lease runs out. A worker whose lease could not be renewed in
 * time, or was taken over, is interrupted before another instance can take its event, and records
 * nothing: two live instances never work on one event at once.
 */
public final class EventWorkers {
  private static final Logger log = LoggerFactory.getLogger(EventWorkers.class);
  private static final Duration PURGE_EVERY = Duration.ofHours(1);
  private static final int PURGE_BATCH = 5_000;
  private static final Duration QUIET_AFTER_DATABASE_ERROR = Duration.ofMinutes(1);
  /** Longest a renewal statement may take (the inbox's query timeout, and a little more). */
  private static final int QUERY_WAIT_SECONDS = 6;

  private final WebhookInbox inbox;
  private final EventHandler handler;
  private final WorkerOptions options;
  private final Clock clock;
  private final String owner;
  private final Semaphore work = new Semaphore(0);
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong nextPurgeMillis = new AtomicLong();
  private final AtomicLong lastDatabaseWarningMillis = new AtomicLong(Long.MIN_VALUE / 2);
  /** What each worker holds now, by worker name; read by the heartbeat. */
  private final Map<String, Held> held = new ConcurrentHashMap<>();
  private final Semaphore heartbeatWake = new Semaphore(0);
  private Thread heartbeat;
  private volatile boolean stopping;
  private volatile boolean heartbeatStopping;

  /** An event a worker is working on, and until when its lease is known to hold (clock millis). */
  private static final class Held {
    final String eventId;
    final Thread thread;
    final long sinceNanos = System.nanoTime();
    volatile long validUntilMillis;
    private boolean active = true;
    private boolean lost;

    Held(String eventId, Thread thread, long validUntilMillis) {
      this.eventId = eventId;
      this.thread = thread;
      this.validUntilMillis = validUntilMillis;
    }

    /** Stops the worker (it is interrupted) unless it is already past its work; true when it was stopped. */
    synchronized boolean lose() {
      if (active && !lost) {
        lost = true;
        thread.interrupt();
        return true;
      }
      return false;
    }

    /** The work is over; true when the lease was lost during it (the interrupt, if any, is cleared). */
    synchronized boolean end() {
      active = false;
      if (lost) {
        Thread.interrupted();
      }
      return lost;
    }
  }

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
    if (options.threads() > 0) {
      heartbeat = new Thread(this::heartbeatLoop, "webhook-lease-heartbeat");
      heartbeat.setDaemon(true);
      heartbeat.start();
    }
    log.info("{} webhook workers started ({}; leases of {} s, renewed every {} s)", options.threads(), owner,
        options.lease().toSeconds(), options.heartbeat().toMillis() / 1000.0);
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
    stopHeartbeat();
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

  private void stopHeartbeat() {
    Thread h;
    synchronized (this) {
      h = heartbeat;
      heartbeat = null;
    }
    if (h != null) {
      heartbeatStopping = true;
      heartbeatWake.release();
      try {
        h.join(TimeUnit.SECONDS.toMillis(QUERY_WAIT_SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Renews the leases of the running events every {@link WorkerOptions#heartbeat()}; runs until the workers stopped. */
  private void heartbeatLoop() {
    while (!heartbeatStopping) {
      try {
        heartbeatWake.tryAcquire(options.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (heartbeatStopping) {
        return;
      }
      if (!held.isEmpty()) {
        renewLeases();
      }
    }
  }

  void renewLeases() {
    long startNanos = System.nanoTime();
    long until = clock.instant().plus(options.lease()).toEpochMilli();
    Set<String> renewed;
    try {
      renewed = inbox.renew(owner, Instant.ofEpochMilli(until));
    } catch (RuntimeException e) {
      warnDatabase("cannot renew the leases of running webhook events: " + e.getMessage());
      long now = clock.millis();
      for (Held h : held.values()) {
        // stopped while another instance cannot take it yet: a heartbeat before the lease ends
        if (now + options.heartbeat().toMillis() >= h.validUntilMillis && h.lose()) {
          log.warn("{}: its lease could not be renewed and ends soon; stopped here, it runs again (here or on another instance)",
              LogText.clean(h.eventId));
        }
      }
      return;
    }
    for (Held h : held.values()) {
      if (renewed.contains(h.eventId)) {
        h.validUntilMillis = Math.max(h.validUntilMillis, until);
      } else if (h.sinceNanos < startNanos && h.lose()) {
        // taken before this renewal began, and not ours any more: its lease ran out and another worker has it
        log.warn("{}: its lease was taken over (this process was too slow to renew it); stopped here",
            LogText.clean(h.eventId));
      }
    }
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
      StoredEvent e = event.get();
      Held h = new Held(e.id(), Thread.currentThread(), clock.instant().plus(options.lease()).toEpochMilli());
      held.put(worker, h);
      try {
        process(e, worker, h);
      } finally {
        held.remove(worker);
        h.end();
      }
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
  private void process(StoredEvent e, String worker, Held lease) {
    RetryPolicy retry = options.retry();
    if (e.attempt() > retry.maxAttempts()) {
      // its earlier attempts never finished (the process died each time): do not take it again
      String error = "abandoned: " + (e.attempt() - 1) + " attempts never finished (the process stopped or died while processing)";
      log.warn("{} {}: failed: {}", LogText.clean(e.id()), LogText.clean(e.topic()), LogText.clean(error));
      record(() -> inbox.finish(e.id(), worker, EventStatus.FAILED, null, error), e);
      return;
    }
    boolean last = retry.isLast(e.attempt());
    EventOutcome outcome;
    try {
      outcome = handler.handle(e, last);
    } catch (RuntimeException ex) {
      if (lease.end()) {
        log.warn("{} {}: stopped, its lease was lost: {}", LogText.clean(e.id()), LogText.clean(e.topic()), LogText.clean(describe(ex)));
        return; // not ours to record: whoever holds it now (or the next worker after the lease) runs it
      }
      if (stopping && Thread.currentThread().isInterrupted()) {
        log.info("{} {}: interrupted by shutdown; it runs again on the next start", LogText.clean(e.id()), LogText.clean(e.topic()));
        return; // stop() gives it back
      }
      String error = describe(ex);
      if (last) {
        log.warn("{} {}: failed after {} attempts: {}", LogText.clean(e.id()), LogText.clean(e.topic()), e.attempt(), LogText.clean(error));
        record(() -> inbox.finish(e.id(), worker, EventStatus.FAILED, null, error), e);
      } else {
        Duration wait = retry.delayAfter(e.attempt());
        Instant at = clock.instant().plus(wait);
        log.warn("{} {}: attempt {} of {} failed, next in {} s: {}", LogText.clean(e.id()), LogText.clean(e.topic()), e.attempt(),
            retry.maxAttempts(), wait.toSeconds(), LogText.clean(error));
        record(() -> inbox.retryAt(e.id(), worker, at, error), e);
      }
      if (!(ex instanceof IntercomException) && !(ex instanceof MemberDatabaseException)) {
        log.warn("{}: unexpected {}", LogText.clean(e.id()), ex.getClass().getSimpleName(), ex); // a bug: keep the stack trace
      }
      return;
    }
    if (lease.end()) {
      log.warn("{} {}: its lease was lost while it ran; not recorded here, it runs again (and finds its work done)",
          LogText.clean(e.id()), LogText.clean(e.topic()));
      return;
    }
    long millis = Duration.between(e.receivedAt(), clock.instant()).toMillis();
    if (outcome instanceof EventOutcome.Failed f) {
      log.warn("{} {}: failed: {}", LogText.clean(e.id()), LogText.clean(e.topic()), LogText.clean(f.summary()));
      record(() -> inbox.finish(e.id(), worker, EventStatus.FAILED, null, f.summary()), e);
      return;
    }
    log.info("{} {}: {}: {} ({} ms after it came in)", LogText.clean(e.id()), LogText.clean(e.topic()), word(outcome), LogText.clean(outcome.summary()), millis);
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
      log.warn(LogText.clean(message));
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
