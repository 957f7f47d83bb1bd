package org.natca.intercom.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natca.intercom.app.Sandbox;
import org.natca.intercom.app.SandboxTest;
import org.natca.intercom.sandbox.emulator.SeedContact;
import org.natca.intercom.sandbox.members.MemberRow;

/**
 * The commands with {@code INTERCOM_API_VERSION=2.16}: every exchange is checked against 2.16's published
 * description (the emulator picks the description by the request's {@code Intercom-Version}), a merge
 * needs a shared email or phone there, and a merged contact answers 410 {@code contact_merged}.
 */
class ApiVersion216Test extends SandboxTest {
  @TempDir Path dir;

  @BeforeEach
  void version216() {
    sandbox.env.put("INTERCOM_API_VERSION", "2.16");
  }

  static MemberRow active(int n, String email) {
    return MemberRow.active(n, "First" + n, "Last" + n, email);
  }

  @Test
  void dailySync_createsMergesAndUpdates_thenWritesNothing() {
    sandbox.insert(active(101, "one@example.org"), active(102, "two@example.org"), active(103, "three@example.org"));
    String lead = sandbox.intercom.addContact(SeedContact.lead("two@example.org"));
    String old = sandbox.intercom.addContact(SeedContact.user("three@example.org", "103").withName("Old Name"));

    Sandbox.Run first = sandbox.run("daily-sync");
    sandbox.intercom.clearLog();
    Sandbox.Run second = sandbox.run("daily-sync");

    assertEquals(0, first.exitCode(), first.toString());
    assertEquals(3, sandbox.intercom.contacts().size());
    assertEquals(sandbox.intercom.userByExternalId("102").orElseThrow().id(), sandbox.intercom.contact(lead).orElseThrow().mergedInto());
    assertEquals("First103 Last103", sandbox.intercom.contact(old).orElseThrow().name());
    assertEquals(0, second.exitCode(), second.toString());
    assertEquals(0, sandbox.intercom.writeCount(), sandbox.intercom.requests().toString());
    assertTrue(sandbox.intercom.requests().stream().allMatch(r -> "2.16".equals(r.header("Intercom-Version"))));
  }

  @Test
  void manualUpdate_mergesALeadWithAnotherEmail_whichNeedsTheSkipFlagIn216() throws Exception {
    sandbox.insert(active(104, "four@example.org"));
    String user = sandbox.intercom.addContact(SeedContact.user("four@example.org", "104"));
    String lead = sandbox.intercom.addContact(SeedContact.lead("visitor@example.net"));
    Path file = Files.writeString(dir.resolve("m.json"), "[{\"contact_id\": \"" + lead + "\", \"member_number\": 104}]");

    Sandbox.Run run = sandbox.run("manual-update", file.toString());

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(user, sandbox.intercom.contact(lead).orElseThrow().mergedInto());
  }

  @Test
  void audit_thenUndo_conformTo216() {
    sandbox.insert(active(105, "five@example.org"));
    String lead = sandbox.intercom.addContact(SeedContact.lead("five@example.org"));
    String stale = sandbox.intercom.addContact(SeedContact.user("stale@example.org", null));
    Path journal = dir.resolve("j.jsonl");

    Sandbox.Run audit = sandbox.run("audit", "--journal=" + journal, "--max-archive=1");
    Sandbox.Run undo = sandbox.run("audit", "--undo=" + journal);

    assertEquals(0, audit.exitCode(), audit.toString());
    assertEquals(0, undo.exitCode(), undo.toString());
    assertTrue(sandbox.intercom.contact(stale).orElseThrow().isLive(), "unarchived by the undo");
    assertTrue(sandbox.intercom.contact(lead).orElseThrow().mergedInto() != null);
  }
}
