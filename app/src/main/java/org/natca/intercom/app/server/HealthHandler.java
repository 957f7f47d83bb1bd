package org.natca.intercom.app.server;

import java.util.Map;
import org.natca.intercom.member.MemberDatabaseException;
import org.natca.intercom.member.MemberRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /healthz}: 200 when this process and the member database answer, else 503. */
final class HealthHandler implements Route {
  private static final Logger log = LoggerFactory.getLogger(HealthHandler.class);

  private final MemberRepository members;

  /** @param members a repository over a pool that gives up quickly, so a health check never hangs */
  HealthHandler(MemberRepository members) {
    this.members = members;
  }

  @Override
  public Answer answer(HttpCall call) {
    if (!"GET".equals(call.method()) && !call.isHead()) {
      return Answer.methodNotAllowed("GET, HEAD");
    }
    try {
      members.ping();
    } catch (MemberDatabaseException e) {
      log.warn("health check answered 503: {}", e.getMessage());
      return Answer.json(503, Map.of("status", "unavailable", "database", "not answering"));
    }
    return Answer.json(200, Map.of("status", "ok", "database", "ok"));
  }
}
