package org.natca.intercom.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.natca.intercom.member.MemberDatabaseException;
import org.natca.intercom.member.SqlFailures;

/**
 * Versioned tables of the toolkit's own in the member database (the webhook inbox, the operations
 * tables), created and migrated the one same way: in one transaction, under one transaction-scoped
 * advisory lock shared by every set of tables, so that processes starting at once take turns.
 *
 * <p>The lock alone does not make {@code create ... if not exists} safe. A connection that has
 * looked the names up before it waits for the lock (a {@code to_regclass} in the same transaction, or
 * an earlier use of a pooled connection that had seen the schema before it was dropped) can go on
 * from catalog entries older than the other process's commit: its {@code create schema if not
 * exists} then inserts the catalog row again, a duplicate key on {@code pg_namespace} (or
 * {@code pg_type}, {@code pg_class}; SQLSTATE 23505), or "already exists" (42P06, 42P07).
 * SchemaMigrationsTest replays it. A new transaction reads the catalog afresh, so such a failure of
 * the two create-if-not-exists statements is tried again in a new transaction (at most {@link #ATTEMPTS} in
 * all); any other failure, and any failure of a migration itself, is reported at once.
 */
public final class SchemaMigrations {
  /** Any constant: one migration in this database at a time, whichever tables it migrates. */
  static final long MIGRATION_LOCK = 0x6e617463_6963L;
  /** Every retry follows another process's commit, so a few are enough however many start at once. */
  static final int ATTEMPTS = 5;

  /**
   * One set of versioned tables.
   *
   * @param schema created when missing
   * @param versionTable qualified name of the table that records the versions applied
   * @param description when not null, the version table has a {@code description} column and version
   *     {@code n} is described as {@code description + n}
   * @param migrations version {@code n} is {@code migrations.get(n - 1)}; append only, never edit a released one
   * @param queryTimeoutSeconds of each statement
   * @param failing what a failure message starts with ({@code "<failing> failed: <database's words>"})
   * @param tooNew how a "newer than this code" message names the tables, with its verb
   *     ({@code "<tooNew> at version 3, newer than …"})
   */
  public record VersionedTables(String schema, String versionTable, String description, List<String> migrations,
      int queryTimeoutSeconds, String failing, String tooNew) {
    public VersionedTables {
      Objects.requireNonNull(schema, "schema");
      // plain lower-case names: they stand unquoted in DDL and as literals in the catalog query
      if (!schema.matches("[a-z_][a-z0-9_]*") || !versionTable.matches(schema + "\\.[a-z_][a-z0-9_]*")) {
        throw new IllegalArgumentException("expected a plain table name in schema " + schema + ": " + versionTable);
      }
      migrations = List.copyOf(migrations);
      Objects.requireNonNull(failing, "failing");
      Objects.requireNonNull(tooNew, "tooNew");
    }

    public int version() {
      return migrations.size();
    }
  }

  /** What {@link #migrate} did: from version {@code from} to {@code to} (the same when it was current). */
  public record Migrated(int from, int to) {
    public int applied() {
      return to - from;
    }
  }

  private SchemaMigrations() {}

  /**
   * Creates or migrates {@code tables}: idempotent, safe when several processes start at once. A run
   * that finds them current takes no lock and writes nothing.
   *
   * @throws MemberDatabaseException when the database cannot be used, a migration fails, or the
   *     tables are at a version newer than this code knows
   */
  public static Migrated migrate(DataSource dataSource, VersionedTables tables) {
    return migrate(dataSource, tables, ATTEMPTS);
  }

  static Migrated migrate(DataSource dataSource, VersionedTables tables, int attempts) {
    for (int attempt = 1; ; attempt++) {
      try {
        return migrateOnce(dataSource, tables);
      } catch (CatalogRace race) {
        if (attempt >= attempts) {
          throw SqlFailures.translate(tables.failing(), race.sql, dataSource);
        }
        // the other process has committed by now: a new transaction sees its schema and tables
      } catch (SQLException e) {
        throw SqlFailures.translate(tables.failing(), e, dataSource);
      }
    }
  }

  private static Migrated migrateOnce(DataSource dataSource, VersionedTables tables) throws SQLException, CatalogRace {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.setQueryTimeout(tables.queryTimeoutSeconds());
        // a quick check first: most runs find the tables current and take no lock at all
        int current = currentVersion(st, tables);
        if (current == tables.version()) {
          c.rollback();
          return new Migrated(current, current);
        }
        st.execute("select pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
        createIfNotExists(st, "create schema if not exists " + tables.schema());
        createIfNotExists(st, "create table if not exists " + tables.versionTable()
            + " (version integer primary key, applied_at timestamptz not null default now()"
            + (tables.description() == null ? "" : ", description text") + ")");
        current = currentVersion(st, tables);
        if (current > tables.version()) {
          c.rollback();
          throw new MemberDatabaseException(tables.tooNew() + " at version " + current
              + ", newer than this natca-intercom knows (" + tables.version() + "); run the newer release", null);
        }
        String insert = "insert into " + tables.versionTable()
            + (tables.description() == null ? " (version) values (?)" : " (version, description) values (?, ?)");
        for (int v = current + 1; v <= tables.version(); v++) {
          st.execute(tables.migrations().get(v - 1));
          try (PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setInt(1, v);
            if (tables.description() != null) {
              ps.setString(2, tables.description() + v);
            }
            ps.executeUpdate();
          }
        }
        c.commit();
        return new Migrated(current, tables.version());
      } catch (SQLException | CatalogRace | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException ignored) {
          // broken connection: the first error is the one to report
        }
        throw e;
      } finally {
        try {
          c.setAutoCommit(true);
        } catch (SQLException ignored) {
          // the pool discards a broken connection
        }
      }
    }
  }

  /** One of the two statements that can lose the catalog race. */
  private static void createIfNotExists(Statement st, String sql) throws SQLException, CatalogRace {
    try {
      st.execute(sql);
    } catch (SQLException e) {
      if (isCatalogRace(e)) {
        throw new CatalogRace(e);
      }
      throw e;
    }
  }

  /** A duplicate catalog row (unique violation), or a schema or relation that already exists. */
  static boolean isCatalogRace(SQLException e) {
    String state = e.getSQLState();
    return "23505".equals(state) || "42P06".equals(state) || "42P07".equals(state);
  }

  /**
   * 0 when the version table does not exist yet. Asks the catalog tables rather than resolving the
   * name, which would leave a cached "no such relation" behind in this connection.
   */
  private static int currentVersion(Statement st, VersionedTables tables) throws SQLException {
    String table = tables.versionTable().substring(tables.schema().length() + 1);
    try (ResultSet rs = st.executeQuery("select exists (select 1 from pg_catalog.pg_class c"
        + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
        + " where n.nspname = '" + tables.schema() + "' and c.relname = '" + table + "')")) {
      rs.next();
      if (!rs.getBoolean(1)) {
        return 0;
      }
    }
    try (ResultSet rs = st.executeQuery("select coalesce(max(version), 0) from " + tables.versionTable())) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** A lost catalog race: worth one more transaction. */
  private static final class CatalogRace extends Exception {
    private static final long serialVersionUID = 1L;
    final transient SQLException sql;

    CatalogRace(SQLException sql) {
      super(sql.getMessage(), sql, false, false);
      this.sql = sql;
    }
  }
}
