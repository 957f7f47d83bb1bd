package org.natca.intercom.webhook;

import java.time.Duration;
import java.util.Objects;
import org.natca.intercom.member.MemberDatabaseException;

/**
 * webhook-serve without HTTP: takes deliveries in (signature, notification, durable store, in that
 * order), and runs the workers that process what was stored.
 */
public final class WebhookService {
  private final WebhookSignature signature;
  private final WebhookInbox inbox;
  private final EventWorkers workers;

  public WebhookService(WebhookSignature signature, WebhookInbox inbox, EventWorkers workers) {
    this.signature = Objects.requireNonNull(signature, "signature");
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.workers = Objects.requireNonNull(workers, "workers");
  }

  /**
   * Prepares the inbox's schema and starts the workers, which first take whatever an earlier run left.
   *
   * @throws MemberDatabaseException when the database cannot be used
   */
  public void start() {
    inbox.migrate();
    workers.start();
  }

  /**
   * One delivery: the signature is checked over the raw bytes before anything reads them; then the
   * notification is parsed and, for a topic we act on, stored before this returns.
   */
  public IntakeResult accept(byte[] body, String signatureHeader) {
    if (!signature.matches(body, signatureHeader)) {
      return new IntakeResult.BadSignature(signatureHeader == null || signatureHeader.isBlank());
    }
    Notification n;
    try {
      n = Notification.parse(body);
    } catch (InvalidNotificationException e) {
      return new IntakeResult.Malformed(e.getMessage());
    }
    if (n.isPing() || !Topics.HANDLED.contains(n.topic())) {
      return new IntakeResult.Ignored(n.topic());
    }
    boolean stored;
    try {
      stored = inbox.store(n);
    } catch (MemberDatabaseException e) {
      return new IntakeResult.Unavailable(e.getMessage());
    }
    if (!stored) {
      return new IntakeResult.Duplicate(n.id(), n.topic());
    }
    workers.wake();
    return new IntakeResult.Stored(n.id(), n.topic());
  }

  /** Stops the workers, letting running events finish within {@code grace}; true when all did. */
  public boolean stop(Duration grace) {
    return workers.stop(grace);
  }

  public WebhookInbox inbox() {
    return inbox;
  }
}
