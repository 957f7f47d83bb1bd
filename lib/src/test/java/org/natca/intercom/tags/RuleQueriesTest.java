package org.natca.intercom.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.natca.intercom.member.MemberDatabaseConnectionException;
import org.natca.intercom.sandbox.db.SandboxPostgres;

/** The sql rules against a real PostgreSQL, the member tables in a schema whose name needs quoting. */
class RuleQueriesTest {
  private static final String SCHEMA = "Member Data";
  private static SandboxPostgres pg;

  @BeforeAll
  static void start() {
    pg = SandboxPostgres.start(SCHEMA);
    pg.execute("insert into \"Member Data\".members (membernumber, firstname, email, status) values"
        + " (1, 'A', 'a@example.org', 'Active'), (2, 'B', 'b@example.org', 'Retired'), (3, 'C', null, 'Active');"
        + "insert into \"Member Data\".positions values (1, 'neb', null, null), (2, 'neb', null, '2020-01-01')");
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  static TagRulesFile.Valid rules(String... sql) {
    StringBuilder json = new StringBuilder("[\n");
    for (int i = 0; i < sql.length; i++) {
      json.append("{\"tag\": \"t").append(i).append("\", \"sql\": \"").append(sql[i]).append("\"}")
          .append(i + 1 < sql.length ? ",\n" : "\n");
    }
    return assertInstanceOf(TagRulesFile.Valid.class,
        TagRules.parse("r.json", json.append("]").toString().getBytes(StandardCharsets.UTF_8)));
  }

  static RuleQueries.Result run(int timeoutSeconds, String... sql) {
    return new RuleQueries(pg.dataSource(), SCHEMA, timeoutSeconds).run(rules(sql));
  }

  @Test
  void query_unqualifiedTablesResolveInTheMemberSchema_integerKindsAndNullsAccepted() {
    RuleQueries.Result r = run(10,
        "select membernumber from positions where positiontype = 'neb' and end_date is null",
        "select membernumber::bigint from members union all select null",
        "select membernumber::smallint from members where email is null");

    assertEquals(new RuleQueries.Result.Selected(Map.of(0, Set.of(1), 1, Set.of(1, 2, 3), 2, Set.of(3))), r);
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("delete from members", "sql tries to write, which the read-only transaction refused: ERROR: cannot execute DELETE in a read-only transaction"),
        Arguments.of("update members set email = null returning membernumber", "sql tries to write, which the read-only transaction refused"),
        Arguments.of("with d as (delete from positions returning membernumber) select membernumber from d", "sql tries to write"),
        Arguments.of("select membernumber from members for update", "sql tries to write"),
        Arguments.of("select membernumber, email from members", "sql returns 2 columns; it must return one integer column of member numbers"),
        Arguments.of("select email from members", "sql returns a column of type text; it must return one integer column of member numbers"),
        Arguments.of("select 1.5", "sql returns a column of type numeric"),
        Arguments.of("select membernumber from members where", "sql fails: ERROR: syntax error at end of input"),
        Arguments.of("commit", "sql returns no rows (it is not a query)"),
        Arguments.of("select 1 from pg_sleep(3)", "sql took longer than 1 s and was cancelled (statement timeout)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void query_thatWritesOrHasTheWrongShape_isAProblemNamingTheRule(String sql, String expected) {
    RuleQueries.Result r = run(1, "select 1", sql);

    List<String> problems = assertInstanceOf(RuleQueries.Result.Invalid.class, r).problems();
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("r.json:3:22: rule [1]: " + expected), problems.get(0));
    assertEquals(3, countMembers(), "nothing was written");
  }

  @Test
  void unreachableDatabase_isNotBadInput_butAConnectionFailure() {
    var dead = new org.postgresql.ds.PGSimpleDataSource();
    dead.setServerNames(new String[] {"127.0.0.1"});
    dead.setPortNumbers(new int[] {1});
    dead.setConnectTimeout(2);

    assertThrows(MemberDatabaseConnectionException.class, () -> new RuleQueries(dead, SCHEMA).run(rules("select 1")));
  }

  static long countMembers() {
    try (var c = pg.dataSource().getConnection(); var st = c.createStatement();
         var rs = st.executeQuery("select count(*) from \"Member Data\".members where email is not null or true")) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
