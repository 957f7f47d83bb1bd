package org.natca.intercom.client.error;

import java.time.Instant;
import java.util.List;

/** Intercom kept answering 429 after the client waited for the limit to reset as often as allowed. */
public final class IntercomRateLimitException extends IntercomException {

  private static final long serialVersionUID = 1L;

  private final Instant resetAt;

  public IntercomRateLimitException(
      String message, String requestId, List<ErrorDetail> errors, Instant resetAt) {
    super(message, 429, requestId, errors);
    this.resetAt = resetAt;
  }

  /** When Intercom said the limit would reset the last time. */
  public Instant resetAt() {
    return resetAt;
  }
}
