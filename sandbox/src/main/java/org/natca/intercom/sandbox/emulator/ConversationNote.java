package org.natca.intercom.sandbox.emulator;

import java.time.Instant;

/** An internal note written with {@code POST /conversations/{id}/reply} and {@code message_type: note}. */
public record ConversationNote(String id, String adminId, String body, Instant createdAt) {}
