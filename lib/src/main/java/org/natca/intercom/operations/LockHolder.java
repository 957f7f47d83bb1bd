package org.natca.intercom.operations;

import java.time.Instant;

/** Who holds the run lock: the run's command, host and pid, since when, and its last renewal (database time). */
public record LockHolder(String command, String host, long pid, Instant since, Instant heartbeatAt) {

  /** e.g. {@code daily-sync on host cron-7f9c, pid 4242, since 2026-12-01T08:00:03Z}. */
  public String describe() {
    return command + " on host " + host + ", pid " + pid + ", since " + since;
  }
}
