package org.natca.intercom.app.server;

import java.util.function.Supplier;
import org.natca.intercom.operations.status.StatusReader;

/**
 * What {@code GET /status} and {@code GET /status.json} need from the rest of the process.
 *
 * @param token STATUS_TOKEN, the page's password; null when unset (then both paths answer 404)
 * @param reader the status of the member database; null when the token is unset
 * @param appId asks Intercom's {@code GET /me} for {@code app.id_code} (the contact links)
 */
public record StatusSource(String token, StatusReader reader, Supplier<String> appId) {
  /** Not served. */
  public static final StatusSource OFF = new StatusSource(null, null, () -> null);

  public boolean served() {
    return token != null && !token.isBlank() && reader != null;
  }
}
