package org.natca.intercom.audit;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One audit run's settings.
 *
 * @param limit examine at most this many contacts (the first listed); 0 for all
 * @param leadsOnly examine leads only
 * @param maxArchive the most contacts the run may archive; null for the default, {@link #archiveLimit}
 * @param journal where the journal of writes goes (created with the first write; ignored in a dry run)
 * @param concurrency requests in flight at once for conversation checks, look-ups and writes
 */
public record AuditOptions(boolean dryRun, int limit, boolean leadsOnly, Integer maxArchive, Path journal, int concurrency) {
  /** Default archive limit: this percentage of the contacts examined, rounded down, but at least 1. */
  public static final int DEFAULT_MAX_ARCHIVE_PERCENT = 5;

  public AuditOptions {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative");
    }
    if (maxArchive != null && maxArchive < 0) {
      throw new IllegalArgumentException("maxArchive must not be negative");
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    Objects.requireNonNull(journal, "journal");
  }

  /** {@link #maxArchive} when given, else 5% of the contacts examined, rounded down, at least 1. */
  public int archiveLimit(int examined) {
    if (maxArchive != null) {
      return maxArchive;
    }
    return Math.max(1, examined * DEFAULT_MAX_ARCHIVE_PERCENT / 100);
  }

  /** A run that sees part of the workspace, so it looks matched members up to see all their contacts. */
  public boolean partial() {
    return leadsOnly || limit > 0;
  }
}
