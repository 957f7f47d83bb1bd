package org.natca.intercom.webhook;

import java.util.Objects;

/** Sends each stored notification to the service for its topic. */
public final class WebhookEventHandler implements EventHandler {
  private final Enrichment enrichment;
  private final TagResync tagResync;

  public WebhookEventHandler(Enrichment enrichment, TagResync tagResync) {
    this.enrichment = Objects.requireNonNull(enrichment, "enrichment");
    this.tagResync = Objects.requireNonNull(tagResync, "tagResync");
  }

  @Override
  public EventOutcome handle(StoredEvent event, boolean lastAttempt) {
    Notification n = Notification.parseStored(event.payload());
    switch (n.topic()) {
      case Topics.USER_CREATED:
      case Topics.USER_REPLIED:
        return enrichment.enrich(n);
      case Topics.TAG_CREATED:
        return tagResync.handle(n, lastAttempt);
      default:
        return new EventOutcome.Ignored("topic " + n.topic() + " is not handled");
    }
  }
}
