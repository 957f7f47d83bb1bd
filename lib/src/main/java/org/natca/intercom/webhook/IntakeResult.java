package org.natca.intercom.webhook;

/** What became of one delivery; the HTTP layer answers accordingly. */
public sealed interface IntakeResult {

  /** Missing or wrong {@code X-Hub-Signature}: 401, nothing parsed or stored. */
  record BadSignature(boolean missing) implements IntakeResult {}

  /** Signed, but not a notification: 400. */
  record Malformed(String reason) implements IntakeResult {}

  /** Stored for the workers: 200. */
  record Stored(String id, String topic) implements IntakeResult {}

  /** This id was stored before (Intercom delivered it again): 200, not processed again. */
  record Duplicate(String id, String topic) implements IntakeResult {}

  /** A ping or a topic nobody acts on: 200, not stored. */
  record Ignored(String topic) implements IntakeResult {}

  /**
   * Created longer ago than the inbox remembers ids (a replayed body): 200, not stored, not processed,
   * since an event this old may have been processed already and forgotten.
   */
  record Stale(String id, String topic, long ageSeconds) implements IntakeResult {}

  /** It could not be stored (database down): 503, so Intercom delivers it again later. */
  record Unavailable(String reason) implements IntakeResult {}
}
