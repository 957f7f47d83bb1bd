package org.natca.intercom.webhook;

import java.time.Instant;

/** A notification taken from the inbox to be processed; {@code attempt} counts this one (1 for the first). */
public record StoredEvent(String id, String topic, String payload, int attempt, Instant receivedAt) {}
