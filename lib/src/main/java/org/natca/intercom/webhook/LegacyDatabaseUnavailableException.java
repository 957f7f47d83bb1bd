package org.natca.intercom.webhook;

import org.natca.intercom.member.MemberDatabaseException;

/**
 * The legacy MyNATCA MySQL database (the email fallback) failed, while the member database answered:
 * callers say which database is down, since {@code /healthz} rightly reports the member database fine.
 */
public final class LegacyDatabaseUnavailableException extends MemberDatabaseException {
  public LegacyDatabaseUnavailableException(MemberDatabaseException cause) {
    super(cause.getMessage(), cause);
  }
}
