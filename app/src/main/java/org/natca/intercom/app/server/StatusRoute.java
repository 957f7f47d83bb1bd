package org.natca.intercom.app.server;

import java.time.Clock;
import org.natca.intercom.operations.status.Health;
import org.natca.intercom.operations.status.Status;
import org.natca.intercom.operations.status.StatusHtml;
import org.natca.intercom.operations.status.StatusJson;
import org.natca.intercom.operations.status.StatusPageData;
import org.natca.intercom.operations.status.StatusReader;
import org.natca.intercom.webhook.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /status} (the status page, HTML) and {@code GET /status.json} (its data, exactly as
 * {@code status --json}) behind HTTP Basic whose password is STATUS_TOKEN, any user name. Without a
 * configured token neither path exists (404). 200 when the database was read (healthy or not); 503,
 * with the page or JSON saying so, when it could not be.
 */
final class StatusRoute implements Route {
  private static final Logger log = LoggerFactory.getLogger(StatusRoute.class);
  static final String CHALLENGE = "Basic realm=\"natca-intercom status\", charset=\"UTF-8\"";
  private static final String HTML = "text/html; charset=utf-8";
  private static final String JSON = "application/json; charset=utf-8";
  /** Nothing but the inline style may load or run, should an escaping bug ever let markup through. */
  private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none';"
      + " frame-ancestors 'none'";

  private final SecretGate gate;
  private final StatusReader reader;
  private final IntercomAppId appId;

  StatusRoute(StatusSource source, RefusalLimiter refusals, Clock clock) {
    BasicPassword password = source.served() ? new BasicPassword(source.token()) : null;
    this.gate = new SecretGate(password == null ? null : password::matches, refusals, "status page password",
        Answer.error(401, "the status page needs its password (STATUS_TOKEN) by HTTP Basic, any user name")
            .with("WWW-Authenticate", CHALLENGE));
    this.reader = source.reader();
    this.appId = new IntercomAppId(source.appId(), clock);
  }

  @Override
  public Answer answer(HttpCall call) {
    Answer refused = gate.refusal(call);
    if (refused != null) {
      return refused;
    }
    if (call.path().endsWith(".json")) {
      Status status = reader.read();
      logUnreachable(status);
      return Answer.text(code(status), JSON, StatusJson.write(status));
    }
    StatusPageData data = reader.readPage();
    logUnreachable(data.status());
    // the database first: a page for an unreachable database needs no links
    StatusHtml.IntercomLinks links = data.status().health() == Health.UNREACHABLE
        ? StatusHtml.IntercomLinks.none("the database is unreachable") : appId.links();
    return Answer.text(code(data.status()), HTML, StatusHtml.render(data, links))
        .with("Content-Security-Policy", CSP)
        .with("X-Content-Type-Options", "nosniff")
        .with("Referrer-Policy", "no-referrer");
  }

  private static int code(Status status) {
    return status.health() == Health.UNREACHABLE ? 503 : 200;
  }

  private static void logUnreachable(Status status) {
    if (status.health() == Health.UNREACHABLE) {
      log.warn("status page answered 503: {}",
          status.attention().isEmpty() ? "database unreachable" : LogText.clean(status.attention().get(0)));
    }
  }
}
