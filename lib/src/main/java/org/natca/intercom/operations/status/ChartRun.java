package org.natca.intercom.operations.status;

import java.time.Instant;

/**
 * One writing daily-sync run in the status page's chart: when it started, how it ended, how many
 * writes it sent to Intercom ({@code requests.writes}; created + updated for a run recorded without
 * request counts) and how many members failed ({@code totals.failed}). A run that never finished has
 * no counts: both are 0.
 */
public record ChartRun(long id, Instant startedAt, String state, Integer exitCode, long writes, long failures) {}
