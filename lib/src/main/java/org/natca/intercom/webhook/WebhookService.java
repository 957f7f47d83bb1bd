package org.natca.intercom.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.natca.intercom.member.MemberDatabaseException;

/**
 * webhook-serve without HTTP: takes deliveries in (signature, notification, durable store, in that
 * order), and runs the workers that process what was stored.
 */
public final class WebhookService {
  /** Statements storing deliveries at once; each stores every delivery waiting when it starts. */
  private static final int WRITERS = 2;
  /** A delivery not stored by then is refused with 503: Intercom itself gives up after 5 s. */
  private static final Duration STORE_WAIT = Duration.ofSeconds(4);

  private final WebhookSignature signature;
  private final WebhookInbox inbox;
  private final EventWorkers workers;
  private final Duration dedupeWindow;
  private final Clock clock;
  private volatile InboxWriter writer;

  /**
   * @param dedupeWindow how long the inbox remembers an id (finished events are deleted after it); a
   *     notification created longer ago than this is acknowledged and not processed
   */
  public WebhookService(WebhookSignature signature, WebhookInbox inbox, EventWorkers workers, Duration dedupeWindow,
      Clock clock) {
    this.signature = Objects.requireNonNull(signature, "signature");
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.workers = Objects.requireNonNull(workers, "workers");
    this.dedupeWindow = Objects.requireNonNull(dedupeWindow, "dedupeWindow");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Prepares the inbox's schema and starts the workers, which first take whatever an earlier run left.
   *
   * @throws MemberDatabaseException when the database cannot be used
   */
  public synchronized void start() {
    inbox.migrate();
    writer = new InboxWriter(inbox, WRITERS, STORE_WAIT);
    workers.start();
  }

  /**
   * One delivery: the signature is checked over the raw bytes before anything reads them; then the
   * notification is parsed and, for a topic we act on, stored before this returns.
   */
  public IntakeResult accept(byte[] body, String signatureHeader) {
    return accept(ReceivedBody.of(body), signatureHeader);
  }

  /** As {@link #accept(byte[], String)}, for a body received in pieces. */
  public IntakeResult accept(ReceivedBody body, String signatureHeader) {
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
    long age = clock.instant().getEpochSecond() - n.createdAt();
    if (n.createdAt() > 0 && age > dedupeWindow.toSeconds()) {
      // its id may have been stored, processed and deleted since: processing it again could repeat its work
      return new IntakeResult.Stale(n.id(), n.topic(), age);
    }
    InboxWriter w = writer;
    if (w == null) {
      return new IntakeResult.Unavailable("not started");
    }
    boolean stored;
    try {
      stored = w.store(n);
    } catch (MemberDatabaseException e) {
      return new IntakeResult.Unavailable(e.getMessage());
    }
    if (!stored) {
      return new IntakeResult.Duplicate(n.id(), n.topic());
    }
    workers.wake();
    return new IntakeResult.Stored(n.id(), n.topic());
  }

  /**
   * Stops storing (deliveries still waiting are refused, so Intercom delivers them again), then the
   * workers, letting running events finish within {@code grace}; true when all did.
   */
  public boolean stop(Duration grace) {
    InboxWriter w;
    synchronized (this) {
      w = writer;
      writer = null;
    }
    if (w != null) {
      w.close();
    }
    return workers.stop(grace);
  }

  public WebhookInbox inbox() {
    return inbox;
  }
}
