package org.natca.intercom.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.natca.intercom.member.MemberDatabaseException;
import org.natca.intercom.member.SqlFailures;
import org.natca.intercom.migration.SchemaMigrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable webhook inbox: table {@code intercom_sync.webhook_events} in the member database, keyed
 * by notification id. A notification is stored before Intercom gets its 200, so an acknowledged event
 * is never lost; a repeated delivery finds its id taken and is not stored again.
 *
 * <p>Workers take events with {@code for update skip locked} and hold them by a short lease that a
 * heartbeat renews while they work ({@link #renew}): a taken event is due again when its lease runs
 * out, which is how events of a crashed process come back within seconds. Every
 * statement stands alone (autocommit, no session state, no advisory lock beyond one transaction), so
 * the inbox works through Supabase's transaction pooler. Times come from the injected clock.
 */
public final class WebhookInbox {
  private static final Logger log = LoggerFactory.getLogger(WebhookInbox.class);

  public static final String SCHEMA = "intercom_sync";
  static final String TABLE = SCHEMA + ".webhook_events";
  private static final int QUERY_TIMEOUT_SECONDS = 5;
  private static final int MAX_TEXT = 4000;

  /** Version n is {@code MIGRATIONS.get(n - 1)}; append only, never edit a released one. */
  private static final List<String> MIGRATIONS = List.of(
      "create table " + TABLE + " ("
          + " id text primary key,"
          + " topic text not null,"
          + " priority smallint not null,"
          + " payload text not null,"
          + " status text not null default 'pending' check (status in ('pending', 'processing', 'done', 'failed')),"
          + " attempts integer not null default 0,"
          + " received_at timestamptz not null,"
          // pending: when it may run; processing: when the worker's lease ends
          + " next_attempt_at timestamptz not null,"
          + " locked_by text,"
          + " finished_at timestamptz,"
          + " outcome text,"
          + " last_error text);"
          + " create index webhook_events_due on " + TABLE + " (priority, next_attempt_at)"
          + " where status in ('pending', 'processing');"
          + " create index webhook_events_finished on " + TABLE + " (finished_at) where status in ('done', 'failed');"
          + " comment on table " + TABLE + " is 'natca-intercom webhook-serve: notifications from Intercom, stored before"
          + " they are acknowledged, processed by its workers'");

  private static final SchemaMigrations.VersionedTables TABLES = new SchemaMigrations.VersionedTables(
      SCHEMA, SCHEMA + ".schema_version", "webhook inbox v", MIGRATIONS, 60, "preparing schema " + SCHEMA, "schema " + SCHEMA + " is");

  private final DataSource dataSource;
  private final Clock clock;

  public WebhookInbox(DataSource dataSource, Clock clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The schema version this code needs. */
  public static int schemaVersion() {
    return MIGRATIONS.size();
  }

  /**
   * Creates schema {@code intercom_sync} and brings its tables to {@link #schemaVersion()}: idempotent,
   * safe when several instances start at once ({@link SchemaMigrations}).
   *
   * @return the migrations applied now (0 when the schema was up to date)
   */
  public int migrate() {
    SchemaMigrations.Migrated m = SchemaMigrations.migrate(dataSource, TABLES);
    if (m.applied() > 0) {
      log.info("schema {} migrated from version {} to {}", SCHEMA, m.from(), m.to());
    }
    return m.applied();
  }

  /**
   * Stores a notification to be processed.
   *
   * @return true when stored now; false when this id was stored before (a repeated delivery)
   * @throws MemberDatabaseException when it could not be stored: the caller must not acknowledge
   */
  public boolean store(Notification n) {
    return storeAll(List.of(n)).contains(n.id());
  }

  /**
   * Stores several notifications in one statement (one round trip, one commit).
   *
   * @return the ids stored now; the others were stored before
   * @throws MemberDatabaseException when they could not be stored: none of them may be acknowledged
   */
  public Set<String> storeAll(List<Notification> notifications) {
    Map<String, Notification> byId = new LinkedHashMap<>();
    for (Notification n : notifications) {
      byId.putIfAbsent(Objects.requireNonNull(n.id(), "a stored notification needs its id"), n);
    }
    if (byId.isEmpty()) {
      return Set.of();
    }
    OffsetDateTime now = utc(clock.instant());
    StringBuilder sql = new StringBuilder("insert into " + TABLE
        + " (id, topic, priority, payload, received_at, next_attempt_at) values ");
    for (int i = 0; i < byId.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
    }
    sql.append(" on conflict (id) do nothing returning id");
    try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql.toString())) {
      st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      int p = 1;
      for (Notification n : byId.values()) {
        st.setString(p++, n.id());
        st.setString(p++, n.topic());
        st.setInt(p++, Topics.priority(n.topic()));
        st.setString(p++, n.payload());
        st.setObject(p++, now);
        st.setObject(p++, now);
      }
      Set<String> stored = new HashSet<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          stored.add(rs.getString(1));
        }
      }
      return stored;
    } catch (SQLException e) {
      throw SqlFailures.translate("storing " + (byId.size() == 1 ? "webhook notification " + byId.keySet().iterator().next()
          : byId.size() + " webhook notifications"), e, dataSource);
    }
  }

  /**
   * Takes the most urgent due event (tag re-syncs first, then oldest), or none: a pending event whose
   * time has come, or a taken one whose lease ran out. Counts the attempt and leases it to
   * {@code owner} until {@code leaseUntil}.
   */
  public Optional<StoredEvent> claim(String owner, Instant leaseUntil) {
    Instant now = clock.instant();
    String sql = "update " + TABLE + " e set status = 'processing', attempts = e.attempts + 1,"
        + " locked_by = ?, next_attempt_at = ?"
        + " where e.id = (select id from " + TABLE
        + " where status in ('pending', 'processing') and next_attempt_at <= ?"
        + " order by priority, next_attempt_at limit 1 for update skip locked)"
        + " returning e.id, e.topic, e.payload, e.attempts, e.received_at";
    try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      st.setString(1, owner);
      st.setObject(2, utc(leaseUntil));
      st.setObject(3, utc(now));
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new StoredEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
            rs.getObject(5, OffsetDateTime.class).toInstant()));
      }
    } catch (SQLException e) {
      throw SqlFailures.translate("taking a webhook event to process", e, dataSource);
    }
  }

  /** Finished: done with what was done ({@code outcome}), or failed for good with {@code error}. */
  public boolean finish(String id, String owner, EventStatus status, String outcome, String error) {
    if (status != EventStatus.DONE && status != EventStatus.FAILED) {
      throw new IllegalArgumentException("finish with done or failed, not " + status);
    }
    String sql = "update " + TABLE + " set status = ?, outcome = ?, last_error = ?, finished_at = ?, locked_by = null"
        + " where id = ? and locked_by = ? and status = 'processing'";
    return update("finishing webhook event " + id, sql, st -> {
      st.setString(1, status.sql());
      st.setString(2, clip(outcome));
      st.setString(3, clip(error));
      st.setObject(4, utc(clock.instant()));
      st.setString(5, id);
      st.setString(6, owner);
    }) == 1;
  }

  /** Failed this time; due again at {@code at}. */
  public boolean retryAt(String id, String owner, Instant at, String error) {
    String sql = "update " + TABLE + " set status = 'pending', next_attempt_at = ?, last_error = ?, locked_by = null"
        + " where id = ? and locked_by = ? and status = 'processing'";
    return update("rescheduling webhook event " + id, sql, st -> {
      st.setObject(1, utc(at));
      st.setString(2, clip(error));
      st.setString(3, id);
      st.setString(4, owner);
    }) == 1;
  }

  /**
   * The heartbeat: extends to {@code leaseUntil} the lease of every event the workers of {@code owner}
   * still hold (their {@code locked_by} starts with {@code owner + "/"}), in one statement.
   *
   * @return the ids renewed; an event held before and missing here is no longer this owner's
   */
  public Set<String> renew(String owner, Instant leaseUntil) {
    String sql = "update " + TABLE + " set next_attempt_at = ?"
        + " where status = 'processing' and starts_with(locked_by, ?) returning id";
    try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      st.setObject(1, utc(leaseUntil));
      st.setString(2, owner + "/");
      Set<String> renewed = new HashSet<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          renewed.add(rs.getString(1));
        }
      }
      return renewed;
    } catch (SQLException e) {
      throw SqlFailures.translate("renewing the leases of webhook events", e, dataSource);
    }
  }

  /**
   * Gives back every event a process still holds: those whose {@code locked_by} is {@code owner} or
   * starts with {@code owner + "/"} (its workers). They are due at once, the unfinished attempt not counted.
   */
  public int release(String owner) {
    String sql = "update " + TABLE + " set status = 'pending', next_attempt_at = ?, locked_by = null,"
        + " attempts = greatest(attempts - 1, 0)"
        + " where status = 'processing' and (locked_by = ? or starts_with(locked_by, ?))";
    return update("releasing webhook events", sql, st -> {
      st.setObject(1, utc(clock.instant()));
      st.setString(2, owner);
      st.setString(3, owner + "/");
    });
  }

  /** Deletes finished events older than {@code before}, at most {@code max} of them; returns how many. */
  public int purgeFinished(Instant before, int max) {
    String sql = "delete from " + TABLE + " where id in (select id from " + TABLE
        + " where status in ('done', 'failed') and finished_at < ? limit ?)";
    return update("purging old webhook events", sql, st -> {
      st.setObject(1, utc(before));
      st.setInt(2, max);
    });
  }

  public Optional<EventRecord> find(String id) {
    String sql = "select id, topic, status, attempts, received_at, next_attempt_at, finished_at, outcome, last_error"
        + " from " + TABLE + " where id = ?";
    try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      st.setString(1, id);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new EventRecord(rs.getString(1), rs.getString(2), EventStatus.of(rs.getString(3)),
            rs.getInt(4), instant(rs, 5), instant(rs, 6), instant(rs, 7), rs.getString(8), rs.getString(9)));
      }
    } catch (SQLException e) {
      throw SqlFailures.translate("reading webhook event " + id, e, dataSource);
    }
  }

  /** How many events are in each status. */
  public Map<EventStatus, Long> counts() {
    Map<EventStatus, Long> counts = new EnumMap<>(EventStatus.class);
    for (EventStatus s : EventStatus.values()) {
      counts.put(s, 0L);
    }
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      try (ResultSet rs = st.executeQuery("select status, count(*) from " + TABLE + " group by status")) {
        while (rs.next()) {
          counts.put(EventStatus.of(rs.getString(1)), rs.getLong(2));
        }
      }
      return counts;
    } catch (SQLException e) {
      throw SqlFailures.translate("counting webhook events", e, dataSource);
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement st) throws SQLException;
  }

  private int update(String what, String sql, Binder binder) {
    try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      binder.bind(st);
      return st.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.translate(what, e, dataSource);
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static String clip(String text) {
    return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
  }
}
