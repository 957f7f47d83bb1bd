package org.natca.intercom.app.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.natca.intercom.app.SandboxTest;

/** Base of the operations tests: the command world of {@link SandboxTest}, with empty run history and lock. */
abstract class OperationsTest extends SandboxTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void emptyHistory() {
    postgres.execute("do $$ begin"
        + " if to_regclass('intercom_sync.runs') is not null then"
        + " truncate intercom_sync.runs, intercom_sync.run_lock, intercom_sync.alert_state, intercom_sync.alerted_blocked;"
        + " end if;"
        + " if to_regclass('intercom_sync.webhook_events') is not null then truncate intercom_sync.webhook_events; end if;"
        + " end $$");
  }

  /** The rows of the run history, oldest first, as column → value. */
  List<Map<String, Object>> runs() {
    if (rows("select to_regclass('intercom_sync.runs') is null as absent").get(0).get("absent").equals(true)) {
      return List.of();
    }
    return rows("select id, command, arguments::text as arguments, dry_run, member_schema, host, pid, state, started_at,"
        + " finished_at, exit_code, totals::text as totals, requests::text as requests, report::text as report, error"
        + " from intercom_sync.runs order by id");
  }

  List<Map<String, Object>> rows(String sql) {
    try (Connection c = postgres.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code action} with System.err captured: lib logs through slf4j-simple, which writes there. */
  static String logsOf(Runnable action) {
    java.io.PrintStream original = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  static JsonNode json(Object text) {
    try {
      return JSON.readTree((String) text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
