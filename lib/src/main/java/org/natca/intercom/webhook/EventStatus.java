package org.natca.intercom.webhook;

import java.util.Locale;

/** Where a stored notification is: waiting (also between retries), taken by a worker, or finished. */
public enum EventStatus {
  PENDING, PROCESSING, DONE, FAILED;

  String sql() {
    return name().toLowerCase(Locale.ROOT);
  }

  static EventStatus of(String sql) {
    return valueOf(sql.toUpperCase(Locale.ROOT));
  }
}
