package org.natca.intercom.operations.status;

import java.time.Instant;
import java.util.List;

/**
 * What the status page shows: the {@link Status} (exactly what {@code status --json} prints) and the
 * writing daily-sync runs started since {@code chartSince}, oldest first, for the chart.
 */
public record StatusPageData(Status status, Instant chartSince, List<ChartRun> dailySyncRuns) {
  public StatusPageData {
    dailySyncRuns = List.copyOf(dailySyncRuns);
  }
}
