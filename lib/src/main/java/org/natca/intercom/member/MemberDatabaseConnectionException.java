package org.natca.intercom.member;

/**
 * The database could not be reached or refused our credentials: nothing was read. Commands exit 3 on
 * this and name {@link #target()}.
 */
public final class MemberDatabaseConnectionException extends MemberDatabaseException {
  private final String target;

  public MemberDatabaseConnectionException(String message, String target, Throwable cause) {
    super(message, cause);
    this.target = target;
  }

  /** {@code host:port} of the database, or a description when it is not known. */
  public String target() {
    return target;
  }
}
