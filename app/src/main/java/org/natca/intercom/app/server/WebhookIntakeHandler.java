package org.natca.intercom.app.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import org.natca.intercom.webhook.IntakeResult;
import org.natca.intercom.webhook.WebhookService;
import org.natca.intercom.webhook.WebhookSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/intercom/webhook}: HEAD answers 200 (Intercom's URL check); POST reads at most 1 MiB,
 * then the service checks the signature, parses and stores, and the answer follows what it says.
 */
final class WebhookIntakeHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(WebhookIntakeHandler.class);
  static final int MAX_BODY_BYTES = 1 << 20;
  private static final Map<String, Object> RECEIVED = Map.of("received", true);
  private static final long SLOW_NANOS = 1_000_000_000L;

  private final WebhookService service;

  WebhookIntakeHandler(WebhookService service) {
    this.service = service;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    switch (exchange.getRequestMethod()) {
      case "HEAD":
        exchange.sendResponseHeaders(200, -1);
        return;
      case "POST":
        intake(exchange);
        return;
      default:
        Exchanges.methodNotAllowed(exchange, "HEAD, POST");
    }
  }

  private void intake(HttpExchange exchange) throws IOException {
    long declared = Exchanges.contentLength(exchange);
    if (declared > MAX_BODY_BYTES) {
      tooLarge(exchange, declared + " bytes declared");
      return;
    }
    long t0 = System.nanoTime();
    byte[] body = Exchanges.readAtMost(exchange, MAX_BODY_BYTES);
    if (body.length > MAX_BODY_BYTES) {
      tooLarge(exchange, "more than " + MAX_BODY_BYTES + " bytes sent");
      return;
    }
    long t1 = System.nanoTime();
    IntakeResult result = service.accept(body, exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER));
    long t2 = System.nanoTime();
    if (t2 - t0 > SLOW_NANOS) {
      // Intercom gives up after 5 s; a slow database shows here long before that
      log.warn("slow acknowledgement: {} ms (reading the body {} ms, checking and storing {} ms)",
          (t2 - t0) / 1_000_000, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }
    if (result instanceof IntakeResult.Stored || result instanceof IntakeResult.Duplicate
        || result instanceof IntakeResult.Ignored) {
      if (result instanceof IntakeResult.Duplicate d) {
        log.info("{} {}: delivered again; acknowledged, not processed again", d.id(), d.topic());
      } else if (result instanceof IntakeResult.Ignored i) {
        log.debug("{} acknowledged and ignored", i.topic());
      }
      Exchanges.json(exchange, 200, RECEIVED);
    } else if (result instanceof IntakeResult.BadSignature bad) {
      log.warn("webhook refused: {} X-Hub-Signature ({} bytes from {})", bad.missing() ? "missing" : "wrong",
          body.length, Exchanges.remote(exchange));
      Exchanges.error(exchange, 401, "invalid signature");
    } else if (result instanceof IntakeResult.Malformed m) {
      log.warn("webhook refused: {} ({} bytes from {})", m.reason(), body.length, Exchanges.remote(exchange));
      Exchanges.error(exchange, 400, m.reason());
    } else {
      IntakeResult.Unavailable u = (IntakeResult.Unavailable) result;
      log.warn("webhook not stored, answered 503 so Intercom delivers it again: {}", u.reason());
      exchange.getResponseHeaders().set("Retry-After", "60");
      Exchanges.error(exchange, 503, "temporarily unable to store the notification");
    }
  }

  private static void tooLarge(HttpExchange exchange, String what) throws IOException {
    log.warn("webhook refused: body over 1 MiB ({}, from {})", what, Exchanges.remote(exchange));
    // the rest of the body is not read: the server closes this connection instead of reusing it
    exchange.getResponseHeaders().set("Connection", "close");
    Exchanges.error(exchange, 413, "the body is larger than 1 MiB");
  }
}
