package org.natca.intercom.webhook;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.natca.intercom.member.Databases;
import org.natca.intercom.sandbox.db.SandboxPostgres;

/** Base of the inbox tests: one real PostgreSQL per test class and a pool into it, as the service builds one. */
abstract class InboxDatabaseTest {
  static SandboxPostgres pg;
  static HikariDataSource dataSource;

  @BeforeAll
  static void startDatabase() {
    pg = SandboxPostgres.start();
    dataSource = Databases.postgres(pg.postgresUrl(), "public", "inbox-test", 8, 2_000);
  }

  @AfterAll
  static void stopDatabase() {
    dataSource.close();
    pg.close();
  }
}
