package org.natca.intercom.member;

/** A database URL, schema or connection setting that cannot be used; the message names it, never a password (exit 2). */
public final class DatabaseSettingException extends IllegalArgumentException {
  public DatabaseSettingException(String message) {
    super(message);
  }
}
