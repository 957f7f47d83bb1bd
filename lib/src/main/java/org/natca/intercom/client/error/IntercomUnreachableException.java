package org.natca.intercom.client.error;

import java.util.List;

/**
 * No answer at all from Intercom (status 0): connection refused, unknown host, timeouts or dropped
 * connections after the allowed retries. The message names the host and port.
 */
public final class IntercomUnreachableException extends IntercomException {

  private static final long serialVersionUID = 1L;

  public IntercomUnreachableException(String message, Throwable cause) {
    super(message, 0, null, List.of(), cause);
  }
}
