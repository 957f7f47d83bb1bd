package org.natca.intercom.member;

import com.zaxxer.hikari.HikariDataSource;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.ds.common.BaseDataSource;

/** Turns a {@link SQLException} into the member exception family, in one place. */
public final class SqlFailures {
  private SqlFailures() {}

  /**
   * {@code what} failed: a {@link MemberDatabaseConnectionException} naming host and port when the
   * database could not be used at all, else a {@link MemberDatabaseException}; never holds a password.
   */
  public static MemberDatabaseException translate(String what, SQLException e, DataSource dataSource) {
    String detail = redact(databaseMessage(e), dataSource);
    if (isConnectionFailure(e)) {
      String target = target(dataSource);
      return new MemberDatabaseConnectionException(
          what + " failed: cannot connect to the database at " + target + ": " + detail, target, e);
    }
    String hint = isMissingRelation(e) ? " (is the schema name right?)" : "";
    return new MemberDatabaseException(what + " failed: " + detail + hint, e);
  }

  /**
   * Connection refused, unknown host, timeouts while connecting (SQLState class 08), bad credentials
   * (class 28) and a missing database (3D000): the database was not usable at all.
   */
  static boolean isConnectionFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException) {
        return true;
      }
      if (t instanceof SQLException) {
        String state = ((SQLException) t).getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("28") || state.equals("3D000"))) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static boolean isMissingRelation(SQLException e) {
    String state = e.getSQLState();
    return "42P01".equals(state) || "3F000".equals(state);
  }

  /**
   * The most specific message: the innermost SQLException's (the driver's own words, not the pool's
   * "request timed out"), else the outer one's.
   */
  private static String databaseMessage(SQLException e) {
    String message = e.getMessage();
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof SQLException && t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    // one line; pgjdbc's "Position: 15" (where in our SQL) helps nobody reading a log
    return message.replaceAll("\\R\\s*Position: \\d+", "").replaceAll("\\s*\\R\\s*", " ").strip();
  }

  /** Belt and braces: drivers do not echo passwords, but a message must never carry one. */
  private static String redact(String message, DataSource dataSource) {
    if (dataSource instanceof HikariDataSource) {
      String password = ((HikariDataSource) dataSource).getPassword();
      // a very short password would mangle ordinary words; drivers never echo it anyway
      if (password != null && password.length() >= 4) {
        return message.replace(password, "****");
      }
    }
    return message;
  }

  /** {@code host:port} of the data source, as far as it can be told. */
  static String target(DataSource dataSource) {
    try {
      if (dataSource instanceof HikariDataSource) {
        String url = ((HikariDataSource) dataSource).getJdbcUrl();
        if (url != null) {
          return targetOfJdbcUrl(url);
        }
      }
      if (dataSource instanceof BaseDataSource) {
        BaseDataSource pg = (BaseDataSource) dataSource;
        return pg.getServerNames()[0] + ":" + pg.getPortNumbers()[0];
      }
    } catch (RuntimeException ignored) {
      // fall through to the generic description
    }
    return "(unknown host)";
  }

  static String targetOfJdbcUrl(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      Properties props = org.postgresql.Driver.parseURL(url, null);
      if (props != null) {
        return first(props.getProperty("PGHOST")) + ":" + first(props.getProperty("PGPORT"));
      }
    }
    int start = url.indexOf("://");
    if (start >= 0) {
      String rest = url.substring(start + 3);
      int end = rest.length();
      for (char c : new char[] {'/', '?', ','}) {
        int i = rest.indexOf(c);
        if (i >= 0 && i < end) {
          end = i;
        }
      }
      return rest.substring(0, end);
    }
    return "(unknown host)";
  }

  private static String first(String commaSeparated) {
    int comma = commaSeparated.indexOf(',');
    return comma < 0 ? commaSeparated : commaSeparated.substring(0, comma);
  }
}
