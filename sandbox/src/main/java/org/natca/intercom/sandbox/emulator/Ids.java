package org.natca.intercom.sandbox.emulator;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Identifiers shaped like Intercom's: 24-hex contact ids, numeric conversation and tag ids, UUID request ids. */
final class Ids {
  private final int machine = ThreadLocalRandom.current().nextInt();
  private final AtomicLong counter = new AtomicLong(ThreadLocalRandom.current().nextInt(1 << 20));
  private final AtomicLong conversations = new AtomicLong(64619700000000L);
  private final AtomicLong tags = new AtomicLong(7522900);
  private final AtomicLong notes = new AtomicLong(1000);

  /** Like a Mongo ObjectId: creation seconds, then a per-emulator part and a counter. */
  String contactId(Instant created) {
    long seconds = Math.max(0, created.getEpochSecond()) & 0xffffffffL;
    return String.format("%08x%08x%08x", seconds, machine, counter.incrementAndGet() & 0xffffffffL);
  }

  String conversationId() {
    return Long.toString(conversations.incrementAndGet());
  }

  String tagId() {
    return Long.toString(tags.incrementAndGet());
  }

  String noteId() {
    return Long.toString(notes.incrementAndGet());
  }

  String requestId() {
    return UUID.randomUUID().toString();
  }
}
