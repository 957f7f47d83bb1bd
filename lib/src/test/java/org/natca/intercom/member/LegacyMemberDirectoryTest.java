package org.natca.intercom.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.natca.intercom.sandbox.db.SandboxMysql;

/** Against a real MariaDB holding the legacy table. */
class LegacyMemberDirectoryTest {
  private static SandboxMysql mysql;
  private static HikariDataSource dataSource;

  @BeforeAll
  static void start() {
    mysql = SandboxMysql.start();
    mysql.execute("insert into members values"
        + " (2002, 'Pat', 'Old', 'PAT@Example.org', '765-465-7031', 'Terminated', 6),"
        + " (2001, 'Pat', 'Smith', '  pat@example.org ', '(765) 465-7031', 'Active', 6),"
        + " (1999, 'Pat', 'Older', 'pat@example.ORG', null, 'Suspended', null),"
        + " (2003, 'Lee', 'Retiree', 'lee@example.org', null, 'Retired', 10),"
        + " (2004, 'No', 'Mail', null, null, 'Active', 6)");
    dataSource = Databases.mysql(mysql.host(), mysql.port(), mysql.user(), mysql.password(), SandboxMysql.DATABASE);
  }

  @AfterAll
  static void stop() {
    if (dataSource != null) {
      dataSource.close();
    }
    if (mysql != null) {
      mysql.close();
    }
  }

  @Test
  void findByEmail_trimmedAndCaseInsensitive_syncedStatusesFirstThenByNumber() {
    List<Member> found = new LegacyMemberDirectory(dataSource).findByEmail(" Pat@EXAMPLE.org");

    assertEquals(List.of(2001, 1999, 2002), found.stream().map(Member::memberNumber).collect(Collectors.toList()));
    assertEquals(new Member(2001, "Pat", "Smith", "  pat@example.org ", "(765) 465-7031", "Active", 6, null, null,
        null, List.of()), found.get(0));
    assertEquals(null, found.get(1).memberTypeId());
  }

  @Test
  void findByEmail_retiredMember_isFoundWithItsType() {
    List<Member> found = new LegacyMemberDirectory(dataSource).findByEmail("lee@example.org");

    assertEquals(1, found.size());
    assertTrue(found.get(0).isRetired());
    assertEquals(10, found.get(0).memberTypeId());
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "   ", "nobody@example.org", "%", "pat@example.org' or '1'='1"})
  void findByEmail_blankOrUnknown_isEmpty(String email) {
    assertEquals(List.of(), new LegacyMemberDirectory(dataSource).findByEmail(email));
  }

  @Test
  void findByEmail_databaseDown_failsAsConnectionFailureWithHostAndPort() {
    try (HikariDataSource down = Databases.mysql("127.0.0.1", 1, "natca", "s3cret", "mynatca", 500)) {
      MemberDatabaseException e = assertThrows(MemberDatabaseException.class,
          () -> new LegacyMemberDirectory(down).findByEmail("pat@example.org"));

      assertEquals("127.0.0.1:1", assertInstanceOf(MemberDatabaseConnectionException.class, e).target());
      assertTrue(e.getMessage().startsWith("looking up a member by email in the legacy MySQL database failed: "
          + "cannot connect to the database at 127.0.0.1:1: "), e.getMessage());
      assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }
  }

  @Test
  void findByEmail_unknownDatabase_failsAsConnectionFailureWithTheServersWords() {
    try (HikariDataSource wrong = Databases.mysql(mysql.host(), mysql.port(), mysql.user(), mysql.password(),
        "no_such_db", 5_000)) { // the server's refusal, not a pool timeout: room for a busy machine
      MemberDatabaseException e = assertThrows(MemberDatabaseException.class,
          () -> new LegacyMemberDirectory(wrong).findByEmail("pat@example.org"));

      assertEquals("localhost:" + mysql.port(), assertInstanceOf(MemberDatabaseConnectionException.class, e).target());
      assertTrue(e.getMessage().contains("no_such_db"), e.getMessage());
    }
  }
}
