package org.natca.intercom.webhook;

import java.time.Duration;
import java.util.Objects;

/**
 * How the inbox is worked.
 *
 * @param threads workers processing events at once
 * @param pollInterval how often an idle worker looks for due events (retries, other instances' events);
 *     events stored by this process wake a worker at once
 * @param lease how long a taken event is a worker's without news from it: a heartbeat renews the
 *     lease every third of it while the event runs; when the process dies the lease runs out and any
 *     live instance takes the event (crash recovery within lease + poll interval)
 * @param retry attempts and backoff of a failing event
 * @param retention finished events older than this are deleted
 */
public record WorkerOptions(int threads, Duration pollInterval, Duration lease, RetryPolicy retry, Duration retention) {
  /** Short enough that a dead instance's events are taken up within 30 s; renewed every 5 s. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);

  public static WorkerOptions defaults() {
    return new WorkerOptions(4, Duration.ofSeconds(1), DEFAULT_LEASE, RetryPolicy.defaults(), Duration.ofDays(30));
  }

  public WorkerOptions {
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(retention, "retention");
    if (threads < 0) {
      throw new IllegalArgumentException("threads must not be negative, got " + threads);
    }
    if (pollInterval.isNegative() || pollInterval.isZero() || lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("pollInterval and lease must be positive");
    }
  }

  /** How often the leases of running events are renewed: three renewals fit in one lease. */
  public Duration heartbeat() {
    return lease.dividedBy(3);
  }

  public WorkerOptions withThreads(int n) {
    return new WorkerOptions(n, pollInterval, lease, retry, retention);
  }

  public WorkerOptions withRetry(RetryPolicy policy) {
    return new WorkerOptions(threads, pollInterval, lease, policy, retention);
  }

  public WorkerOptions withPollInterval(Duration d) {
    return new WorkerOptions(threads, d, lease, retry, retention);
  }

  public WorkerOptions withLease(Duration d) {
    return new WorkerOptions(threads, pollInterval, d, retry, retention);
  }
}
