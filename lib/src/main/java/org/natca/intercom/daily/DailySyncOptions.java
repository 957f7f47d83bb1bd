package org.natca.intercom.daily;

/**
 * Options of one daily-sync run. {@code limit} 0 means every eligible member; {@code maxArchive} null
 * means the default safety limit (1% of the members, at least 10); {@code concurrency} is how many
 * members are written at once (the client's rate limiter keeps the request rate within budget).
 */
public record DailySyncOptions(boolean dryRun, int limit, int batchSize, boolean full, Integer maxArchive, int concurrency) {
  public static final int DEFAULT_BATCH_SIZE = 100;

  public DailySyncOptions {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1");
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
  }

  /** Enough parallel requests to use the budget at ~400 ms a request, within sane bounds. */
  public static int concurrencyFor(int maxRequestsPerMinute) {
    return Math.max(4, Math.min(48, (int) Math.ceil(maxRequestsPerMinute / 60.0 * 0.4)));
  }
}
