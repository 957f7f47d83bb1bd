package org.natca.intercom.webhook;

/** The body is not a webhook notification; the message says why in a few words (never the body). */
public final class InvalidNotificationException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidNotificationException(String message) {
    super(message);
  }
}
