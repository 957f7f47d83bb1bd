package org.natca.intercom.operations.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The webhook inbox: events that ended failed in the last 7 days (the newest listed), and events not
 * processed yet (pending or being processed) with the age of the oldest. {@code inboxExists} is false
 * when webhook-serve never ran against this database.
 */
public record WebhookStatus(boolean inboxExists, long failedLast7Days, List<FailedEvent> recentFailures,
    long pending, Instant oldestPendingReceivedAt, Duration oldestPendingAge) {

  public static final WebhookStatus ABSENT = new WebhookStatus(false, 0, List.of(), 0, null, null);
  public static final int MAX_LISTED = 20;

  public WebhookStatus {
    recentFailures = List.copyOf(recentFailures);
  }
}
