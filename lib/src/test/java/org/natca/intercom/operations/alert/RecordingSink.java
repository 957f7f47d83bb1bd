package org.natca.intercom.operations.alert;

import java.util.ArrayList;
import java.util.List;

/** Keeps what it was asked to send; answers as told. */
final class RecordingSink implements AlertSink {
  final List<String> sent = new ArrayList<>();
  boolean accept = true;

  @Override
  public synchronized boolean send(String text) {
    sent.add(text);
    return accept;
  }
}
