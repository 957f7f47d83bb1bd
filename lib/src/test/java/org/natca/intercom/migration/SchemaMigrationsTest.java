package org.natca.intercom.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.natca.intercom.member.Databases;
import org.natca.intercom.member.MemberDatabaseException;
import org.natca.intercom.operations.OperationsSchema;
import org.natca.intercom.sandbox.db.SandboxPostgres;
import org.natca.intercom.webhook.WebhookInbox;

/** The shared migration over a real PostgreSQL: concurrent starts, the catalog race, and real errors. */
class SchemaMigrationsTest {
  static final String SCHEMA = "migration_test";
  static final SchemaMigrations.VersionedTables TABLES = tables(
      "create table " + SCHEMA + ".things (id bigserial primary key, name text not null);"
          + " create index things_by_name on " + SCHEMA + ".things (name)",
      "create table " + SCHEMA + ".more_things (id integer primary key references " + SCHEMA + ".things (id))");

  static SandboxPostgres pg;
  static HikariDataSource shared;
  final List<HikariDataSource> pools = new ArrayList<>();
  final ExecutorService threads = Executors.newFixedThreadPool(2);

  static SchemaMigrations.VersionedTables tables(String... migrations) {
    return new SchemaMigrations.VersionedTables(SCHEMA, SCHEMA + ".versions", "test v", List.of(migrations), 30,
        "preparing schema " + SCHEMA, "schema " + SCHEMA + " is");
  }

  @BeforeAll
  static void start() {
    pg = SandboxPostgres.start();
    shared = pool("shared", 8);
  }

  @AfterAll
  static void stop() {
    shared.close();
    pg.close();
  }

  @BeforeEach
  void fresh() {
    pg.execute("drop schema if exists " + SCHEMA + " cascade; drop schema if exists intercom_sync cascade");
  }

  @AfterEach
  void close() {
    threads.shutdownNow();
    pools.forEach(HikariDataSource::close);
  }

  static HikariDataSource pool(String name, int size) {
    return Databases.postgres(pg.postgresUrl(), "public", name, size, 10_000);
  }

  /** A pool of one connection, so that what it looked up before stays in the cache of the connection that migrates. */
  HikariDataSource oneConnection(String name) {
    HikariDataSource ds = pool(name, 1);
    pools.add(ds);
    return ds;
  }

  static boolean exists(String relation) {
    try (Connection c = pg.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select to_regclass('" + relation + "') is not null")) {
      rs.next();
      return rs.getBoolean(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean schemaExists(String schema) {
    try (Connection c = pg.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from pg_namespace where nspname = '" + schema + "'")) {
      rs.next();
      return rs.getInt(1) == 1;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> versions() {
    List<String> rows = new ArrayList<>();
    try (Connection c = pg.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select version, description from " + SCHEMA + ".versions order by version")) {
      while (rs.next()) {
        rows.add(rs.getInt(1) + " " + rs.getString(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  static List<String> bareVersions() {
    List<String> rows = new ArrayList<>();
    try (Connection c = pg.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select version from " + SCHEMA + ".versions order by version")) {
      while (rs.next()) {
        rows.add(String.valueOf(rs.getInt(1)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  /** Leaves "no such schema" and "no such relation" in the cache of the pool's connection, as any earlier use can. */
  static void lookUpBeforehand(DataSource ds, String... relations) {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      for (String r : relations) {
        st.execute("select to_regclass('" + r + "')");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void migrate_createsTheTablesAndRecordsEachVersion_thenFindsThemCurrent() {
    CountingDataSource counted = new CountingDataSource(shared);

    assertEquals(new SchemaMigrations.Migrated(0, 2), SchemaMigrations.migrate(counted, TABLES));
    assertEquals(List.of("1 test v1", "2 test v2"), versions());
    assertTrue(exists(SCHEMA + ".more_things"));

    assertEquals(new SchemaMigrations.Migrated(2, 2), SchemaMigrations.migrate(counted, TABLES));
    assertEquals(2, counted.connections.get(), "one connection per run, no retry");
    assertEquals(List.of("1 test v1", "2 test v2"), versions());
  }

  @Test
  void migrate_fromAnOlderVersion_appliesOnlyTheNewOnes() {
    SchemaMigrations.VersionedTables first = tables(TABLES.migrations().get(0));
    assertEquals(1, SchemaMigrations.migrate(shared, first).applied());
    assertFalse(exists(SCHEMA + ".more_things"));

    assertEquals(new SchemaMigrations.Migrated(1, 2), SchemaMigrations.migrate(shared, TABLES));
    assertTrue(exists(SCHEMA + ".more_things"));
    assertEquals(List.of("1 test v1", "2 test v2"), versions());
  }

  @Test
  void migrate_withoutDescription_recordsBareVersions() {
    SchemaMigrations.VersionedTables bare = new SchemaMigrations.VersionedTables(SCHEMA, SCHEMA + ".versions", null,
        TABLES.migrations(), 30, "preparing schema " + SCHEMA, "schema " + SCHEMA + " is");
    assertEquals(2, SchemaMigrations.migrate(shared, bare).applied());
    assertEquals(List.of("1", "2"), bareVersions());
  }

  @Test
  void migrate_newerThanThisCode_saysSo_andChangesNothing() {
    SchemaMigrations.migrate(shared, TABLES);
    pg.execute("insert into " + SCHEMA + ".versions (version) values (3)");

    MemberDatabaseException e = assertThrows(MemberDatabaseException.class, () -> SchemaMigrations.migrate(shared, TABLES));
    assertEquals("schema migration_test is at version 3, newer than this natca-intercom knows (2); run the newer release",
        e.getMessage());
    assertEquals(List.of("1 test v1", "2 test v2", "3 null"), versions());
  }

  @Test
  void migrate_aRealSqlError_isReportedAtOnce_andLeavesNothingBehind() {
    CountingDataSource counted = new CountingDataSource(shared);
    SchemaMigrations.VersionedTables broken = tables(TABLES.migrations().get(0), "create tabel oops (id integer)");

    MemberDatabaseException e = assertThrows(MemberDatabaseException.class, () -> SchemaMigrations.migrate(counted, broken));
    assertEquals("preparing schema migration_test failed: ERROR: syntax error at or near \"tabel\"", e.getMessage());
    assertEquals("42601", ((SQLException) e.getCause()).getSQLState());
    assertEquals(1, counted.connections.get(), "not tried again");
    assertFalse(schemaExists(SCHEMA), "one transaction: the schema went with the failed migration");
  }

  /** The same SQLSTATEs as the race, raised by a migration itself: a real conflict, never tried again. */
  @ParameterizedTest
  @ValueSource(strings = {"42P07", "23505"})
  void migrate_aMigrationFailingLikeTheRace_isNotTriedAgain(String state) {
    pg.execute("create schema " + SCHEMA + "; create table " + SCHEMA + ".taken (id integer)");
    CountingDataSource counted = new CountingDataSource(shared);
    SchemaMigrations.VersionedTables conflicting = tables(state.equals("42P07")
        ? "create table " + SCHEMA + ".taken (id integer)"
        : "create table " + SCHEMA + ".unique_things (id integer primary key); insert into " + SCHEMA
            + ".unique_things values (1), (1)");

    MemberDatabaseException e = assertThrows(MemberDatabaseException.class, () -> SchemaMigrations.migrate(counted, conflicting));
    assertEquals(state, ((SQLException) e.getCause()).getSQLState());
    assertTrue(e.getMessage().startsWith("preparing schema migration_test failed: ERROR: "), e.getMessage());
    assertEquals(1, counted.connections.get(), "not tried again");
    assertFalse(exists(SCHEMA + ".versions"), "rolled back");
  }

  /**
   * Deterministic replay of two processes starting at once. This connection has used the tables before
   * (they were dropped since) and looked the names up again; then it waits for the migration lock while
   * another process creates the schema and commits. Its {@code create schema if not exists} then
   * collides with the committed catalog row (23505 on pg_namespace); a second transaction finds it.
   */
  @Test
  void migrate_afterLosingTheCatalogRaceWhileWaitingForTheLock_triesAgainAndSucceeds() throws Exception {
    HikariDataSource late = oneConnection("late");
    CountingDataSource counted = new CountingDataSource(late);

    // without a retry the replay fails: proof that it reproduces the race (else the rest proves nothing)
    Future<SchemaMigrations.Migrated> lost = schemaCreatedWhileWaitingForTheLock(late,
        () -> SchemaMigrations.migrate(counted, TABLES, 1));
    ExecutionException e = assertThrows(ExecutionException.class, () -> lost.get(30, TimeUnit.SECONDS));
    SQLException race = (SQLException) ((MemberDatabaseException) e.getCause()).getCause();
    assertTrue(SchemaMigrations.isCatalogRace(race), race.getSQLState() + " " + race.getMessage());
    assertEquals(1, counted.connections.get());

    counted.connections.set(0);
    Future<SchemaMigrations.Migrated> won = schemaCreatedWhileWaitingForTheLock(late,
        () -> SchemaMigrations.migrate(counted, TABLES));
    assertEquals(new SchemaMigrations.Migrated(0, 2), won.get(30, TimeUnit.SECONDS));
    assertEquals(2, counted.connections.get(), "tried a second time");
    assertEquals(List.of("1 test v1", "2 test v2"), versions());
  }

  /**
   * Prepares {@code late} as a pooled connection can be (it used the tables, they were dropped, it
   * looked them up again), holds the migration lock on another connection, starts {@code migrate}
   * (which waits for it), creates the schema as a process that got there first, commits and so lets go.
   */
  <T> Future<T> schemaCreatedWhileWaitingForTheLock(HikariDataSource late, Callable<T> migrate) throws Exception {
    SchemaMigrations.migrate(late, TABLES);
    pg.execute("drop schema " + SCHEMA + " cascade");
    lookUpBeforehand(late, SCHEMA + ".versions");
    try (Connection first = pg.dataSource().getConnection(); Statement st = first.createStatement()) {
      first.setAutoCommit(false);
      st.execute("select pg_advisory_xact_lock(" + SchemaMigrations.MIGRATION_LOCK + ")");
      Future<T> run = threads.submit(migrate);
      awaitLockWaiter(first);
      st.execute("create schema " + SCHEMA);
      first.commit();
      return run;
    }
  }

  static void awaitLockWaiter(Connection c) throws Exception {
    for (int i = 0; i < 1_000; i++) {
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("select count(*) from pg_locks where locktype = 'advisory' and not granted")) {
        rs.next();
        if (rs.getInt(1) > 0) {
          return;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the migration never waited for the lock");
  }

  /**
   * Two processes (two pools, one connection each, each having looked the names up before, as a pooled
   * connection may have) migrate a fresh schema at the same instant, many times: both succeed, one
   * applies the migrations, the other finds them done.
   */
  @Test
  void migrate_twoProcessesAtOnce_onAFreshSchema_manyTimes_bothSucceed() throws Exception {
    List<DataSource> two = List.of(oneConnection("a"), oneConnection("b"));
    int rounds = 40;
    int lostWithoutRetry = race(rounds, two, ds -> SchemaMigrations.migrate(ds, TABLES, 1).applied());
    System.out.println("without a retry, " + lostWithoutRetry + " of " + rounds + " concurrent starts lost the catalog race");

    assertEquals(0, race(rounds, two, ds -> SchemaMigrations.migrate(ds, TABLES).applied()));
  }

  /** The inbox and the operations tables share schema intercom_sync and the lock: a webhook-serve and a daily-sync starting at once. */
  @Test
  void inboxAndOperationsTables_migratedAtOnce_onAFreshSchema_manyTimes_bothSucceed() throws Exception {
    List<DataSource> two = List.of(oneConnection("inbox"), oneConnection("operations"));
    int rounds = 30;
    assertEquals(0, race(rounds, two, ds -> ds == two.get(0)
        ? new WebhookInbox(ds, Clock.systemUTC()).migrate() == WebhookInbox.schemaVersion() ? 1 : 0
        : OperationsSchema.migrate(ds) == OperationsSchema.version() ? 1 : 0, 2,
        "drop schema if exists intercom_sync cascade",
        "intercom_sync.schema_version", "intercom_sync.operations_version"));
    assertTrue(exists("intercom_sync.webhook_events"));
    assertTrue(exists("intercom_sync.runs"));
  }

  interface Migration {
    int run(DataSource ds) throws Exception;
  }

  /** The rounds in which a migration failed; fails the test when the applied total is ever wrong. */
  int race(int rounds, List<DataSource> two, Migration migration) throws Exception {
    return race(rounds, two, migration, TABLES.version(), "drop schema if exists " + SCHEMA + " cascade",
        SCHEMA + ".versions");
  }

  int race(int rounds, List<DataSource> two, Migration migration, int appliedPerRound, String drop, String... lookUps)
      throws Exception {
    int failedRounds = 0;
    for (int round = 0; round < rounds; round++) {
      pg.execute(drop);
      CyclicBarrier together = new CyclicBarrier(two.size());
      List<Callable<Integer>> starts = new ArrayList<>();
      for (DataSource ds : two) {
        lookUpBeforehand(ds, lookUps);
        starts.add(() -> {
          together.await(10, TimeUnit.SECONDS);
          return migration.run(ds);
        });
      }
      int applied = 0;
      boolean failed = false;
      for (Future<Integer> f : threads.invokeAll(starts)) {
        try {
          applied += f.get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof MemberDatabaseException m) || !(m.getCause() instanceof SQLException sql)
              || !SchemaMigrations.isCatalogRace(sql)) {
            throw e;
          }
          failed = true;
        }
      }
      if (failed) {
        failedRounds++;
      } else {
        assertEquals(appliedPerRound, applied, "round " + round + ": the migrations applied exactly once");
      }
    }
    return failedRounds;
  }

  /** Counts the connections taken: one per attempt. */
  static final class CountingDataSource implements DataSource {
    final DataSource delegate;
    final AtomicInteger connections = new AtomicInteger();

    CountingDataSource(DataSource delegate) {
      this.delegate = delegate;
    }

    @Override
    public Connection getConnection() throws SQLException {
      connections.incrementAndGet();
      return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      connections.incrementAndGet();
      return delegate.getConnection(user, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
      return delegate.isWrapperFor(iface);
    }
  }
}
