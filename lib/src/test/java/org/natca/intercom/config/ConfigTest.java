package org.natca.intercom.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {

  @Test
  void fromEnvironment_empty_usesContractDefaults() {
    Config c = Config.fromEnvironment(Map.of());
    assertEquals("https://api.intercom.io", c.intercomBaseUrl());
    assertEquals("2.14", c.intercomApiVersion());
    assertEquals(1000, c.maxRequestsPerMinute());
    assertEquals(8080, c.port());
    assertEquals("public", c.databaseSchema());
    assertEquals("mynatca-sync", c.syncTag());
    assertEquals("Member Number Verification", c.memberNumberAttribute());
    assertNull(c.mysql());
    assertNull(c.lookupApiToken());
  }

  @Test
  void requireIntercomAccessToken_missing_namesTheVariable() {
    ConfigException e = assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of()).requireIntercomAccessToken());
    assertTrue(e.getMessage().startsWith("INTERCOM_ACCESS_TOKEN is not set"), e.getMessage());
  }

  @Test
  void requireDatabaseUrl_blank_namesTheVariable() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> Config.fromEnvironment(Map.of("DATABASE_URL", "  ")).requireDatabaseUrl());
    assertTrue(e.getMessage().startsWith("DATABASE_URL is not set"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
      "INTERCOM_MAX_REQUESTS_PER_MINUTE, lots, INTERCOM_MAX_REQUESTS_PER_MINUTE must be a whole number",
      "INTERCOM_MAX_REQUESTS_PER_MINUTE, 0, INTERCOM_MAX_REQUESTS_PER_MINUTE must be a whole number",
      "PORT, 70000, PORT must be a port number",
      "PORT, http, PORT must be a whole number",
      "INTERCOM_BASE_URL, ftp://x, INTERCOM_BASE_URL must be an http(s) URL",
      "DATABASE_SCHEMA, public; drop table members, DATABASE_SCHEMA is not a plain schema name",
  })
  void fromEnvironment_malformedValue_failsNamingIt(String name, String value, String expected) {
    ConfigException e = assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of(name, value)));
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "25001 | INTERCOM_MAX_REQUESTS_PER_MINUTE must be at most 25000 (Intercom allows 25,000 requests a minute per workspace), got 25001",
      "50000000 | INTERCOM_MAX_REQUESTS_PER_MINUTE must be at most 25000 (Intercom allows 25,000 requests a minute per workspace), got 50000000",
      "99999999999999999999 | INTERCOM_MAX_REQUESTS_PER_MINUTE must be a whole number from 1 to 25000, got '99999999999999999999'",
      "-5 | INTERCOM_MAX_REQUESTS_PER_MINUTE must be a whole number from 1 to 25000, got '-5'",
  })
  void fromEnvironment_budgetAboveWhatIntercomAllows_failsNamingTheVariable(String value, String expected) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> Config.fromEnvironment(Map.of("INTERCOM_MAX_REQUESTS_PER_MINUTE", value)));
    assertEquals(expected, e.getMessage());
  }

  @Test
  void fromEnvironment_budgetAtIntercomsLimit_isTaken() {
    assertEquals(25_000, Config.fromEnvironment(Map.of("INTERCOM_MAX_REQUESTS_PER_MINUTE", "25000")).maxRequestsPerMinute());
  }

  @Test
  void fromEnvironment_mysqlHostWithoutUser_failsNamingMysqlUser() {
    ConfigException e = assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("MYSQL_HOST", "db")));
    assertTrue(e.getMessage().startsWith("MYSQL_USER is not set"), e.getMessage());
  }

  @Test
  void fromEnvironment_fullMysql_parsesWithDefaultPort() {
    Config c = Config.fromEnvironment(Map.of("MYSQL_HOST", "db", "MYSQL_USER", "u", "MYSQL_PASS", "p", "MYSQL_DB", "mynatca"));
    assertEquals(new Config.Mysql("db", 3306, "u", "p", "mynatca"), c.mysql());
  }

  @Test
  void toString_neverShowsSecrets() {
    Map<String, String> env = new HashMap<>();
    env.put("INTERCOM_ACCESS_TOKEN", "tok-SECRET1");
    env.put("INTERCOM_CLIENT_SECRET", "cs-SECRET2");
    env.put("DATABASE_URL", "postgres://u:pw-SECRET3@h:5432/db");
    env.put("LOOKUP_API_TOKEN", "lk-SECRET4");
    env.put("MYSQL_HOST", "h");
    env.put("MYSQL_USER", "u");
    env.put("MYSQL_PASS", "my-SECRET5");
    env.put("MYSQL_DB", "d");
    String s = Config.fromEnvironment(env).toString();
    assertFalse(s.contains("SECRET"), s);
  }

  @Test
  void fromEnvironment_baseUrlTrailingSlash_isStripped() {
    assertEquals("https://api.eu.intercom.io",
        Config.fromEnvironment(Map.of("INTERCOM_BASE_URL", "https://api.eu.intercom.io/")).intercomBaseUrl());
  }
}
