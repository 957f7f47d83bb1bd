package org.natca.intercom.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.natca.intercom.member.DatabaseSettingException;

class DatabasesTest {
  private static final String TAIL = "prepareThreshold=0&ApplicationName=natca-intercom";

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      // Supabase, session and transaction pooler forms
      "postgres://postgres:s3cret@db.abc.supabase.co:5432/postgres?sslmode=require"
          + " | jdbc:postgresql://db.abc.supabase.co:5432/postgres?sslmode=require&" + TAIL
          + " | postgres | s3cret | db.abc.supabase.co | 5432",
      "postgresql://postgres.abc:s3cret@aws-0-eu-central-1.pooler.supabase.com:6543/postgres?sslmode=require"
          + " | jdbc:postgresql://aws-0-eu-central-1.pooler.supabase.com:6543/postgres?sslmode=require&" + TAIL
          + " | postgres.abc | s3cret | aws-0-eu-central-1.pooler.supabase.com | 6543",
      // default port, no query
      "postgres://u:p@localhost/members | jdbc:postgresql://localhost:5432/members?" + TAIL + " | u | p | localhost | 5432",
      // user without password
      "postgres://reader@localhost:5433/db | jdbc:postgresql://localhost:5433/db?" + TAIL + " | reader | NULL | localhost | 5433",
      // percent-encoded user and password; '+' stays '+' in a libpq URL
      "postgres://us%40er:p%40ss%2Fw%3Ard+x@h:5432/db | jdbc:postgresql://h:5432/db?" + TAIL + " | us@er | p@ss/w:rd+x | h | 5432",
      // unencoded '@', '/', '?', '#' and '%' in the password still work
      "postgres://u:p@ss/w?rd#1%zz@h:5432/db | jdbc:postgresql://h:5432/db?" + TAIL + " | u | p@ss/w?rd#1%zz | h | 5432",
      // non-ASCII password
      "postgres://u:p%C3%A4ss@h/db | jdbc:postgresql://h:5432/db?" + TAIL + " | u | päss | h | 5432",
      // IPv6 and several hosts
      "postgres://u:p@[::1]:6000/db | jdbc:postgresql://[::1]:6000/db?" + TAIL + " | u | p | ::1 | 6000",
      "postgres://u:p@h1:5432,h2:5433/db?target_session_attrs=any"
          + " | jdbc:postgresql://h1:5432,h2:5433/db?target_session_attrs=any&" + TAIL + " | u | p | h1 | 5432",
      // libpq parameter names become pgjdbc's; an own prepareThreshold is overridden; user in the query
      "postgres://h/db?user=u&password=p&connect_timeout=5&application_name=nightly&prepareThreshold=5"
          + " | jdbc:postgresql://h:5432/db?connectTimeout=5&ApplicationName=nightly&prepareThreshold=0 | u | p | h | 5432",
      "postgres://u:p@h/db?options=-c%20statement_timeout%3D60000"
          + " | jdbc:postgresql://h:5432/db?options=-c+statement_timeout%3D60000&" + TAIL + " | u | p | h | 5432",
      "POSTGRES://u:p@h/db | jdbc:postgresql://h:5432/db?" + TAIL + " | u | p | h | 5432",
      "'  postgres://u:p@h/db  ' | jdbc:postgresql://h:5432/db?" + TAIL + " | u | p | h | 5432",
      // JDBC URLs
      "jdbc:postgresql://localhost:5432/postgres?user=postgres&password=pw&sslmode=disable"
          + " | jdbc:postgresql://localhost:5432/postgres?sslmode=disable&" + TAIL + " | postgres | pw | localhost | 5432",
      "jdbc:postgresql://localhost/postgres?user=postgres&password=p%40ss+word"
          + " | jdbc:postgresql://localhost:5432/postgres?" + TAIL + " | postgres | p@ss word | localhost | 5432",
      "jdbc:postgresql:members?user=u | jdbc:postgresql://localhost:5432/members?" + TAIL + " | u | NULL | localhost | 5432",
  })
  void parsePostgresUrl_acceptedForms_giveJdbcUrlAndCredentials(
      String input, String jdbcUrl, String user, String password, String host, int port) {
    PostgresUrl url = Databases.parsePostgresUrl(input);

    assertEquals(jdbcUrl, url.jdbcUrl());
    assertEquals(user, url.user());
    assertEquals(password, url.password());
    assertEquals(host, url.host());
    assertEquals(port, url.port());
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "NULL                                           | DATABASE_URL is not set",
      "'   '                                          | DATABASE_URL is not set",
      "mysql://u:s3cret@h/db                          | DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql: (it has 'mysql://')",
      "s3cret@h/db                                    | DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql: (it has no scheme)",
      "jdbc:mysql://h/db?password=s3cret              | DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql: (it has no scheme)",
      "postgres://u:s3cret@h:54x2/db                  | DATABASE_URL has a port that is not a number between 1 and 65535",
      "postgres://u:s3cret@h:70000/db                 | DATABASE_URL has a port that is not a number between 1 and 65535",
      "postgres://u:s3cret@:5432/db                   | DATABASE_URL names no host",
      "postgres://u:s3cret@h:5432                     | DATABASE_URL names no database",
      "postgres://u:s3cret@h:5432/                    | DATABASE_URL names no database",
      "postgres://:s3cret@h:5432/db                   | DATABASE_URL names no user",
      "postgres://u:s3cret@[::1:5432/db               | DATABASE_URL has an IPv6 host without its closing ']'",
      "postgres://u:s3cret@h/db?sslmode=required      | DATABASE_URL has sslmode='required'; use one of",
      "jdbc:postgresql://u:s3cret@h/db                | DATABASE_URL puts user:password@ into a jdbc:postgresql: URL",
      "jdbc:postgresql://h/db?password=s3cret         | DATABASE_URL names no user (?user=...)",
  })
  void parsePostgresUrl_unusableUrl_failsWithOneLineNamingTheVariableButNotThePassword(String input, String message) {
    DatabaseSettingException e = assertThrows(DatabaseSettingException.class, () -> Databases.parsePostgresUrl(input));

    assertTrue(e.getMessage().startsWith(message), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void postgresUrl_toString_hidesThePassword() {
    String shown = Databases.parsePostgresUrl("postgres://u:s3cret@h/db").toString();

    assertFalse(shown.contains("s3cret"), shown);
  }

  @Test
  void postgres_databaseDown_creatingThePoolDoesNotConnectOrBlock() {
    long started = System.nanoTime();
    try (HikariDataSource ds = Databases.postgres("postgres://u:p@127.0.0.1:1/db", "public", "test-down")) {
      assertTrue((System.nanoTime() - started) / 1_000_000 < 2_000, "pool creation blocked");
      assertEquals(4, ds.getMaximumPoolSize());
      assertEquals(10_000, ds.getConnectionTimeout());
      assertEquals("p", ds.getPassword());
      assertFalse(ds.getJdbcUrl().contains("p@"), ds.getJdbcUrl());
    }
  }

  @ParameterizedTest(name = "schema [{0}]")
  @CsvSource(nullValues = "NULL", value = {"NULL", "''", "'  '"})
  void postgres_emptySchema_failsNamingDatabaseSchema(String schema) {
    DatabaseSettingException e = assertThrows(DatabaseSettingException.class,
        () -> Databases.postgres("postgres://u:p@h/db", schema, "test"));

    assertTrue(e.getMessage().startsWith("DATABASE_SCHEMA"), e.getMessage());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "public          | \"public\"",
      "Member Data     | \"Member Data\"",
      "odd\"name       | \"odd\"\"name\"",
      "x\"; drop table members; --   | \"x\"\"; drop table members; --\"",
  })
  void quoteIdentifier_quotesAndEscapes(String name, String quoted) {
    assertEquals(quoted, Databases.quoteIdentifier(name));
  }

  @ParameterizedTest(name = "{0}:{1}/{2} -> {3}")
  @CsvSource(delimiter = '|', value = {
      "mysql.example.org | 3306 | mynatca | MYSQL: jdbc:mysql://mysql.example.org:3306/mynatca?connectTimeout=2000&socketTimeout=1500&",
      "::1               | 3307 | my db   | MYSQL: jdbc:mysql://[::1]:3307/my+db?connectTimeout=2000&socketTimeout=1500&",
      "''                | 3306 | mynatca | MYSQL_HOST is empty",
      "h                 | 0    | mynatca | MYSQL_PORT must be a port number between 1 and 65535, got 0",
      "h                 | 3306 | ' '     | MYSQL_DB is not set",
  })
  void mysqlJdbcUrl_buildsUrlOrNamesTheBadVariable(String host, int port, String db, String expected) {
    if (expected.startsWith("MYSQL: ")) {
      assertTrue(Databases.mysqlJdbcUrl(host, port, db).startsWith(expected.substring(7)),
          Databases.mysqlJdbcUrl(host, port, db));
    } else {
      DatabaseSettingException e = assertThrows(DatabaseSettingException.class, () -> Databases.mysqlJdbcUrl(host, port, db));
      assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
  }
}
