package org.natca.intercom.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.natca.intercom.sandbox.db.SandboxPostgres;

/**
 * Base of the command tests: one real PostgreSQL per test class (the member schema in {@link #SCHEMA}),
 * and for every test a fresh Intercom emulator over an emptied member table.
 */
public abstract class SandboxTest {
  protected static final String SCHEMA = "members_test";
  protected static SandboxPostgres postgres;
  protected Sandbox sandbox;

  @BeforeAll
  static void startDatabase() {
    postgres = SandboxPostgres.start(SCHEMA);
  }

  @AfterAll
  static void stopDatabase() {
    postgres.close();
  }

  @BeforeEach
  void freshWorld() {
    sandbox = Sandbox.over(postgres, SCHEMA);
    sandbox.resetMembers();
  }

  @AfterEach
  void closeWorld() {
    sandbox.close();
  }
}
