package org.natca.intercom.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.natca.intercom.sandbox.db.SandboxPostgres;

/** Against a real PostgreSQL, with the member tables in a schema whose name needs quoting. */
class MemberRepositoryTest {
  private static final String SCHEMA = "Member Data";
  private static final String S = "\"Member Data\".";
  private static final Clock JUNE_15 = Clock.fixed(Instant.parse("2024-06-15T12:00:00Z"), ZoneOffset.UTC);

  private static SandboxPostgres pg;
  private static HikariDataSource dataSource;

  @BeforeAll
  static void start() {
    pg = SandboxPostgres.start(SCHEMA);
    pg.execute(""
        + "insert into " + S + "regions values (1, 'NE', 'New England'), (2, 'SO', 'Southern');"
        + "insert into " + S + "facilities values (10, 'ZBW', 'Boston Center', 1), (11, 'A90', 'Boston TRACON', 1);"
        + "insert into " + S + "member_types values (6, 'Full Member'), (7, 'Associate'), (8, 'Staff');"
        // inserted out of order on purpose
        + "insert into " + S + "members values"
        + " (1009, 'Last', 'Inserted', 'late@example.org', null, 'Active', 8, 2, 11),"
        + " (1001, 'Jane', 'Doe', 'Jane.Doe@Example.org', '(765) 465-7031', 'Active', 6, 1, 10),"
        + " (1002, 'John', 'Roe', '  john.roe@example.org ', null, 'Retired', 6, 2, null),"
        + " (1003, 'Sus', 'Pended', 's@example.org', null, 'Suspended', 6, 1, 10),"
        + " (1004, 'No', 'Email', null, null, 'Active', 6, 1, 10),"
        + " (1005, 'Blank', 'Email', '   ', null, 'Active', 6, 1, 10),"
        + " (1006, 'Tab', 'Email', E'\\t\\n', null, 'Retired', 6, 1, 10),"
        + " (1007, 'Al', 'Assoc', 'assoc@example.org', null, 'Active', 7, null, null),"
        + " (1008, 'Old', 'Jane', 'JANE.DOE@example.org', null, 'Terminated', 6, 1, 10),"
        + " (999, 'Older', 'Jane', ' jane.doe@EXAMPLE.org', null, 'Suspended', null, null, null),"
        + " (1010, 'Lower', 'Case', 'lower@example.org', null, 'active', 6, 1, 10);"
        + "insert into " + S + "positions values"
        + " (1001, 'facrep', '2020-01-01', null),"
        + " (1001, 'rvp', '2019-01-01', '2024-06-14'),"      // ended yesterday
        + " (1001, 'facpres', '2022-01-01', '2024-06-15')," // ends today: still current
        + " (1002, 'pres', null, null),"
        + " (1003, 'facrep', null, null),"
        + " (1009, 'neb', null, '2030-01-01');");
    dataSource = Databases.postgres(pg.postgresUrl(), SCHEMA, "members-test");
  }

  @AfterAll
  static void stop() {
    if (dataSource != null) {
      dataSource.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  private static MemberRepository repository() {
    return new MemberRepository(dataSource, SCHEMA, JUNE_15);
  }

  private static List<Integer> numbers(List<Member> members) {
    return members.stream().map(Member::memberNumber).collect(Collectors.toList());
  }

  @Test
  void loadEligible_onlyActiveAndRetiredWithAnEmail_orderedByMemberNumber() {
    assertEquals(List.of(1001, 1002, 1007, 1009), numbers(repository().loadEligible(0)));
  }

  @Test
  void loadEligible_joinsCodesTypeNameAndCurrentPositions() {
    List<Member> members = repository().loadEligible(0);

    assertEquals(new Member(1001, "Jane", "Doe", "Jane.Doe@Example.org", "(765) 465-7031", "Active", 6,
        "Full Member", "NE", "ZBW", List.of("facpres", "facrep")), members.get(0));
    assertEquals(new Member(1002, "John", "Roe", "  john.roe@example.org ", null, "Retired", 6,
        "Full Member", "SO", null, List.of("pres")), members.get(1));
    assertEquals(new Member(1007, "Al", "Assoc", "assoc@example.org", null, "Active", 7,
        "Associate", null, null, List.of()), members.get(2));
    assertEquals(List.of("neb"), members.get(3).positionCodes());
  }

  @Test
  void loadEligible_positionsAreCurrentAsOfTheClocksToday() {
    Clock june16 = Clock.fixed(Instant.parse("2024-06-16T00:30:00Z"), ZoneOffset.UTC);
    Clock june14 = Clock.fixed(Instant.parse("2024-06-14T23:59:00Z"), ZoneOffset.UTC);

    assertEquals(List.of("facrep"), new MemberRepository(dataSource, SCHEMA, june16).loadEligible(0).get(0).positionCodes());
    assertEquals(List.of("facpres", "facrep", "rvp"),
        new MemberRepository(dataSource, SCHEMA, june14).loadEligible(0).get(0).positionCodes());
  }

  @Test
  void loadEligible_withLimit_takesTheFirstMembersAndOnlyTheirPositions() {
    MemberRepository repository = repository();

    List<Member> members = repository.loadEligible(2);

    assertEquals(List.of(1001, 1002), numbers(members));
    assertEquals(List.of("facpres", "facrep"), members.get(0).positionCodes());
    assertEquals(List.of("pres"), members.get(1).positionCodes());
    assertTrue(repository.queriesExecuted() <= 3, "queries: " + repository.queriesExecuted());
  }

  @ParameterizedTest(name = "limit {0}")
  @ValueSource(ints = {0, -1, 100})
  void loadEligible_limitZeroNegativeOrLarge_loadsAll(int limit) {
    assertEquals(4, repository().loadEligible(limit).size());
  }

  @Test
  void loadEligible_usesAtMostThreeQueries() {
    MemberRepository repository = repository();

    repository.loadEligible(0);

    assertTrue(repository.queriesExecuted() >= 2 && repository.queriesExecuted() <= 3,
        "queries: " + repository.queriesExecuted());
  }

  @Test
  void loadAll_everyStatusAndEmail_byNumber_withCurrentPositions_inAtMostThreeQueries() {
    MemberRepository repository = repository();

    List<Member> all = repository.loadAll();

    assertEquals(List.of(999, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010), numbers(all));
    assertEquals(List.of("facpres", "facrep"), all.get(1).positionCodes());
    assertEquals("Suspended", all.get(3).status());
    assertEquals(List.of("facrep"), all.get(3).positionCodes());
    assertTrue(repository.queriesExecuted() <= 3, "queries: " + repository.queriesExecuted());
  }

  @Test
  void findByNumber_anyStatus_fullyJoined() {
    Optional<Member> suspended = repository().findByNumber(1003);

    assertEquals(Optional.of(new Member(1003, "Sus", "Pended", "s@example.org", null, "Suspended", 6,
        "Full Member", "NE", "ZBW", List.of("facrep"))), suspended);
  }

  @Test
  void findByNumber_unknown_isEmpty() {
    assertEquals(Optional.empty(), repository().findByNumber(424242));
  }

  @Test
  void findByEmail_trimmedAndCaseInsensitive_syncedStatusesFirstThenByNumber() {
    MemberRepository repository = repository();

    List<Member> found = repository.findByEmail("  JANE.doe@example.ORG ");

    assertEquals(List.of(1001, 999, 1008), numbers(found));
    assertEquals(List.of("facpres", "facrep"), found.get(0).positionCodes());
    assertEquals("ZBW", found.get(0).facilityCode());
    assertTrue(repository.queriesExecuted() <= 3, "queries: " + repository.queriesExecuted());
  }

  @Test
  void findByEmail_storedWithSpaces_matches() {
    assertEquals(List.of(1002), numbers(repository().findByEmail("john.roe@example.org")));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "  ", "nobody@example.org", "%@example.org", "jane.doe@example.org'; --"})
  void findByEmail_blankOrUnknown_isEmpty(String email) {
    assertEquals(List.of(), repository().findByEmail(email));
  }

  @Test
  void ping_databaseUp_returns() {
    repository().ping();
  }

  @Test
  void ping_wrongSchema_failsWithTheDatabasesMessageNotAsConnectionFailure() {
    MemberRepository wrong = new MemberRepository(dataSource, "nope", JUNE_15);

    MemberDatabaseException e = assertThrows(MemberDatabaseException.class, wrong::ping);

    assertFalse(e instanceof MemberDatabaseConnectionException);
    assertTrue(e.getMessage().startsWith("checking the member database failed: "), e.getMessage());
    assertTrue(e.getMessage().contains("relation \"nope.members\" does not exist"), e.getMessage());
    assertTrue(e.getMessage().contains("schema name"), e.getMessage());
  }

  @Test
  void loadEligible_databaseDown_failsAsConnectionFailureWithHostAndPortButNoPassword() {
    try (HikariDataSource down = Databases.postgres("postgres://u:s3cret@127.0.0.1:1/db", SCHEMA, "down", 500)) {
      MemberRepository repository = new MemberRepository(down, SCHEMA, JUNE_15);

      MemberDatabaseException e = assertThrows(MemberDatabaseException.class, () -> repository.loadEligible(0));

      MemberDatabaseConnectionException connection = assertInstanceOf(MemberDatabaseConnectionException.class, e);
      assertEquals("127.0.0.1:1", connection.target());
      assertTrue(e.getMessage().startsWith("loading eligible members failed: cannot connect to the database at 127.0.0.1:1: "),
          e.getMessage());
      assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
      assertThrows(MemberDatabaseConnectionException.class, repository::ping);
    }
  }

  @Test
  void jdbcUrlForm_worksLikeThePostgresForm() {
    try (HikariDataSource jdbc = Databases.postgres(pg.jdbcUrl(), SCHEMA, "jdbc-form")) {
      assertEquals(List.of(1001, 1002, 1007, 1009), numbers(new MemberRepository(jdbc, SCHEMA, JUNE_15).loadEligible(0)));
    }
  }

  /** prepareThreshold=0: repeated queries never become named server-side statements a pooler would lose. */
  @Test
  void repeatedReads_leaveNoServerSidePreparedStatements() throws SQLException {
    try (HikariDataSource single = Databases.postgres(pg.postgresUrl(), SCHEMA, "single")) {
      single.setMaximumPoolSize(1);
      MemberRepository repository = new MemberRepository(single, SCHEMA, JUNE_15);
      for (int i = 0; i < 8; i++) {
        repository.loadEligible(0);
        repository.findByNumber(1001);
      }
      try (Connection c = single.getConnection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("select count(*) from pg_prepared_statements")) {
        rs.next();
        assertEquals(0, rs.getInt(1));
      }
    }
  }
}
