package org.natca.intercom.operations.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.natca.intercom.member.SqlFailures;
import org.natca.intercom.operations.OperationsSchema;

/** What alerts last said: {@code intercom_sync.alert_state} (key → value) and {@code intercom_sync.alerted_blocked}. */
final class AlertState {
  private static final int QUERY_TIMEOUT_SECONDS = 5;

  /** A state row: its value and when it was last written. */
  record Entry(String value, Instant updatedAt) {}

  private final DataSource dataSource;

  AlertState(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  Optional<Entry> get(String key) {
    try (Connection c = dataSource.getConnection();
         PreparedStatement st = c.prepareStatement("select value, updated_at from " + OperationsSchema.ALERT_STATE + " where key = ?")) {
      st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      st.setString(1, key);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(new Entry(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant())) : Optional.empty();
      }
    } catch (SQLException e) {
      throw SqlFailures.translate("reading the alert state", e, dataSource);
    }
  }

  void put(String key, String value, Instant at) {
    update("insert into " + OperationsSchema.ALERT_STATE + " (key, value, updated_at) values (?, ?, ?)"
        + " on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at", key, value, utc(at));
  }

  /**
   * Writes {@code value} only if the row is still {@code expected} (empty: absent): the one way two
   * processes never both send the same message.
   *
   * @return whether it was written
   */
  boolean replace(String key, Optional<Entry> expected, String value, Instant at) {
    if (expected.isEmpty()) {
      return update("insert into " + OperationsSchema.ALERT_STATE + " (key, value, updated_at) values (?, ?, ?)"
          + " on conflict (key) do nothing", key, value, utc(at)) == 1;
    }
    return update("update " + OperationsSchema.ALERT_STATE + " set value = ?, updated_at = ? where key = ? and updated_at = ?",
        value, utc(at), key, utc(expected.get().updatedAt())) == 1;
  }

  /** Takes back a {@link #replace} whose message could not be delivered. */
  void restore(String key, Optional<Entry> previous, Instant ours) {
    if (previous.isEmpty()) {
      update("delete from " + OperationsSchema.ALERT_STATE + " where key = ? and updated_at = ?", key, utc(ours));
    } else {
      update("update " + OperationsSchema.ALERT_STATE + " set value = ?, updated_at = ? where key = ? and updated_at = ?",
          previous.get().value(), utc(previous.get().updatedAt()), key, utc(ours));
    }
  }

  /** Records these contacts as alerted; returns those that were not before. */
  List<String> addBlocked(String memberSchema, Collection<String> contactIds, Instant at) {
    List<String> added = new ArrayList<>();
    for (String id : contactIds) {
      if (update("insert into " + OperationsSchema.ALERTED_BLOCKED + " (member_schema, contact_id, alerted_at) values (?, ?, ?)"
          + " on conflict do nothing", memberSchema, id, utc(at)) == 1) {
        added.add(id);
      }
    }
    return added;
  }

  void removeBlocked(String memberSchema, Collection<String> contactIds) {
    for (String id : contactIds) {
      update("delete from " + OperationsSchema.ALERTED_BLOCKED + " where member_schema = ? and contact_id = ?", memberSchema, id);
    }
  }

  /** Forgets the contacts no longer blocked, so that they are alerted again should they be blocked again. */
  void retainBlocked(String memberSchema, Collection<String> stillBlocked) {
    update("delete from " + OperationsSchema.ALERTED_BLOCKED + " where member_schema = ? and not (contact_id = any (?))",
        memberSchema, stillBlocked.toArray(new String[0]));
  }

  private int update(String sql, Object... params) {
    try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      for (int i = 0; i < params.length; i++) {
        if (params[i] instanceof String[] array) {
          st.setArray(i + 1, c.createArrayOf("text", array));
        } else {
          st.setObject(i + 1, params[i]);
        }
      }
      return st.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.translate("writing the alert state", e, dataSource);
    }
  }

  static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
