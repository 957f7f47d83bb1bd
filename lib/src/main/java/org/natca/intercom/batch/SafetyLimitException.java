package org.natca.intercom.batch;

/** A run stopped by a safety limit before it wrote anything; the message says what and how to override. */
public final class SafetyLimitException extends RuntimeException {
  public SafetyLimitException(String message) {
    super(message);
  }
}
