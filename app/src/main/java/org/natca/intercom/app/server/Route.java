package org.natca.intercom.app.server;

/**
 * The handler of one path of {@link WebhookServer}. It runs on one of the server's bounded pool of
 * threads and may block (database, Intercom); the server has already read the body it asked for.
 */
interface Route {

  /** Whether the body of a request with this method is read (at most 1 MiB, else 413) before {@link #answer}. */
  default boolean readsBody(String method) {
    return false;
  }

  Answer answer(HttpCall call);
}
