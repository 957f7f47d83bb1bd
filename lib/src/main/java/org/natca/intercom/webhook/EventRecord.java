package org.natca.intercom.webhook;

import java.time.Instant;

/** A row of the inbox as it stands, for operators and tests. */
public record EventRecord(
    String id,
    String topic,
    EventStatus status,
    int attempts,
    Instant receivedAt,
    Instant nextAttemptAt,
    Instant finishedAt,
    String outcome,
    String lastError) {}
