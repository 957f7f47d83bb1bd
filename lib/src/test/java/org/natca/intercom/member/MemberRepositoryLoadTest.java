package org.natca.intercom.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.natca.intercom.sandbox.db.SandboxPostgres;

/** 20,000 members: a full load is a handful of queries and well under two seconds. */
class MemberRepositoryLoadTest {
  private static final int MEMBERS = 20_000;
  private static SandboxPostgres pg;
  private static HikariDataSource dataSource;

  @BeforeAll
  static void start() {
    pg = SandboxPostgres.start();
    pg.execute(""
        + "insert into regions select g, 'R' || g, null from generate_series(1, 10) g;"
        + "insert into facilities select g, 'F' || g, null, 1 + g % 10 from generate_series(1, 300) g;"
        + "insert into member_types values (6, 'Full Member'), (10, 'Retired');"
        // every 10th member is Suspended, every 7th Retired: 18,000 synced
        + "insert into members select g, 'First' || g, 'Last' || g, 'Member' || g || '@Example.org',"
        + " '765' || lpad((4650000 + g)::text, 7, '0'),"
        + " case when g % 10 = 0 then 'Suspended' when g % 7 = 0 then 'Retired' else 'Active' end,"
        + " case when g % 7 = 0 then 10 else 6 end, 1 + g % 10, 1 + g % 300"
        + " from generate_series(1, " + MEMBERS + ") g;"
        // one current and one ended position each; a second current one for every 5th
        + "insert into positions select g, 'facrep', null, null from generate_series(1, " + MEMBERS + ") g;"
        + "insert into positions select g, 'rvp', null, date '2020-01-01' from generate_series(1, " + MEMBERS + ") g;"
        + "insert into positions select g, 'arearep', null, null from generate_series(5, " + MEMBERS + ", 5) g;"
        + "analyze;");
    dataSource = Databases.postgres(pg.postgresUrl(), "public", "load-test");
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

  @Test
  void loadEligible_twentyThousandMembers_fewQueriesAndFast() {
    MemberRepository repository = new MemberRepository(dataSource, "public",
        Clock.fixed(Instant.parse("2024-06-15T12:00:00Z"), ZoneOffset.UTC));
    repository.loadEligible(50); // warm up the pool and the JIT, not the measurement
    long before = repository.queriesExecuted();

    long started = System.nanoTime();
    List<Member> members = repository.loadEligible(0);
    long millis = (System.nanoTime() - started) / 1_000_000;

    System.out.println("loaded " + members.size() + " members in " + millis + " ms");
    assertEquals(18_000, members.size());
    assertTrue(repository.queriesExecuted() - before <= 3, "queries: " + (repository.queriesExecuted() - before));
    assertTrue(millis < 2_000, "took " + millis + " ms");
    Member fifth = members.get(4);
    assertEquals(5, fifth.memberNumber());
    assertEquals(List.of("arearep", "facrep"), fifth.positionCodes());
    assertEquals("Full Member", fifth.memberTypeName());
    long withPositions = members.stream().filter(m -> !m.positionCodes().isEmpty()).count();
    assertEquals(18_000, withPositions);
    for (int i = 1; i < members.size(); i++) {
      assertTrue(members.get(i - 1).memberNumber() < members.get(i).memberNumber());
    }
  }
}
