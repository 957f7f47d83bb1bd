package org.natca.intercom.client.http;

/**
 * What a client has done so far.
 *
 * @param total HTTP requests attempted, retries included (also those that found no server)
 * @param writes those of them that change state (creates, updates, archive, merge, tags, notes);
 *     searches are POSTs but not writes
 * @param retries requests sent again after a 429, a 5xx or a lost connection
 * @param rateLimitWaits times a caller waited for the request budget (ours or Intercom's)
 * @param waitedMillis time spent in those waits and in retry backoff
 */
public record RequestStats(long total, long writes, long retries, long rateLimitWaits, long waitedMillis) {}
