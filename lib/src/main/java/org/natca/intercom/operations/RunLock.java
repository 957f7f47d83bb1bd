package org.natca.intercom.operations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.natca.intercom.member.MemberDatabaseException;
import org.natca.intercom.member.SqlFailures;

/**
 * One writing run per member database: a row in {@code intercom_sync.run_lock} per member schema,
 * held by a lease. The holder renews it every {@link Timings#heartbeat()}; a holder that stopped
 * renewing for {@link Timings#lease()} (killed, or its container gone) is taken over by the next run.
 * Every statement stands alone and uses the database's clock (hosts' clocks may differ), so the lock
 * works through Supabase's transaction pooler, where a session advisory lock would not hold.
 */
public final class RunLock {
  private static final int QUERY_TIMEOUT_SECONDS = 5;

  /**
   * How often the holder renews, and after how long without renewal the lock is free. The defaults
   * free a killed holder's lock within 45 s of its last renewal, so within 60 s of its death.
   */
  public record Timings(Duration heartbeat, Duration lease) {
    public static final Timings DEFAULT = new Timings(Duration.ofSeconds(15), Duration.ofSeconds(45));

    public Timings {
      if (heartbeat.isZero() || heartbeat.isNegative() || lease.compareTo(heartbeat.multipliedBy(2)) < 0) {
        throw new IllegalArgumentException("the lease must be at least two heartbeats: " + heartbeat + ", " + lease);
      }
    }

    /** A lease of {@code seconds}, renewed every third of it. */
    public static Timings ofLeaseSeconds(long seconds) {
      return new Timings(Duration.ofMillis(seconds * 1000 / 3), Duration.ofSeconds(seconds));
    }
  }

  /** What an attempt to take the lock gave. */
  public sealed interface Attempt {
    /** Ours; {@code previous} is the holder whose lease ran out, when we took it over. */
    record Acquired(String token, LockHolder previous) implements Attempt {}

    record Held(LockHolder holder) implements Attempt {}
  }

  private final DataSource dataSource;
  private final Timings timings;

  public RunLock(DataSource dataSource, Timings timings) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.timings = Objects.requireNonNull(timings, "timings");
  }

  public Timings timings() {
    return timings;
  }

  /**
   * Takes the lock of {@code start.memberSchema()} when it is free, its holder's lease ran out, or its
   * holder is this very process (host and pid: a leftover of an earlier run that could not release it).
   */
  public Attempt acquire(RunStart start) {
    return acquire(start, 3);
  }

  private Attempt acquire(RunStart start, int attempts) {
    String token = UUID.randomUUID().toString();
    String sql = "with old as (select command, host, pid, since, heartbeat_at from " + OperationsSchema.RUN_LOCK
        + " where name = ?),"
        + " taken as (insert into " + OperationsSchema.RUN_LOCK + " as l (name, token, command, host, pid, since, heartbeat_at)"
        + " values (?, ?, ?, ?, ?, now(), now())"
        + " on conflict (name) do update set token = excluded.token, command = excluded.command, host = excluded.host,"
        + " pid = excluded.pid, since = excluded.since, heartbeat_at = excluded.heartbeat_at"
        + " where l.heartbeat_at < now() - make_interval(secs => ?) or (l.host = excluded.host and l.pid = excluded.pid)"
        + " returning token)"
        + " select (select token from taken), old.command, old.host, old.pid, old.since, old.heartbeat_at"
        + " from (select 1) one left join old on true";
    try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      st.setString(1, start.memberSchema());
      st.setString(2, start.memberSchema());
      st.setString(3, token);
      st.setString(4, start.command());
      st.setString(5, start.host());
      st.setLong(6, start.pid());
      st.setDouble(7, timings.lease().toMillis() / 1000.0);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        LockHolder old = rs.getString(2) == null ? null : new LockHolder(rs.getString(2), rs.getString(3), rs.getLong(4),
            rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getObject(6, OffsetDateTime.class).toInstant());
        if (token.equals(rs.getString(1))) {
          return new Attempt.Acquired(token, old);
        }
        if (old == null && attempts > 1) {
          // released between our read and our insert: it is free now
          return acquire(start, attempts - 1);
        }
        if (old == null) {
          throw new MemberDatabaseException("the run lock changed hands three times while we asked for it", null);
        }
        return new Attempt.Held(old);
      }
    } catch (SQLException e) {
      throw SqlFailures.translate("taking the run lock", e, dataSource);
    }
  }

  /**
   * Renews the lease.
   *
   * @return false when the lock is no longer ours (another run took it over after our lease ran out)
   */
  public boolean renew(String memberSchema, String token) {
    return update("renewing the run lock", "update " + OperationsSchema.RUN_LOCK + " set heartbeat_at = now()"
        + " where name = ? and token = ?", memberSchema, token) == 1;
  }

  public void release(String memberSchema, String token) {
    update("releasing the run lock", "delete from " + OperationsSchema.RUN_LOCK + " where name = ? and token = ?",
        memberSchema, token);
  }

  private int update(String what, String sql, String name, String token) throws MemberDatabaseException {
    try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      st.setString(1, name);
      st.setString(2, token);
      return st.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.translate(what, e, dataSource);
    }
  }
}
