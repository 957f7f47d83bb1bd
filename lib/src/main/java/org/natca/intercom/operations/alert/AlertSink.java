package org.natca.intercom.operations.alert;

/** Where alerts go. */
public interface AlertSink {
  /** Alerts are off. */
  AlertSink OFF = text -> false;

  /**
   * Delivers one message. Never throws: a delivery that fails is logged by the sink.
   *
   * @return true when the receiver accepted it
   */
  boolean send(String text);
}
