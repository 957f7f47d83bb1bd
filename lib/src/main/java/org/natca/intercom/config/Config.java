package org.natca.intercom.config;

import java.net.URI;
import java.util.Map;

/**
 * Everything the toolkit reads from its environment, parsed once by the composition root. Secrets
 * stay in here and never reach a log line: {@link #toString()} masks them. Each command asks for
 * what it needs with the {@code require...} methods, which name the missing variable.
 */
public record Config(
    String intercomAccessToken,
    String intercomBaseUrl,
    String intercomApiVersion,
    int maxRequestsPerMinute,
    String intercomClientSecret,
    String intercomAdminId,
    String databaseUrl,
    String databaseSchema,
    Mysql mysql,
    String lookupApiToken,
    int port,
    String syncTag,
    String memberNumberAttribute,
    String tagRulesFile,
    String bindAddress,
    String statusToken) {

  public static final String DEFAULT_BASE_URL = "https://api.intercom.io";
  public static final String DEFAULT_API_VERSION = "2.14";
  public static final int DEFAULT_MAX_REQUESTS_PER_MINUTE = 1000;
  /** What Intercom allows a workspace (all its apps together): a budget above it could never be used. */
  public static final int MAX_REQUESTS_PER_MINUTE = 25_000;
  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_SYNC_TAG = "mynatca-sync";
  public static final String DEFAULT_MEMBER_NUMBER_ATTRIBUTE = "Member Number Verification";

  /** The legacy MyNATCA MySQL database; null in {@link Config#mysql()} when MYSQL_HOST is unset. */
  public record Mysql(String host, int port, String user, String password, String database) {
    @Override
    public String toString() {
      return "Mysql[" + user + "@" + host + ":" + port + "/" + database + "]";
    }
  }

  /** Parses the environment; malformed values (not missing ones) fail here with exit code 2. */
  public static Config fromEnvironment(Map<String, String> env) {
    String baseUrl = stripTrailingSlash(value(env, "INTERCOM_BASE_URL", DEFAULT_BASE_URL));
    checkHttpUrl("INTERCOM_BASE_URL", baseUrl);
    int budget = boundedInt(env, "INTERCOM_MAX_REQUESTS_PER_MINUTE", DEFAULT_MAX_REQUESTS_PER_MINUTE,
        MAX_REQUESTS_PER_MINUTE, "Intercom allows 25,000 requests a minute per workspace");
    int port = port(env, "PORT", DEFAULT_PORT);
    Mysql mysql = null;
    String mysqlHost = value(env, "MYSQL_HOST", null);
    if (mysqlHost != null) {
      mysql = new Mysql(
          mysqlHost,
          port(env, "MYSQL_PORT", 3306),
          require(env, "MYSQL_USER", "it is needed when MYSQL_HOST is set"),
          value(env, "MYSQL_PASS", ""),
          require(env, "MYSQL_DB", "it is needed when MYSQL_HOST is set"));
    }
    String schema = value(env, "DATABASE_SCHEMA", "public");
    if (!schema.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
      throw new ConfigException("DATABASE_SCHEMA is not a plain schema name: '" + schema + "'");
    }
    return new Config(
        value(env, "INTERCOM_ACCESS_TOKEN", null),
        baseUrl,
        value(env, "INTERCOM_API_VERSION", DEFAULT_API_VERSION),
        budget,
        value(env, "INTERCOM_CLIENT_SECRET", null),
        value(env, "INTERCOM_ADMIN_ID", null),
        value(env, "DATABASE_URL", null),
        schema,
        mysql,
        value(env, "LOOKUP_API_TOKEN", null),
        port,
        value(env, "SYNC_TAG", DEFAULT_SYNC_TAG),
        value(env, "MEMBER_NUMBER_ATTRIBUTE", DEFAULT_MEMBER_NUMBER_ATTRIBUTE),
        value(env, "TAG_RULES_FILE", null),
        bindAddress(env),
        value(env, "STATUS_TOKEN", null));
  }

  public String requireIntercomAccessToken() {
    return required(intercomAccessToken, "INTERCOM_ACCESS_TOKEN", "the Intercom app's access token");
  }

  public String requireDatabaseUrl() {
    return required(databaseUrl, "DATABASE_URL", "the member database, e.g. postgres://user:pass@host:5432/postgres?sslmode=require");
  }

  public String requireClientSecret() {
    return required(intercomClientSecret, "INTERCOM_CLIENT_SECRET", "the Intercom app's client secret, which signs webhooks");
  }

  public Config withPort(int newPort) {
    return new Config(intercomAccessToken, intercomBaseUrl, intercomApiVersion, maxRequestsPerMinute,
        intercomClientSecret, intercomAdminId, databaseUrl, databaseSchema, mysql, lookupApiToken, newPort,
        syncTag, memberNumberAttribute, tagRulesFile, bindAddress, statusToken);
  }

  private static String required(String value, String name, String what) {
    if (value == null) {
      throw new ConfigException(name + " is not set (" + what + ")");
    }
    return value;
  }

  private static String value(Map<String, String> env, String name, String fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    return v.trim();
  }

  private static String require(Map<String, String> env, String name, String why) {
    String v = value(env, name, null);
    if (v == null) {
      throw new ConfigException(name + " is not set (" + why + ")");
    }
    return v;
  }

  private static int positiveInt(Map<String, String> env, String name, int fallback) {
    String v = value(env, name, null);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(name + " must be a whole number above 0, got '" + v + "'");
  }

  /** A whole number from 1 to {@code max}; {@code why} says where the maximum comes from. */
  private static int boundedInt(Map<String, String> env, String name, int fallback, int max, String why) {
    String v = value(env, name, null);
    if (v == null) {
      return fallback;
    }
    if (v.matches("\\d{1,18}")) {
      long n = Long.parseLong(v);
      if (n > max) {
        throw new ConfigException(name + " must be at most " + max + " (" + why + "), got " + v);
      }
      if (n > 0) {
        return (int) n;
      }
    }
    String shown = v.length() > 30 ? v.substring(0, 30) + "..." : v;
    throw new ConfigException(name + " must be a whole number from 1 to " + max + ", got '" + shown + "'");
  }

  private static int port(Map<String, String> env, String name, int fallback) {
    int p = positiveInt(env, name, fallback);
    if (p > 65535) {
      throw new ConfigException(name + " must be a port number from 1 to 65535, got " + p);
    }
    return p;
  }

  /** BIND_ADDRESS: an IP address or host name of this machine; null (unset) means every interface. */
  private static String bindAddress(Map<String, String> env) {
    String v = value(env, "BIND_ADDRESS", null);
    if (v != null && !v.matches("[A-Za-z0-9.:_%\\[\\]-]+")) {
      throw new ConfigException("BIND_ADDRESS must be an IP address or host name such as 127.0.0.1 or ::, got '" + v + "'");
    }
    return v;
  }

  private static void checkHttpUrl(String name, String url) {
    try {
      URI uri = new URI(url);
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new ConfigException(name + " must be an http(s) URL such as https://api.eu.intercom.io, got '" + url + "'");
      }
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException(name + " is not a valid URL: '" + url + "'");
    }
  }

  private static String stripTrailingSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public String toString() {
    return "Config[intercomBaseUrl=" + intercomBaseUrl + ", apiVersion=" + intercomApiVersion
        + ", maxRequestsPerMinute=" + maxRequestsPerMinute + ", token=" + mask(intercomAccessToken)
        + ", clientSecret=" + mask(intercomClientSecret) + ", databaseUrl=" + mask(databaseUrl)
        + ", schema=" + databaseSchema + ", mysql=" + mysql + ", lookupToken=" + mask(lookupApiToken)
        + ", port=" + port + ", bindAddress=" + (bindAddress == null ? "*" : bindAddress) + ", syncTag=" + syncTag
        + ", memberNumberAttribute=" + memberNumberAttribute + ", tagRulesFile=" + tagRulesFile
        + ", statusToken=" + mask(statusToken) + "]";
  }

  private static String mask(String secret) {
    return secret == null ? "unset" : "***";
  }
}
