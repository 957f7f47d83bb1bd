package org.natca.intercom.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import javax.sql.DataSource;
import org.natca.intercom.member.MemberDatabaseException;
import org.natca.intercom.member.SqlFailures;

/**
 * The rows of {@code intercom_sync.runs}: one per run, written when it starts and when it ends. Start
 * and end times come from the injected clock (as in the run report); the heartbeat is the database's
 * time, so that whether a run still lives is judged by one clock whatever host wrote it.
 */
public final class RunHistory {
  /** How long runs are kept. */
  public static final Duration RETENTION = Duration.ofDays(180);
  private static final int QUERY_TIMEOUT_SECONDS = 10;
  static final ObjectMapper JSON = new ObjectMapper();

  private final DataSource dataSource;

  public RunHistory(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /** Records a run that starts now; returns its id. */
  public long start(RunStart start, Instant startedAt) {
    return insert(start, "running", startedAt, null, null, null);
  }

  /** Records a run the lock refused: finished at once, exit code 3, the holder named in its error. */
  public long refused(RunStart start, Instant at, int exitCode, String error) {
    return insert(start, "refused", at, at, exitCode, error);
  }

  private long insert(RunStart start, String state, Instant startedAt, Instant finishedAt, Integer exitCode, String error) {
    String sql = "insert into " + OperationsSchema.RUNS + " (command, arguments, dry_run, member_schema, host, pid, state,"
        + " started_at, heartbeat_at, finished_at, exit_code, error) values (?, ?::jsonb, ?, ?, ?, ?, ?, ?, now(), ?, ?, ?)"
        + " returning id";
    try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      st.setString(1, start.command());
      st.setString(2, JSON.writeValueAsString(start.arguments()));
      st.setBoolean(3, start.dryRun());
      st.setString(4, start.memberSchema());
      st.setString(5, start.host());
      st.setLong(6, start.pid());
      st.setString(7, state);
      st.setObject(8, utc(startedAt));
      st.setObject(9, finishedAt == null ? null : utc(finishedAt));
      if (exitCode == null) {
        st.setNull(10, java.sql.Types.INTEGER);
      } else {
        st.setInt(10, exitCode);
      }
      st.setString(11, error);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw SqlFailures.translate("recording the run in the run history", e, dataSource);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The run is alive: renews its heartbeat. */
  public void heartbeat(long id) {
    update("renewing the run's heartbeat", "update " + OperationsSchema.RUNS + " set heartbeat_at = now() where id = ?", st -> st.setLong(1, id));
  }

  /** Records how the run ended. */
  public void finish(long id, RunEnd end, Instant finishedAt) {
    JsonNode report = end.report();
    String sql = "update " + OperationsSchema.RUNS + " set state = 'finished', finished_at = ?, heartbeat_at = now(),"
        + " exit_code = ?, totals = ?::jsonb, requests = ?::jsonb, report = ?::jsonb, error = ? where id = ?";
    update("recording the end of the run in the run history", sql, st -> {
      st.setObject(1, utc(finishedAt));
      st.setInt(2, end.exitCode());
      st.setString(3, json(report == null ? null : report.get("totals")));
      st.setString(4, json(report == null ? null : report.get("requests")));
      st.setString(5, json(report));
      st.setString(6, end.error());
      st.setLong(7, id);
    });
  }

  /** Deletes runs that started before {@code before}; returns how many. */
  public int prune(Instant before) {
    return update("pruning the run history", "delete from " + OperationsSchema.RUNS + " where started_at < ?",
        st -> st.setObject(1, utc(before)));
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement st) throws SQLException;
  }

  private int update(String what, String sql, Binder binder) throws MemberDatabaseException {
    try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      binder.bind(st);
      return st.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.translate(what, e, dataSource);
    }
  }

  private static String json(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
