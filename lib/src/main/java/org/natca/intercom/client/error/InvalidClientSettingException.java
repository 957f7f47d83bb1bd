package org.natca.intercom.client.error;

/** The client was built with a missing or out-of-range setting; the message names it (exit 2). */
public final class InvalidClientSettingException extends IllegalArgumentException {
  public InvalidClientSettingException(String message) {
    super(message);
  }
}
