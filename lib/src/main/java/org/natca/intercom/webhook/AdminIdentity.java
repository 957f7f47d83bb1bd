package org.natca.intercom.webhook;

import java.util.Objects;
import org.natca.intercom.client.IntercomClient;

/** The admin who removes tags and writes notes: INTERCOM_ADMIN_ID, else the token's admin ({@code GET /me}), asked once. */
public final class AdminIdentity {
  private final IntercomClient client;
  private final String configured;
  private volatile String fromToken;

  /** @param configured INTERCOM_ADMIN_ID, or null to ask Intercom */
  public AdminIdentity(IntercomClient client, String configured) {
    this.client = Objects.requireNonNull(client, "client");
    this.configured = configured == null || configured.isBlank() ? null : configured.strip();
  }

  public String id() {
    if (configured != null) {
      return configured;
    }
    String id = fromToken;
    if (id == null) {
      // a race only costs a second GET /me; a failure is not cached, so the next event asks again
      id = client.me().id();
      if (id == null || id.isBlank()) {
        throw new IllegalStateException("GET /me named no admin id; set INTERCOM_ADMIN_ID");
      }
      fromToken = id;
    }
    return id;
  }
}
