package org.natca.intercom.app.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import org.natca.intercom.member.MemberDatabaseException;
import org.natca.intercom.member.MemberRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /healthz}: 200 when this process and the member database answer, else 503. */
final class HealthHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(HealthHandler.class);

  private final MemberRepository members;

  /** @param members a repository over a pool that gives up quickly, so a health check never hangs */
  HealthHandler(MemberRepository members) {
    this.members = members;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      Exchanges.methodNotAllowed(exchange, "GET, HEAD");
      return;
    }
    try {
      members.ping();
    } catch (MemberDatabaseException e) {
      log.warn("health check answered 503: {}", e.getMessage());
      Exchanges.json(exchange, 503, Map.of("status", "unavailable", "database", "not answering"));
      return;
    }
    Exchanges.json(exchange, 200, Map.of("status", "ok", "database", "ok"));
  }
}
