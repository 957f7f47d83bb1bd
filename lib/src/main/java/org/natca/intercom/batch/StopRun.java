package org.natca.intercom.batch;

/**
 * A failure after which no unit may go on (e.g. the audit's journal could not record a write Intercom
 * confirmed): the unit fails and the run stops with this message.
 */
public class StopRun extends RuntimeException {
  public StopRun(String message, Throwable cause) {
    super(message, cause);
  }
}
