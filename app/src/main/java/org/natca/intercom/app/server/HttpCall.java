package org.natca.intercom.app.server;

import org.eclipse.jetty.http.HttpFields;
import org.natca.intercom.webhook.ReceivedBody;

/**
 * One request as a {@link Route} sees it: method, path, raw query, headers, the client's address and
 * the body, already read in full, in pieces (empty unless the route asked for it; at most 1 MiB).
 */
record HttpCall(String method, String path, String rawQuery, HttpFields headers, String remote, ReceivedBody body) {

  /** The first value of a request header, or null. */
  String header(String name) {
    return headers.get(name);
  }

  boolean hasHeader(String name) {
    return headers.contains(name);
  }

  boolean isHead() {
    return "HEAD".equals(method);
  }
}
