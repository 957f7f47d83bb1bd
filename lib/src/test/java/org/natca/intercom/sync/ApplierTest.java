package org.natca.intercom.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.format.ContactPayloads;
import org.natca.intercom.member.Member;
import org.natca.intercom.report.RunReport;
import org.natca.intercom.report.RunReport.Total;
import org.natca.intercom.report.Verb;
import org.natca.intercom.sandbox.emulator.EmulatorOptions;
import org.natca.intercom.sandbox.emulator.IntercomEmulator;
import org.natca.intercom.sandbox.emulator.SeedContact;

/** The one applier, over the emulator and real HTTP, without a database: each plan's steps, counts and problems. */
class ApplierTest {
  static final Member JANE = new Member(101, "Jane", "Doe", "jane@example.org", null, "Active", 6, null, "NE", "ZBW", List.of());
  static final ContactDraft DRAFT = ContactPayloads.forMember(JANE).draft();

  IntercomEmulator intercom;
  IntercomClient client;
  Applier live;
  Applier dry = new Applier(ContactWrites.dryRun());
  List<WriteLog.Write> journaled = new ArrayList<>();
  WriteLog journal = new WriteLog() {
    @Override
    public void done(Intent intent, Write write) {
      journaled.add(write);
    }
  };

  @BeforeEach
  void start() {
    intercom = IntercomEmulator.start(EmulatorOptions.builder().predefineContractAttributes(true).build());
    client = IntercomClient.builder().baseUrl(intercom.baseUrl()).accessToken(intercom.token()).maxRequestsPerMinute(10_000).build();
    live = new Applier(new ContactWriter(client));
  }

  @AfterEach
  void stop() {
    client.close();
    intercom.close();
  }

  Contact read(String id) {
    return client.getContact(id);
  }

  MemberPlan planFor(String... ids) {
    List<Contact> contacts = Arrays.stream(ids).map(this::read).toList();
    return SyncPlanner.plan(JANE, DRAFT, ContactIndex.of(contacts), false);
  }

  static List<Verb> verbs(Applied a) {
    return a.steps().stream().map(Step::verb).toList();
  }

  @Test
  void create_withLeads_createsTheUserThenMergesThem() {
    String lead = intercom.addContact(SeedContact.lead("jane@example.org"));
    MemberPlan plan = planFor(lead);
    intercom.clearLog();

    Applied a = live.apply(plan, Reasons.DAILY_SYNC, journal);

    assertEquals(List.of(Verb.CREATE, Verb.MERGE), verbs(a));
    assertEquals(1, a.count(Total.CREATED));
    assertEquals(1, a.count(Total.DUPLICATES_RESOLVED));
    assertTrue(a.succeeded());
    assertEquals(a.contactId(), intercom.contact(lead).orElseThrow().mergedInto());
    assertEquals(List.of(WriteLog.Kind.CREATE, WriteLog.Kind.MERGE), journaled.stream().map(WriteLog.Write::kind).toList());
  }

  @Test
  void exactUser_sendsNothing_andCountsUnchanged() {
    String id = intercom.addContact(SeedContact.user("jane@example.org", "101").withName("Jane Doe")
        .withAttributes(DRAFT.customAttributes()));
    MemberPlan plan = planFor(id);
    intercom.clearLog();

    Applied a = live.apply(plan, Reasons.DAILY_SYNC, journal);

    assertEquals(0, intercom.requests().size(), intercom.requests().toString());
    assertEquals(1, a.count(Total.UNCHANGED));
    assertTrue(a.steps().isEmpty(), "daily-sync does not list exact contacts");
    assertEquals(id, a.contactId());
  }

  @Test
  void staleUser_getsOnlyTheFieldsThatDiffer() {
    String id = intercom.addContact(SeedContact.user("jane@example.org", "101").withName("Old Name")
        .withAttributes(DRAFT.customAttributes()));
    MemberPlan plan = planFor(id);
    intercom.clearLog();

    Applied a = live.apply(plan, Reasons.DAILY_SYNC, journal);

    assertEquals(List.of("{\"name\":\"Jane Doe\"}"),
        intercom.requests().stream().filter(r -> r.method().equals("PUT")).map(r -> r.body()).toList());
    assertEquals(List.of(new Step(Verb.UPDATE, id, "changed: name")), a.steps());
    assertEquals(1, a.count(Total.UPDATED));
    assertEquals(Map.of(), journaled.get(0).written().customAttributes(), "journal holds exactly what was written");
  }

  @Test
  void duplicates_mergeTheLead_archiveTheOlderUser_updateTheKeptOne() {
    String lead = intercom.addContact(SeedContact.lead("jane@example.org"));
    String older = intercom.addContact(SeedContact.user("JANE@example.org", null).withCreatedAt(java.time.Instant.ofEpochSecond(1)));
    String mine = intercom.addContact(SeedContact.user("other@example.org", "101"));

    Applied a = live.apply(planFor(lead, older, mine), Reasons.DAILY_SYNC, journal);

    assertEquals(List.of(Verb.MERGE, Verb.ARCHIVE, Verb.UPDATE), verbs(a));
    assertEquals(2, a.count(Total.DUPLICATES_RESOLVED));
    assertFalse(intercom.contact(older).orElseThrow().isLive());
    // the archived duplicate keeps the email (Intercom keeps archived emails unique): the rest is written
    assertEquals("Jane Doe", intercom.contact(mine).orElseThrow().name());
    assertTrue(a.warnings().get(0).contains("keeps its old email because contact " + older), a.warnings().toString());
  }

  @Test
  void dryRun_takesTheSameSteps_andSendsNothing() {
    String lead = intercom.addContact(SeedContact.lead("jane@example.org"));
    MemberPlan plan = planFor(lead);
    intercom.clearLog();

    Applied a = dry.apply(plan, Reasons.DAILY_SYNC, WriteLog.NONE);

    assertEquals(0, intercom.requests().size());
    assertEquals(List.of(Verb.CREATE, Verb.MERGE), verbs(a));
    assertTrue(a.steps().get(1).reason().endsWith("(new user)"), a.steps().get(1).reason());
    assertEquals(1, a.count(Total.CREATED));
    assertNull(a.contactId());
  }

  @Test
  void blockedContact_isABlockedProblem_projectedAsBlocked_notFailed() {
    String id = intercom.addContact(SeedContact.user("jane@example.org", "101").withName("Old"));
    MemberPlan plan = planFor(id);
    intercom.block(id);

    Applied a = live.apply(plan, Reasons.DAILY_SYNC, journal);
    RunReport report = new RunReport("test", false, java.time.Clock.systemUTC());
    a.into(report);

    Problem.Blocked b = assertInstanceOf(Problem.Blocked.class, a.problem());
    assertEquals(id, b.contactId());
    assertEquals(1, report.get(Total.BLOCKED));
    assertEquals(0, report.get(Total.FAILED));
  }

  @Test
  void anotherMembersArchivedContact_onCreate_isAConflict_andManualUpdateRefusesItsEntry() {
    String theirs = intercom.addContact(SeedContact.user("jane@example.org", "999"));
    intercom.archive(theirs);
    MemberPlan plan = new MemberPlan.Create(JANE, DRAFT, List.of());

    Applied a = live.apply(plan, Reasons.DAILY_SYNC, journal);
    Applied manual = live.apply(plan, new Reasons() {
      @Override
      public Problem writeConflict(String contactId, String reason) {
        return new Problem.Refused("entry-contact", "conflict: " + reason);
      }
    }, journal);

    assertInstanceOf(Problem.Conflict.class, a.problem());
    assertTrue(a.problem().describe().startsWith("conflict: "), a.problem().describe());
    assertEquals("entry-contact", assertInstanceOf(Problem.Refused.class, manual.problem()).contactId());
    assertFalse(intercom.contact(theirs).orElseThrow().isLive(), "left archived");
  }

  @Test
  void reveal_archivedContact_isUnarchived_thenPlannedAgain() {
    String id = intercom.addContact(SeedContact.user("jane@example.org", null));
    intercom.archive(id);
    MemberPlan plan = new MemberPlan.Reveal(JANE, id, replan(c -> SyncPlanner.plan(JANE, DRAFT, List.of(c), false)));

    Applied a = live.apply(plan, Reasons.DAILY_SYNC, journal);

    assertEquals(List.of(Verb.UNARCHIVE, Verb.UPDATE), verbs(a));
    assertEquals(1, a.count(Total.UNARCHIVED));
    assertEquals("101", intercom.contact(id).orElseThrow().externalId());
  }

  @Test
  void reveal_aRefusedContact_goesBackToArchived() {
    String id = intercom.addContact(SeedContact.user("jane@example.org", "999"));
    intercom.archive(id);
    MemberPlan plan = new MemberPlan.Reveal(JANE, id, replan(c -> new MemberPlan.Refuse(JANE, 101, id, "another member's")));

    Applied a = live.apply(plan, Reasons.DAILY_SYNC, journal);

    assertEquals("another member's", assertInstanceOf(Problem.Refused.class, a.problem()).reason());
    assertFalse(intercom.contact(id).orElseThrow().isLive(), "archived again");
  }

  @Test
  void reveal_goneAndBlocked_areProblems_andADryRunOnlyPlansTheUnarchive() {
    String blocked = intercom.addContact(SeedContact.user("jane@example.org", null));
    intercom.block(blocked);

    Applied gone = live.apply(new MemberPlan.Reveal(JANE, "nosuchcontact0000000000", replan(c -> null)), Reasons.DAILY_SYNC, journal);
    Applied b = live.apply(new MemberPlan.Reveal(JANE, blocked, replan(c -> null)), Reasons.DAILY_SYNC, journal);
    Applied planned = dry.apply(new MemberPlan.Reveal(JANE, blocked, replan(c -> null)), Reasons.DAILY_SYNC, journal);

    assertEquals("gone", assertInstanceOf(Problem.Refused.class, gone.problem()).reason());
    assertInstanceOf(Problem.Blocked.class, b.problem());
    assertEquals(List.of(new Step(Verb.UNARCHIVE, blocked, "planned")), planned.steps());
    assertTrue(planned.succeeded());
  }

  @Test
  void everyKindOfPlan_isApplied() {
    Contact c = read(intercom.addContact(SeedContact.user("jane@example.org", "101")));
    List<MemberPlan> samples = List.of(
        new MemberPlan.Create(JANE, DRAFT, List.of()),
        new MemberPlan.Sync(JANE, DRAFT, c, List.of(), List.of(), List.of(), false),
        new MemberPlan.Conflict(JANE, c.id(), "theirs"),
        new MemberPlan.Skip(JANE, "shared email"),
        new MemberPlan.Refuse(null, 5, c.id(), "no such member"),
        new MemberPlan.Reveal(JANE, c.id(), replan(x -> new MemberPlan.Skip(JANE, "x"))));
    Set<Class<?>> covered = samples.stream().map(Object::getClass).collect(Collectors.toSet());

    assertEquals(Set.of(MemberPlan.class.getPermittedSubclasses()), covered, "a new kind of plan needs a case here");
    for (MemberPlan p : samples) {
      dry.apply(p, Reasons.DAILY_SYNC, WriteLog.NONE); // throws for a plan the applier does not know
    }
  }

  static MemberPlan.Replan replan(java.util.function.Function<Contact, MemberPlan> shown) {
    return new MemberPlan.Replan() {
      @Override
      public MemberPlan shown(Contact contact) {
        return shown.apply(contact);
      }

      @Override
      public String gone() {
        return "gone";
      }

      @Override
      public String planned() {
        return "planned";
      }

      @Override
      public String archiveAgainFailed(String error) {
        return "could not archive again: " + error;
      }
    };
  }
}
