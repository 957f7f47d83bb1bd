package org.natca.intercom.client.http;

/** What a request does, which decides whether it counts as a write and when it may be sent again. */
public enum RequestKind {
  /** GET. */
  READ(false, true),
  /** A POST that only reads (contact or conversation search). */
  SEARCH(false, true),
  /** PUT, DELETE, archive/unarchive: sending it twice leaves the same state. */
  IDEMPOTENT_WRITE(true, true),
  /**
   * Create, merge, note, tag: a second copy could apply twice, so it is re-sent only when the first
   * cannot have reached Intercom (429, connection refused, unknown host).
   */
  NON_IDEMPOTENT_WRITE(true, false);

  private final boolean write;
  private final boolean retrySafe;

  RequestKind(boolean write, boolean retrySafe) {
    this.write = write;
    this.retrySafe = retrySafe;
  }

  public boolean isWrite() {
    return write;
  }

  /** Safe to send again after a 5xx, a timeout or a dropped connection. */
  public boolean isRetrySafe() {
    return retrySafe;
  }
}
