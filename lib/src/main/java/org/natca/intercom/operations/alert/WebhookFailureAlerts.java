package org.natca.intercom.operations.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.natca.intercom.member.SqlFailures;
import org.natca.intercom.operations.OperationsSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert for webhook events that ended failed: at most one message per {@link #MIN_GAP}, with the
 * count of events that failed since the last message (the first time: in the last 7 days). Checked by
 * webhook-serve every minute and at the end of every writing run; any number of processes may check,
 * the alert state lets one of them send.
 */
public final class WebhookFailureAlerts {
  private static final Logger log = LoggerFactory.getLogger(WebhookFailureAlerts.class);
  public static final Duration MIN_GAP = Duration.ofMinutes(10);
  /** How often webhook-serve checks. */
  public static final Duration CHECK_EVERY = Duration.ofMinutes(1);
  static final String KEY = "webhook-failed";
  private static final String EVENTS = OperationsSchema.SCHEMA + ".webhook_events";

  private final DataSource dataSource;
  private final AlertSink sink;
  private final Clock clock;
  private final AlertState state;

  public WebhookFailureAlerts(DataSource dataSource, AlertSink sink, Clock clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.state = new AlertState(dataSource);
  }

  /** Sends the alert when it is due. Never throws. @return whether a message was delivered */
  public boolean check() {
    try {
      return checkOrThrow();
    } catch (RuntimeException | SQLException e) {
      log.warn("could not check for failed webhook events to alert about ({})", e.getMessage());
      return false;
    }
  }

  private boolean checkOrThrow() throws SQLException {
    if (!tablesExist()) {
      return false;
    }
    Instant now = clock.instant();
    Optional<AlertState.Entry> last = state.get(KEY);
    if (last.isPresent() && last.get().updatedAt().isAfter(now.minus(MIN_GAP))) {
      return false;
    }
    Instant since = last.map(e -> Instant.parse(e.value())).orElse(now.minus(Duration.ofDays(7)));
    Map<String, Long> byTopic = new LinkedHashMap<>();
    long count = 0;
    Instant newest = since;
    try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
        "select topic, count(*), max(finished_at) from " + EVENTS + " where status = 'failed' and finished_at > ?"
            + " group by topic order by count(*) desc, topic")) {
      st.setQueryTimeout(5);
      st.setObject(1, AlertState.utc(since));
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          byTopic.put(rs.getString(1), rs.getLong(2));
          count += rs.getLong(2);
          Instant max = rs.getObject(3, OffsetDateTime.class).toInstant();
          newest = max.isAfter(newest) ? max : newest;
        }
      }
    }
    if (count == 0) {
      return false;
    }
    if (!state.replace(KEY, last, newest.toString(), now)) {
      return false;
    }
    StringBuilder text = new StringBuilder("natca-intercom: ").append(count).append(count == 1 ? " webhook event" : " webhook events")
        .append(" ended failed after their retries since ").append(since).append(" (");
    String sep = "";
    for (Map.Entry<String, Long> e : byTopic.entrySet()) {
      text.append(sep).append(e.getKey()).append(": ").append(e.getValue());
      sep = ", ";
    }
    text.append("). Run 'natca-intercom status' for the errors; a conversation left untagged or unenriched may need a person.");
    if (sink.send(text.toString())) {
      return true;
    }
    state.restore(KEY, last, now);
    return false;
  }

  private boolean tablesExist() throws SQLException {
    try (Connection c = dataSource.getConnection();
         PreparedStatement st = c.prepareStatement("select to_regclass(?) is not null and to_regclass(?) is not null")) {
      st.setQueryTimeout(5);
      st.setString(1, EVENTS);
      st.setString(2, OperationsSchema.ALERT_STATE);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    } catch (SQLException e) {
      throw SqlFailures.translate("looking for the webhook inbox", e, dataSource);
    }
  }
}
