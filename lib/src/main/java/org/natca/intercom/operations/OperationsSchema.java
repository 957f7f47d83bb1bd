package org.natca.intercom.operations;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.natca.intercom.member.MemberDatabaseException;
import org.natca.intercom.migration.SchemaMigrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations tables in the toolkit's own schema {@code intercom_sync}: run history, the run lock
 * and what alerts were sent. Versioned apart from the webhook inbox (table
 * {@code intercom_sync.operations_version}), so the two migrate independently, under the same
 * transaction-scoped lock so that neither races the other on {@code create schema} (see
 * {@link SchemaMigrations}).
 */
public final class OperationsSchema {
  private static final Logger log = LoggerFactory.getLogger(OperationsSchema.class);

  public static final String SCHEMA = "intercom_sync";
  public static final String RUNS = SCHEMA + ".runs";
  public static final String RUN_LOCK = SCHEMA + ".run_lock";
  public static final String ALERT_STATE = SCHEMA + ".alert_state";
  public static final String ALERTED_BLOCKED = SCHEMA + ".alerted_blocked";
  static final String VERSION_TABLE = SCHEMA + ".operations_version";

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

  private static final SchemaMigrations.VersionedTables TABLES = new SchemaMigrations.VersionedTables(
      SCHEMA, VERSION_TABLE, null, MIGRATIONS, 30,
      "preparing the run history tables in schema " + SCHEMA, "the operations tables in schema " + SCHEMA + " are");

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
    SchemaMigrations.Migrated m = SchemaMigrations.migrate(dataSource, TABLES);
    if (m.applied() > 0) {
      log.info("operations tables in schema {} migrated from version {} to {}", SCHEMA, m.from(), m.to());
    }
    return m.applied();
  }

  /** Whether the operations tables exist (status reads, and never creates them). */
  static boolean exists(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select to_regclass('" + RUNS + "') is not null")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }
}
