package org.natca.intercom.app.server;

import java.util.Map;
import org.natca.intercom.webhook.IntakeResult;
import org.natca.intercom.webhook.LogText;
import org.natca.intercom.webhook.ReceivedBody;
import org.natca.intercom.webhook.WebhookService;
import org.natca.intercom.webhook.WebhookSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/intercom/webhook}: HEAD answers 200 (Intercom's URL check); POST hands the body (read
 * by the server, at most 1 MiB) to the service, which checks the signature, parses and stores, and
 * the answer follows what it says.
 */
final class WebhookIntakeHandler implements Route {
  private static final Logger log = LoggerFactory.getLogger(WebhookIntakeHandler.class);
  private static final Map<String, Object> RECEIVED = Map.of("received", true);
  private static final long SLOW_NANOS = 1_000_000_000L;

  private final WebhookService service;

  WebhookIntakeHandler(WebhookService service) {
    this.service = service;
  }

  @Override
  public boolean readsBody(String method) {
    return "POST".equals(method);
  }

  @Override
  public Answer answer(HttpCall call) {
    switch (call.method()) {
      case "HEAD":
        return Answer.empty(200);
      case "POST":
        return intake(call);
      default:
        return Answer.methodNotAllowed("HEAD, POST");
    }
  }

  private Answer intake(HttpCall call) {
    ReceivedBody body = call.body();
    long t0 = System.nanoTime();
    IntakeResult result = service.accept(body, call.header(WebhookSignature.HEADER));
    long millis = (System.nanoTime() - t0) / 1_000_000;
    if (millis * 1_000_000 > SLOW_NANOS) {
      // Intercom gives up after 5 s; a slow database shows here long before that
      log.warn("slow acknowledgement: checking and storing took {} ms", millis);
    }
    if (result instanceof IntakeResult.Stored) {
      return Answer.json(200, RECEIVED);
    }
    if (result instanceof IntakeResult.Duplicate d) {
      log.info("{} {}: delivered again; acknowledged, not processed again", LogText.clean(d.id()), LogText.clean(d.topic()));
      return Answer.json(200, RECEIVED);
    }
    if (result instanceof IntakeResult.Ignored i) {
      log.debug("{} acknowledged and ignored", LogText.clean(i.topic()));
      return Answer.json(200, RECEIVED);
    }
    if (result instanceof IntakeResult.Stale s) {
      log.info("{} {}: created {} s ago, older than the dedupe window: acknowledged, not processed",
          LogText.clean(s.id()), LogText.clean(s.topic()), s.ageSeconds());
      return Answer.json(200, RECEIVED);
    }
    if (result instanceof IntakeResult.BadSignature bad) {
      log.warn("webhook refused: {} X-Hub-Signature ({} bytes from {})", bad.missing() ? "missing" : "wrong",
          body.length(), LogText.clean(call.remote()));
      return Answer.error(401, "invalid signature");
    }
    if (result instanceof IntakeResult.Malformed m) {
      log.warn("webhook refused: {} ({} bytes from {})", LogText.clean(m.reason()), body.length(), LogText.clean(call.remote()));
      return Answer.error(400, m.reason());
    }
    IntakeResult.Unavailable u = (IntakeResult.Unavailable) result;
    log.warn("webhook not stored, answered 503 so Intercom delivers it again: {}", LogText.clean(u.reason()));
    return Answer.error(503, "temporarily unable to store the notification").with("Retry-After", "60");
  }
}
