package org.natca.intercom.audit;

/** An audit journal that cannot be created or read back: the message names the file (and line); nothing was done (exit 2). */
public final class JournalException extends RuntimeException {
  public JournalException(String message) {
    super(message);
  }

  public JournalException(String message, Throwable cause) {
    super(message, cause);
  }
}
