package org.natca.intercom.operations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.natca.intercom.member.MemberDatabaseException;
import org.natca.intercom.member.SqlFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations tables in the toolkit's own schema {@code intercom_sync}: run history, the run lock
 * and what alerts were sent. Versioned apart from the webhook inbox (table
 * {@code intercom_sync.operations_version}), so the two migrate independently, under the same
 * transaction-scoped lock so that neither races the other on {@code create schema}.
 */
public final class OperationsSchema {
  private static final Logger log = LoggerFactory.getLogger(OperationsSchema.class);

  public static final String SCHEMA = "intercom_sync";
  public static final String RUNS = SCHEMA + ".runs";
  public static final String RUN_LOCK = SCHEMA + ".run_lock";
  public static final String ALERT_STATE = SCHEMA + ".alert_state";
  public static final String ALERTED_BLOCKED = SCHEMA + ".alerted_blocked";
  static final String VERSION_TABLE = SCHEMA + ".operations_version";
  /** The webhook inbox's migration lock: one migration of schema intercom_sync at a time, whoever runs it. */
  private static final long MIGRATION_LOCK = 0x6e617463_6963L;

  /** Version n is {@code MIGRATIONS.get(n - 1)}; append only, never edit a released one. */
  private static final List<String> MIGRATIONS = List.of(
      "create table " + RUNS + " ("
          + " id bigserial primary key,"
          + " command text not null,"
          + " arguments jsonb not null,"
          + " dry_run boolean not null,"
          + " member_schema text not null,"
          + " host text not null,"
          + " pid bigint not null,"
          + " state text not null check (state in ('running', 'finished', 'refused')),"
          + " started_at timestamptz not null,"
          // database time, renewed while the run lives: a 'running' row without a recent one was killed
          + " heartbeat_at timestamptz not null,"
          + " finished_at timestamptz,"
          + " exit_code integer,"
          + " totals jsonb,"
          + " requests jsonb,"
          + " report jsonb,"
          + " error text);"
          + " create index runs_by_command on " + RUNS + " (member_schema, command, started_at desc);"
          + " create index runs_started on " + RUNS + " (started_at);"
          + " comment on table " + RUNS + " is 'natca-intercom: one row per run of daily-sync, audit, manual-update';"
          + " create table " + RUN_LOCK + " ("
          + " name text primary key,"
          + " token text not null,"
          + " command text not null,"
          + " host text not null,"
          + " pid bigint not null,"
          + " since timestamptz not null,"
          + " heartbeat_at timestamptz not null);"
          + " comment on table " + RUN_LOCK + " is 'natca-intercom: the writing run of each member schema, with its lease';"
          + " create table " + ALERT_STATE + " (key text primary key, value text not null, updated_at timestamptz not null);"
          + " create table " + ALERTED_BLOCKED + " (member_schema text not null, contact_id text not null,"
          + " member_number integer, alerted_at timestamptz not null, primary key (member_schema, contact_id))");

  private OperationsSchema() {}

  public static int version() {
    return MIGRATIONS.size();
  }

  /**
   * Creates or migrates the operations tables: idempotent, safe when several processes start at once.
   *
   * @return the migrations applied now
   * @throws MemberDatabaseException when the database cannot be used or is newer than this code
   */
  public static int migrate(DataSource dataSource) {
    try {
      return migrateOnce(dataSource);
    } catch (MemberDatabaseException e) {
      // Two processes starting at once: PostgreSQL can still let the second's "create ... if not exists"
      // collide with the first's just-committed catalog row (unique violation). The first has finished
      // by then, so one more attempt finds the schema current.
      if (!(e.getCause() instanceof SQLException sql) || !isCatalogRace(sql)) {
        throw e;
      }
      return migrateOnce(dataSource);
    }
  }

  private static boolean isCatalogRace(SQLException e) {
    String state = e.getSQLState();
    return "23505".equals(state) || "42P06".equals(state) || "42P07".equals(state);
  }

  private static int migrateOnce(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.setQueryTimeout(30);
        // a quick check first: most runs find the schema current and take no lock at all
        int current = currentVersion(st);
        if (current == MIGRATIONS.size()) {
          c.rollback();
          return 0;
        }
        st.execute("select pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
        st.execute("create schema if not exists " + SCHEMA);
        st.execute("create table if not exists " + VERSION_TABLE
            + " (version integer primary key, applied_at timestamptz not null default now())");
        current = currentVersion(st);
        if (current > MIGRATIONS.size()) {
          c.rollback();
          throw new MemberDatabaseException("the operations tables in schema " + SCHEMA + " are at version " + current
              + ", newer than this natca-intercom knows (" + MIGRATIONS.size() + "); run the newer release", null);
        }
        for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
          st.execute(MIGRATIONS.get(v - 1));
          try (PreparedStatement insert = c.prepareStatement("insert into " + VERSION_TABLE + " (version) values (?)")) {
            insert.setInt(1, v);
            insert.executeUpdate();
          }
        }
        c.commit();
        int applied = MIGRATIONS.size() - current;
        if (applied > 0) {
          log.info("operations tables in schema {} migrated from version {} to {}", SCHEMA, current, MIGRATIONS.size());
        }
        return applied;
      } catch (SQLException | RuntimeException e) {
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
    } catch (SQLException e) {
      throw SqlFailures.translate("preparing the run history tables in schema " + SCHEMA, e, dataSource);
    }
  }

  /** 0 when the version table does not exist yet. */
  private static int currentVersion(Statement st) throws SQLException {
    try (ResultSet rs = st.executeQuery("select to_regclass('" + VERSION_TABLE + "') is not null")) {
      rs.next();
      if (!rs.getBoolean(1)) {
        return 0;
      }
    }
    try (ResultSet rs = st.executeQuery("select coalesce(max(version), 0) from " + VERSION_TABLE)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Whether the operations tables exist (status reads, and never creates them). */
  static boolean exists(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select to_regclass('" + RUNS + "') is not null")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }
}
