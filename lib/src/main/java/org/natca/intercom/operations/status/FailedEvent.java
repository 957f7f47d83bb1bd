package org.natca.intercom.operations.status;

import java.time.Instant;

/** A webhook event that ended failed after its retries. */
public record FailedEvent(String id, String topic, Instant finishedAt, int attempts, String error) {}
