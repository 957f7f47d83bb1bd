package org.natca.intercom.member;

/**
 * A member database (PostgreSQL or the legacy MySQL) failed. The message says what was being done and
 * what the database answered; it never holds a password.
 */
public class MemberDatabaseException extends RuntimeException {
  public MemberDatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
