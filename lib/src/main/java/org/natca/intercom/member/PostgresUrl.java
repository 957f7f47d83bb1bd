package org.natca.intercom.member;

/**
 * {@code DATABASE_URL} taken apart: a JDBC URL without credentials (parameters included, ready for
 * the driver), the credentials on their own, and the first host and port for messages.
 */
public record PostgresUrl(String jdbcUrl, String user, String password, String host, int port, String database) {

  /** {@code host:port}, for "cannot connect" messages. */
  public String target() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public String toString() {
    return "PostgresUrl[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + (password == null ? "none" : "****") + "]";
  }
}
