package org.natca.intercom.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.natca.intercom.app.cli.Main;
import org.natca.intercom.sandbox.db.SandboxPostgres;
import org.natca.intercom.sandbox.emulator.EmulatorOptions;
import org.natca.intercom.sandbox.emulator.IntercomEmulator;
import org.natca.intercom.sandbox.emulator.SeedContact;
import org.natca.intercom.sandbox.members.MemberRow;
import org.natca.intercom.sandbox.members.PositionRow;
import org.natca.intercom.sandbox.members.SyntheticMembers;

/**
 * A whole world for command tests: a real PostgreSQL with the member schema, the Intercom emulator
 * over real HTTP, and the environment a command would read. Commands run in-process through
 * {@link Main#run}, exactly as {@code java -jar} runs them.
 */
public final class Sandbox implements AutoCloseable {
  public final SandboxPostgres postgres;
  public final IntercomEmulator intercom;
  public final Map<String, String> env = new HashMap<>();
  private final String schema;

  /** The result of one command run. */
  public record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private Sandbox(SandboxPostgres postgres, IntercomEmulator intercom, String schema) {
    this.postgres = postgres;
    this.intercom = intercom;
    this.schema = schema;
    env.put("INTERCOM_ACCESS_TOKEN", intercom.token());
    env.put("INTERCOM_BASE_URL", intercom.baseUrl());
    env.put("INTERCOM_MAX_REQUESTS_PER_MINUTE", "10000");
    env.put("DATABASE_URL", postgres.postgresUrl());
    env.put("DATABASE_SCHEMA", schema);
  }

  /** A fresh emulator over a shared database (reset its members with {@link #resetMembers()}). */
  public static Sandbox over(SandboxPostgres postgres, String schema, EmulatorOptions options) {
    return new Sandbox(postgres, IntercomEmulator.start(options), schema);
  }

  public static Sandbox over(SandboxPostgres postgres, String schema) {
    return over(postgres, schema, EmulatorOptions.defaults());
  }

  public void resetMembers() {
    postgres.execute("delete from \"" + schema + "\".positions; delete from \"" + schema + "\".members");
  }

  public void insert(MemberRow... members) {
    SyntheticMembers.insertMembers(postgres.dataSource(), schema, List.of(members));
  }

  public void insertPositions(PositionRow... positions) {
    SyntheticMembers.insertPositions(postgres.dataSource(), schema, List.of(positions));
  }

  /** The contacts of {@link #seedTroubles()}: one in conflict, one blocked. */
  public record Troubles(String conflicting, String blocked) {}

  /**
   * Members a daily-sync cannot settle alone: 801, whose email is on the contact of member 999 (a
   * conflict), and 601, whose contact is blocked (an admin must act); 602 is fine.
   */
  public Troubles seedTroubles() {
    insert(MemberRow.active(801, "A", "B", "shared@example.org"), MemberRow.active(601, "C", "D", "blocked@example.org"),
        MemberRow.active(602, "E", "F", "fine@example.org"));
    String theirs = intercom.addContact(SeedContact.user("shared@example.org", "999"));
    String blocked = intercom.addContact(SeedContact.user("blocked@example.org", "601"));
    intercom.block(blocked);
    return new Troubles(theirs, blocked);
  }

  public void sql(String sql) {
    postgres.execute("set search_path to \"" + schema + "\"; " + sql);
  }

  public Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(o, e, Map.copyOf(env), args);
    }
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private boolean closed;

  /** Stops the emulator; closing twice is harmless (a test may replace its sandbox). */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      intercom.close();
    }
  }
}
