package org.natca.intercom.member;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Connection pools for the member database (PostgreSQL, often through Supabase's transaction pooler)
 * and the legacy MySQL database.
 *
 * <p>Pooler rules: in transaction mode every transaction may run on a different server connection, so
 * nothing may rely on session state. Server-side prepared statements are off ({@code prepareThreshold=0});
 * the schema is not set on the session either ({@code currentSchema} travels as a {@code search_path}
 * startup parameter, which PgBouncer rejects and Supavisor drops), so every query names its tables
 * with {@link #quoteIdentifier quoted} schema.
 */
public final class Databases {
  public static final int POSTGRES_DEFAULT_PORT = 5432;
  public static final int MAX_POOL_SIZE = 4;
  public static final long CONNECTION_TIMEOUT_MILLIS = 10_000;
  public static final String APPLICATION_NAME = "natca-intercom";
  /**
   * The legacy MySQL database is only an email fallback of webhook-serve: while it is down a lookup must
   * answer within 3 s and an enrichment must not hold a worker longer, so a connection is given 2 s
   * (the pool's wait, and the driver's connect) and a query 1.5 s (a server that hangs mid-query; the lookup is one small query).
   */
  public static final long LEGACY_CONNECTION_TIMEOUT_MILLIS = 2_000;
  public static final long LEGACY_SOCKET_TIMEOUT_MILLIS = 1_500;

  private static final Set<String> SSL_MODES =
      Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
  /** libpq spellings of parameters that pgjdbc names differently. */
  private static final Map<String, String> LIBPQ_TO_PGJDBC = Map.of(
      "connect_timeout", "connectTimeout",
      "application_name", "ApplicationName");
  private static final String USAGE = "expected postgres://user:password@host:port/database or jdbc:postgresql://host:port/database";

  private Databases() {}

  /**
   * A small pool for {@code DATABASE_URL}. Creating it never connects: when the database is down the
   * first query fails (after {@link #CONNECTION_TIMEOUT_MILLIS}), not start-up.
   *
   * @param schema {@code DATABASE_SCHEMA}; only checked here, the repository puts it into its SQL
   * @throws DatabaseSettingException when the URL or schema is unusable
   */
  public static HikariDataSource postgres(String databaseUrl, String schema, String poolName) {
    return postgres(databaseUrl, schema, poolName, CONNECTION_TIMEOUT_MILLIS);
  }

  static HikariDataSource postgres(String databaseUrl, String schema, String poolName, long connectionTimeoutMillis) {
    return postgres(databaseUrl, schema, poolName, MAX_POOL_SIZE, connectionTimeoutMillis);
  }

  /**
   * A pool of its own size and connection timeout for the same database, e.g. webhook-serve's intake
   * pool, which must give up quickly (and answer 503) rather than keep Intercom waiting.
   */
  public static HikariDataSource postgres(String databaseUrl, String schema, String poolName, int maxPoolSize,
      long connectionTimeoutMillis) {
    PostgresUrl url = parsePostgresUrl(databaseUrl);
    if (schema == null || schema.isBlank()) {
      throw new DatabaseSettingException("DATABASE_SCHEMA is empty; leave it unset for the default schema 'public'");
    }
    quoteIdentifier(schema);
    HikariConfig config = baseConfig(poolName, maxPoolSize, connectionTimeoutMillis);
    // a connection that died with the database is noticed within the connection timeout, not 5 s later
    config.setValidationTimeout(Math.max(250, Math.min(5_000, connectionTimeoutMillis / 2)));
    config.setDriverClassName("org.postgresql.Driver");
    config.setJdbcUrl(url.jdbcUrl());
    config.setUsername(url.user());
    config.setPassword(url.password());
    return new HikariDataSource(config);
  }

  /**
   * A pool of at most two connections to the legacy MyNATCA MySQL database (read only by us) that gives
   * up quickly: see {@link #LEGACY_CONNECTION_TIMEOUT_MILLIS}.
   */
  public static HikariDataSource mysql(String host, int port, String user, String password, String database) {
    return mysql(host, port, user, password, database, LEGACY_CONNECTION_TIMEOUT_MILLIS);
  }

  static HikariDataSource mysql(String host, int port, String user, String password, String database,
      long connectionTimeoutMillis) {
    HikariConfig config = baseConfig("legacy-mysql", 2, connectionTimeoutMillis);
    // a pooled connection that died with the server is found out within half the wait, leaving time for a new one
    config.setValidationTimeout(Math.max(250, connectionTimeoutMillis / 2));
    config.setDriverClassName("com.mysql.cj.jdbc.Driver");
    config.setJdbcUrl(mysqlJdbcUrl(host, port, database));
    if (user == null || user.isBlank()) {
      throw new DatabaseSettingException("MYSQL_USER is not set (needed because MYSQL_HOST is set)");
    }
    config.setUsername(user);
    config.setPassword(password);
    return new HikariDataSource(config);
  }

  /** The JDBC URL for the legacy MySQL database; the credentials go separately. */
  public static String mysqlJdbcUrl(String host, int port, String database) {
    if (host == null || host.isBlank()) {
      throw new DatabaseSettingException("MYSQL_HOST is empty");
    }
    if (port < 1 || port > 65535) {
      throw new DatabaseSettingException("MYSQL_PORT must be a port number between 1 and 65535, got " + port);
    }
    if (database == null || database.isBlank()) {
      throw new DatabaseSettingException("MYSQL_DB is not set (needed because MYSQL_HOST is set)");
    }
    String h = host.strip();
    return "jdbc:mysql://" + (h.indexOf(':') >= 0 && !h.startsWith("[") ? "[" + h + "]" : h) + ":" + port + "/"
        + URLEncoder.encode(database.strip(), StandardCharsets.UTF_8)
        + "?connectTimeout=" + LEGACY_CONNECTION_TIMEOUT_MILLIS + "&socketTimeout=" + LEGACY_SOCKET_TIMEOUT_MILLIS
        + "&characterEncoding=UTF-8";
  }

  private static HikariConfig baseConfig(String poolName, int maxPoolSize, long connectionTimeoutMillis) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(poolName);
    config.setMaximumPoolSize(maxPoolSize);
    // No idle connections kept warm: runs are short, and an idle pool makes no background attempts.
    config.setMinimumIdle(0);
    config.setConnectionTimeout(connectionTimeoutMillis);
    // Do not connect while building the pool: a down database shows up on first use, as a clear error.
    config.setInitializationFailTimeout(-1);
    return config;
  }

  /**
   * {@code name} as a quoted SQL identifier ({@code "my ""odd"" schema"}), safe to put into SQL text.
   *
   * @throws DatabaseSettingException for an empty name or one with a NUL character
   */
  public static String quoteIdentifier(String name) {
    if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
      throw new DatabaseSettingException("DATABASE_SCHEMA is not a usable schema name");
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /**
   * Takes {@code DATABASE_URL} apart. Accepts {@code postgres://} and {@code postgresql://} URLs as
   * Supabase and libpq write them (user and password percent-decoded; an unencoded {@code @} in the
   * password works because the last {@code @} ends the user info; {@code connect_timeout} and
   * {@code application_name} are translated to pgjdbc's names) and {@code jdbc:postgresql:} URLs
   * (user and password may be query parameters). Other query parameters, {@code sslmode} among them,
   * are passed to the driver as they are; {@code prepareThreshold} is always 0.
   *
   * @throws DatabaseSettingException naming {@code DATABASE_URL} and what is wrong; never quoting the URL
   */
  public static PostgresUrl parsePostgresUrl(String databaseUrl) {
    if (databaseUrl == null || databaseUrl.isBlank()) {
      throw invalid("is not set");
    }
    String url = databaseUrl.strip();
    boolean jdbc = url.regionMatches(true, 0, "jdbc:postgresql:", 0, "jdbc:postgresql:".length());
    String rest;
    if (jdbc) {
      rest = url.substring("jdbc:postgresql:".length());
      // jdbc:postgresql:database and jdbc:postgresql:/ mean localhost:5432
      rest = rest.startsWith("//") ? rest.substring(2) : "localhost/" + (rest.startsWith("/") ? rest.substring(1) : rest);
    } else {
      int schemeEnd = url.indexOf("://");
      String scheme = schemeEnd < 0 ? "" : url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
      if (!scheme.equals("postgres") && !scheme.equals("postgresql")) {
        String shown = scheme.matches("[a-z][a-z0-9+.-]{0,20}") ? "'" + scheme + "://'" : "no scheme";
        throw invalid("must start with postgres://, postgresql:// or jdbc:postgresql: (it has " + shown + "); " + USAGE);
      }
      rest = url.substring(schemeEnd + 3);
    }

    String user = null;
    String password = null;
    int at = rest.lastIndexOf('@');
    if (jdbc) {
      int q = rest.indexOf('?');
      if (at >= 0 && (q < 0 || at < q)) {
        throw invalid("puts user:password@ into a jdbc:postgresql: URL; use ?user=...&password=... there");
      }
    } else if (at >= 0) {
      String userInfo = rest.substring(0, at);
      rest = rest.substring(at + 1);
      int colon = userInfo.indexOf(':');
      user = percentDecode(colon < 0 ? userInfo : userInfo.substring(0, colon), false);
      password = colon < 0 ? null : percentDecode(userInfo.substring(colon + 1), false);
    }

    int query = rest.indexOf('?');
    String queryString = query < 0 ? "" : rest.substring(query + 1);
    String hostAndPath = query < 0 ? rest : rest.substring(0, query);
    int slash = hostAndPath.indexOf('/');
    String hostList = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
    String database = slash < 0 ? "" : percentDecode(hostAndPath.substring(slash + 1), jdbc);

    List<String> hosts = new ArrayList<>();
    String firstHost = null;
    int firstPort = 0;
    for (String entry : hostList.split(",", -1)) {
      String[] hostPort = splitHostPort(entry.strip());
      String host = percentDecode(hostPort[0], false);
      int port = parsePort(hostPort[1]);
      if (firstHost == null) {
        firstHost = host;
        firstPort = port;
      }
      hosts.add((host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port);
    }

    Map<String, String> params = new LinkedHashMap<>();
    if (!queryString.isEmpty()) {
      for (String pair : queryString.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = percentDecode(eq < 0 ? pair : pair.substring(0, eq), jdbc);
        String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1), jdbc);
        if (!jdbc) {
          key = LIBPQ_TO_PGJDBC.getOrDefault(key, key);
        }
        if (key.equals("user")) {
          user = value;
        } else if (key.equals("password")) {
          password = value;
        } else if (key.equals("dbname") && !jdbc) {
          database = value;
        } else {
          params.put(key, value);
        }
      }
    }
    if (database.isEmpty()) {
      throw invalid("names no database (the path after host:port, e.g. /postgres)");
    }
    if (user == null || user.isEmpty()) {
      throw invalid("names no user (" + (jdbc ? "?user=..." : "postgres://user:password@...") + ")");
    }
    String sslMode = params.get("sslmode");
    if (sslMode != null && !SSL_MODES.contains(sslMode)) {
      throw invalid("has sslmode='" + (sslMode.length() > 20 ? sslMode.substring(0, 20) + "..." : sslMode)
          + "'; use one of disable, allow, prefer, require, verify-ca, verify-full");
    }
    // Transaction pooling: no named server-side statements, which would outlive the transaction.
    params.put("prepareThreshold", "0");
    params.putIfAbsent("ApplicationName", APPLICATION_NAME);

    StringBuilder jdbcUrl = new StringBuilder("jdbc:postgresql://")
        .append(String.join(",", hosts))
        .append('/')
        .append(URLEncoder.encode(database, StandardCharsets.UTF_8));
    char separator = '?';
    for (Map.Entry<String, String> param : params.entrySet()) {
      jdbcUrl.append(separator)
          .append(URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
      separator = '&';
    }
    return new PostgresUrl(jdbcUrl.toString(), user, password, firstHost, firstPort, database);
  }

  /** {@code [host, port-or-null]}, IPv6 literals in brackets allowed. */
  private static String[] splitHostPort(String entry) {
    if (entry.startsWith("[")) {
      int close = entry.indexOf(']');
      if (close < 0) {
        throw invalid("has an IPv6 host without its closing ']'");
      }
      String host = entry.substring(1, close);
      String after = entry.substring(close + 1);
      if (!after.isEmpty() && !after.startsWith(":")) {
        throw invalid("has text after an IPv6 host where ':port' belongs");
      }
      return checkHost(host, after.isEmpty() ? null : after.substring(1));
    }
    int colon = entry.lastIndexOf(':');
    return colon < 0 ? checkHost(entry, null) : checkHost(entry.substring(0, colon), entry.substring(colon + 1));
  }

  private static String[] checkHost(String host, String port) {
    if (host.isEmpty()) {
      throw invalid("names no host (postgres://user:password@HOST:port/database)");
    }
    return new String[] {host, port};
  }

  private static int parsePort(String port) {
    if (port == null || port.isEmpty()) {
      return POSTGRES_DEFAULT_PORT;
    }
    try {
      int n = Integer.parseInt(port);
      if (n >= 1 && n <= 65535) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw invalid("has a port that is not a number between 1 and 65535");
  }

  /**
   * %XX decoding as UTF-8. A '%' not followed by two hex digits stays as it is, so a password with an
   * unencoded '%' still works. {@code plusIsSpace}: JDBC URLs are form-decoded by pgjdbc.
   */
  static String percentDecode(String s, boolean plusIsSpace) {
    if (s.indexOf('%') < 0 && !(plusIsSpace && s.indexOf('+') >= 0)) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
        bytes.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          encoded = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.write(encoded, 0, encoded.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  private static DatabaseSettingException invalid(String what) {
    return new DatabaseSettingException("DATABASE_URL " + what);
  }
}
