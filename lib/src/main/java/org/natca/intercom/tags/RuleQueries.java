package org.natca.intercom.tags;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.natca.intercom.member.Databases;
import org.natca.intercom.member.MemberDatabaseConnectionException;
import org.natca.intercom.member.MemberDatabaseException;
import org.natca.intercom.member.SqlFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@code sql} rules against the member database, each alone in a read-only transaction with a
 * statement timeout, and never commits one (every transaction is rolled back): a query that tries to
 * write is refused by PostgreSQL and reported as bad input. Only {@code SET LOCAL} is used, which ends
 * with the transaction, so it works through Supabase's transaction pooler. Unqualified table names are
 * looked up in the member schema.
 */
public final class RuleQueries {
  private static final Logger log = LoggerFactory.getLogger(RuleQueries.class);
  public static final int STATEMENT_TIMEOUT_SECONDS = 60;
  private static final Set<Integer> INTEGER_TYPES = Set.of(Types.INTEGER, Types.SMALLINT, Types.BIGINT, Types.TINYINT);

  /** What the queries came to: the member numbers each sql rule selects (by rule index), or the problems. */
  public sealed interface Result {
    record Selected(Map<Integer, Set<Integer>> byRule) implements Result {
      public Selected {
        byRule = Map.copyOf(byRule);
      }
    }

    record Invalid(List<String> problems) implements Result {
      public Invalid {
        problems = List.copyOf(problems);
      }
    }
  }

  private final DataSource dataSource;
  private final String schema;
  private final int timeoutSeconds;

  public RuleQueries(DataSource dataSource, String schema) {
    this(dataSource, schema, STATEMENT_TIMEOUT_SECONDS);
  }

  public RuleQueries(DataSource dataSource, String schema, int timeoutSeconds) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.schema = Databases.quoteIdentifier(Objects.requireNonNull(schema, "schema"));
    this.timeoutSeconds = timeoutSeconds;
  }

  /**
   * Runs every sql rule of the file. A query that fails, writes, times out or returns anything but one
   * integer column is a problem line ({@code FILE:line:col: rule [i]: sql ...}).
   *
   * @throws MemberDatabaseConnectionException when the database cannot be used at all (exit 3, not bad input)
   */
  public Result run(TagRulesFile.Valid file) {
    Map<Integer, Set<Integer>> selected = new HashMap<>();
    List<String> problems = new ArrayList<>();
    List<TagRule> sqlRules = file.rules().stream().filter(r -> r.selector() instanceof Selector.Sql).toList();
    if (sqlRules.isEmpty()) {
      return new Result.Selected(selected);
    }
    try (Connection connection = dataSource.getConnection()) {
      for (TagRule rule : sqlRules) {
        String query = ((Selector.Sql) rule.selector()).query();
        long started = System.nanoTime();
        try {
          Set<Integer> numbers = select(connection, query);
          selected.put(rule.index(), numbers);
          log.info("{} (tag \"{}\"): the query selected {} member numbers in {} ms", rule.where(), rule.tag(),
              numbers.size(), (System.nanoTime() - started) / 1_000_000);
        } catch (BadQuery e) {
          problems.add(file.problem(rule, "sql " + e.getMessage()));
        } catch (SQLException e) {
          MemberDatabaseException translated = SqlFailures.translate("running the query", e, dataSource);
          if (translated instanceof MemberDatabaseConnectionException) {
            throw translated;
          }
          problems.add(file.problem(rule, "sql " + explain(e, translated)));
        }
      }
    } catch (SQLException e) {
      throw SqlFailures.translate("running the tag rules' queries", e, dataSource);
    }
    return problems.isEmpty() ? new Result.Selected(selected) : new Result.Invalid(problems);
  }

  private Set<Integer> select(Connection connection, String query) throws SQLException, BadQuery {
    connection.setAutoCommit(false);
    try {
      try (Statement st = connection.createStatement()) {
        st.execute("set transaction isolation level repeatable read, read only");
        st.execute("set local statement_timeout = '" + timeoutSeconds + "s'");
        st.execute("set local search_path = " + schema);
      }
      try (Statement st = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        st.setQueryTimeout(timeoutSeconds + 5);
        st.setFetchSize(2000);
        if (!st.execute(query)) {
          throw new BadQuery("returns no rows (it is not a query); it must return one integer column of member numbers");
        }
        try (ResultSet rs = st.getResultSet()) {
          ResultSetMetaData meta = rs.getMetaData();
          if (meta.getColumnCount() != 1) {
            throw new BadQuery("returns " + meta.getColumnCount() + " columns; it must return one integer column of member numbers");
          }
          if (!INTEGER_TYPES.contains(meta.getColumnType(1))) {
            throw new BadQuery("returns a column of type " + meta.getColumnTypeName(1)
                + "; it must return one integer column of member numbers");
          }
          Set<Integer> numbers = new HashSet<>();
          while (rs.next()) {
            long n = rs.getLong(1);
            if (!rs.wasNull() && n > 0 && n <= Integer.MAX_VALUE) {
              numbers.add((int) n);
            }
          }
          return numbers;
        }
      }
    } finally {
      try {
        connection.rollback();
        connection.setAutoCommit(true);
      } catch (SQLException ignored) {
        // a broken connection: the pool discards it; the query's own error is already on its way
      }
    }
  }

  private String explain(SQLException e, MemberDatabaseException translated) {
    String state = e.getSQLState();
    String message = translated.getMessage().replaceFirst("^running the query failed: ", "");
    if ("25006".equals(state)) {
      return "tries to write, which the read-only transaction refused: " + message;
    }
    if ("57014".equals(state)) {
      return "took longer than " + timeoutSeconds + " s and was cancelled (statement timeout)";
    }
    return "fails: " + message;
  }

  /** A query that ran but is not what a rule needs. */
  private static final class BadQuery extends Exception {
    private static final long serialVersionUID = 1L;

    BadQuery(String message) {
      super(message, null, false, false);
    }
  }
}
