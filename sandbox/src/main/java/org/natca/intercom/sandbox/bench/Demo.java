package org.natca.intercom.sandbox.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.natca.intercom.sandbox.db.SandboxPostgres;
import org.natca.intercom.sandbox.emulator.ConversationNote;
import org.natca.intercom.sandbox.emulator.EmulatedContact;
import org.natca.intercom.sandbox.emulator.EmulatedConversation;
import org.natca.intercom.sandbox.emulator.EmulatorOptions;
import org.natca.intercom.sandbox.emulator.IntercomEmulator;
import org.natca.intercom.sandbox.emulator.SeedContact;
import org.natca.intercom.sandbox.members.MemberRow;
import org.natca.intercom.sandbox.members.SyntheticMembers;

/**
 * The newcomer's first command ({@code scripts/demo}): a synthetic member database in a real
 * PostgreSQL, the Intercom emulator, and every command of the shipped jar run as a separate process:
 * {@code daily-sync} three times (cold, nothing to do, a few members changed and a contact blocked), then
 * {@code webhook-serve} (with {@code STATUS_TOKEN} set) with a member writing in and an agent's tag
 * re-sync (one that works, one with a wrong member number), {@code audit --dry-run --limit=10}, a
 * {@code manual-update} and {@code status}; then the status page of that {@code webhook-serve} stays
 * open for {@code DEMO_HOLD_SECONDS} (default 60; Ctrl-C ends it sooner) with its URL and password
 * printed. Every step checks its outcome; a step that does not do what it says stops the demo with an
 * exception.
 */
public final class Demo {
  static final String TAG = "mynatca-sync";
  static final String ATTRIBUTE = "Member Number Verification";
  /** How long the status page stays open at the end, in seconds: {@code DEMO_HOLD_SECONDS} (0: not at all). */
  static final String HOLD_VARIABLE = "DEMO_HOLD_SECONDS";
  static final Duration DEFAULT_HOLD = Duration.ofSeconds(60);

  private final JarRun jarRun;
  private final PrintStream out;
  private final Path work;
  private final Duration hold;

  private Demo(JarRun jarRun, Path work, PrintStream out, Duration hold) {
    this.jarRun = jarRun;
    this.work = work;
    this.out = out;
    this.hold = hold;
  }

  /** {@code Demo [JAR] [MEMBERS]}; {@code DEMO_HOLD_SECONDS} from the environment. */
  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.log.io.zonky", "warn");
    Path jar = Path.of(args.length > 0 ? args[0] : "app/target/natca-intercom.jar");
    int members = 3000;
    Duration hold = DEFAULT_HOLD;
    try {
      if (args.length > 1) {
        members = wholeNumber(args[1], 1, "MEMBERS (the demo's argument)");
      }
      String seconds = System.getenv(HOLD_VARIABLE);
      if (seconds != null && !seconds.isBlank()) {
        hold = Duration.ofSeconds(wholeNumber(seconds, 0, HOLD_VARIABLE));
      }
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    }
    run(jar, Path.of("sandbox", "target", "demo"), members, System.out, hold);
  }

  private static int wholeNumber(String text, int min, String what) {
    try {
      int n = Integer.parseInt(text.strip());
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException(what + " must be a whole number, at least " + min + ": \"" + text + "\"");
  }

  /** The whole demo, the status page left open for {@code hold} at the end; its logs, reports and files go to {@code work}. */
  public static void run(Path jar, Path work, int members, PrintStream out, Duration hold) throws Exception {
    new Demo(new JarRun(jar, work, List.of("-Xmx256m")), work, out, hold).run(members);
  }

  private void run(int members) throws Exception {
    long started = System.nanoTime();
    say("Starting a PostgreSQL member database with " + members + " synthetic members ...");
    try (SandboxPostgres pg = SandboxPostgres.start();
         IntercomEmulator intercom = IntercomEmulator.start(EmulatorOptions.builder().latency(Duration.ofMillis(5))
          // checked against Intercom's OpenAPI description like every test (DemoIT runs the demo in the suite)
          .build())) {
      var summary = SyntheticMembers.fill(pg.dataSource(), "public", members, 42);
      say("  " + summary.members() + " members: " + summary.byStatus() + ", " + summary.withoutEmail() + " without email, "
          + summary.invalidPhones() + " with an invalid phone");
      say("Intercom emulator listening at " + intercom.baseUrl() + " (an empty workspace)");
      Map<String, String> env = Map.of(
          "INTERCOM_ACCESS_TOKEN", intercom.token(),
          "INTERCOM_BASE_URL", intercom.baseUrl(),
          "INTERCOM_MAX_REQUESTS_PER_MINUTE", "10000",
          "DATABASE_URL", pg.postgresUrl());

      JarRun.Result cold = dailySync(env, "1. First run: every eligible member becomes a contact", "demo-1-cold");
      if (cold.report().path("totals").path("created").asInt() < members / 2) {
        throw new IllegalStateException("daily-sync 1 created only " + cold.report().path("totals") + "; see " + cold.log());
      }
      JarRun.Result warm = dailySync(env, "2. Second run: nothing changed, so nothing is written", "demo-2-warm");
      expectWrites(warm, 0, "daily-sync 2");
      List<Integer> changed = SyntheticMembers.mutate(pg.dataSource(), "public", 5, 7);
      say("");
      say("Changed 5 members in the database (name, phone, email or facility): " + changed);
      int blockedMember = lastSyncedMember(pg.dataSource(), intercom, changed);
      String blockedContact = intercom.userByExternalId(Integer.toString(blockedMember)).orElseThrow().id();
      intercom.block(blockedContact);
      say("And an agent blocked member " + blockedMember + "'s contact " + blockedContact
          + " in Intercom (Inbox, Block): no API can write to it now.");
      JarRun.Result third = dailySync(env, "3. Third run: exactly those 5 contacts are updated; the blocked one is reported",
          "demo-3-changed");
      expectTotal(third, "updated", 5, "daily-sync 3");
      expectTotal(third, "blocked", 1, "daily-sync 3");

      intercom.addTag(TAG);
      String statusToken = newStatusToken();
      say("");
      say("== 4. webhook-serve: the small service Intercom's webhooks call, and the status page");
      try (DemoWebhook webhook = DemoWebhook.start(jarRun, intercom, env, Map.of("STATUS_TOKEN", statusToken))) {
        say("$ STATUS_TOKEN=" + statusToken + " java -jar natca-intercom.jar webhook-serve");
        say("(listening at " + webhook.baseUrl() + ", GET /healthz answers 200; log: " + webhook.log() + ")");
        memberWritesIn(pg.dataSource(), intercom, webhook);
        tagResync(pg.dataSource(), intercom, webhook);
        wrongMemberNumber(pg.dataSource(), intercom, webhook);
        audit(env);
        manualUpdate(pg.dataSource(), intercom, env);
        status(env, blockedMember, blockedContact);
        String page = statusPage(webhook, statusToken, blockedContact);
        say("");
        say("The emulator saw " + intercom.requests().size() + " requests in all, " + intercom.writeCount() + " of them writes.");
        say("Logs of each run (stderr of the jar) are in " + work.toAbsolutePath() + ".");
        say("Demo finished in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s.");
        holdThePageOpen(page, statusToken);
      }
    }
  }

  private JarRun.Result dailySync(Map<String, String> env, String title, String name) {
    say("");
    say("== " + title);
    say("$ java -jar natca-intercom.jar daily-sync");
    return expectExit(0, jarRun.run(name, env, "daily-sync"), "daily-sync");
  }

  private static void expectTotal(JarRun.Result r, String total, int expected, String run) {
    int actual = r.report().path("totals").path(total).asInt(-1);
    if (actual != expected) {
      throw new IllegalStateException(run + ": " + total + " " + actual + ", expected " + expected + "; see " + r.log());
    }
  }

  private static void expectWrites(JarRun.Result r, int expected, String run) {
    int actual = r.report().path("requests").path("writes").asInt(-1);
    if (actual != expected) {
      throw new IllegalStateException(run + ": " + actual + " writes, expected " + expected + "; see " + r.log());
    }
  }

  /** A password for the status page, new for each demo (as a real one should be: long and random). */
  private static String newStatusToken() {
    byte[] bytes = new byte[12];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.HexFormat.of().formatHex(bytes);
  }

  /** {@code status}: the history the demo's runs left, and the blocked contact as the one open problem. */
  private void status(Map<String, String> env, int blockedMember, String blockedContact) {
    say("");
    say("== 9. status: what the toolkit did, and what needs a person");
    say("$ java -jar natca-intercom.jar status");
    JarRun.Result r = expectExit(1, jarRun.run("demo-9-status", env, false, "status"), "status");
    if (!r.stdout().contains("ATTENTION NEEDED") || !r.stdout().contains("member " + blockedMember + " contact " + blockedContact)) {
      throw new IllegalStateException("status does not name the blocked contact " + blockedContact + ":\n" + r.stdout());
    }
    say("(exit code 1: attention needed, an admin must unblock that contact; a monitor can watch the exit code)");
  }

  /** {@code GET /status} of the running webhook-serve: refused without the password, the page with it. */
  private String statusPage(DemoWebhook webhook, String token, String blockedContact) {
    say("");
    say("== 10. The status page of webhook-serve (HTTP Basic, any user name, the password is STATUS_TOKEN)");
    String url = webhook.baseUrl() + "/status";
    int refused = webhook.get("/status", null).statusCode();
    if (refused != 401) {
      throw new IllegalStateException("GET /status without the password answered " + refused + ", not 401; see " + webhook.log());
    }
    var page = webhook.get("/status", token);
    if (page.statusCode() != 200 || !page.body().contains("id=\"daily-sync-chart\"")
        || !page.body().contains("/users/" + blockedContact + "\"")) {
      throw new IllegalStateException("GET /status answered " + page.statusCode() + " without the chart or the blocked contact's"
          + " link; see " + webhook.log() + "\n" + page.body());
    }
    var json = webhook.get("/status.json", token);
    if (json.statusCode() != 200 || !"attention".equals(health(json.body()))) {
      throw new IllegalStateException("GET /status.json answered " + json.statusCode() + ": " + json.body());
    }
    say("GET /status without the password: 401. With it: 200, " + page.body().length() + " bytes of HTML: the chart of the three"
        + " daily-sync runs, the recent runs and the blocked contact with its link into Intercom. GET /status.json: that status"
        + " as JSON, as status --json prints it.");
    return url;
  }

  private static String health(String statusJson) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(statusJson).path("health").asText();
    } catch (IOException e) {
      return "not JSON: " + e.getMessage();
    }
  }

  private void holdThePageOpen(String url, String token) throws InterruptedException {
    if (hold.isZero()) {
      return;
    }
    say("");
    say("The status page is open for " + hold.toSeconds() + " s (" + HOLD_VARIABLE + "; Ctrl-C ends it sooner):");
    say("  " + url + "   user: anything, password: " + token);
    say("  curl -u status:" + token + " " + url + ".json");
    Thread.sleep(hold.toMillis());
    say("Stopping webhook-serve.");
  }

  /** A lead (someone who wrote in from the Messenger) whose email is a member's: enriched and made the member's user. */
  private void memberWritesIn(DataSource db, IntercomEmulator intercom, DemoWebhook webhook) {
    say("");
    say("== 5. A member writes in: the lead gets the member's data");
    int number = nextMemberNumber(db);
    String email = "jordan.rivera@example.org";
    SyntheticMembers.insertMember(db, "public", MemberRow.active(number, "Jordan", "Rivera", email));
    say("Member " + number + ", Jordan Rivera <" + email + ">, joined today: not in Intercom yet (the nightly run has not seen them).");
    String lead = intercom.addContact(SeedContact.lead(email));
    String conversation = intercom.addConversation(lead, "open", Map.of());
    say("They write in from the Messenger: Intercom knows only a lead " + lead + " with that email, no member data.");
    say("Intercom -> POST /api/intercom/webhook  conversation.user.created (signed with the client secret)");
    webhook.memberWritesIn(conversation);
    webhook.awaitTrue("the lead is enriched", () -> intercom.userByExternalId(Integer.toString(number)).isPresent()
        && intercom.contact(lead).map(c -> c.mergedInto() != null).orElse(false));
    EmulatedContact user = intercom.userByExternalId(Integer.toString(number)).orElseThrow();
    say("Now: " + describe(user) + "; the lead was merged into it, so the agent sees the conversation under the member.");
  }

  /** An agent tags a conversation whose member changed since the nightly run: re-synced, tag removed. */
  private void tagResync(DataSource db, IntercomEmulator intercom, DemoWebhook webhook) {
    say("");
    say("== 6. An agent tags a conversation " + TAG + ": the contact is re-synced and the tag disappears");
    int number = firstSyncedMember(db, intercom);
    EmulatedContact before = intercom.userByExternalId(Integer.toString(number)).orElseThrow();
    sql(db, "update public.members set lastname = 'Okafor-Lee' where membernumber = " + number);
    say("Member " + number + " changed their last name to Okafor-Lee in the member database this morning;");
    say("Intercom still says: " + describe(before));
    String conversation = intercom.addConversation(before.id(), "open", Map.of(ATTRIBUTE, Integer.toString(number)),
        tagId(intercom));
    say("The agent fills in '" + ATTRIBUTE + "' = " + number + " and adds the tag " + TAG + ".");
    say("Intercom -> POST /api/intercom/webhook  conversation_part.tag.created");
    webhook.agentTagged(conversation, TAG);
    webhook.awaitTrue("the tag is removed", () -> !conversation(intercom, conversation).hasTagNamed(TAG));
    EmulatedContact after = intercom.contact(before.id()).orElseThrow();
    if (!after.name().endsWith("Okafor-Lee")) {
      throw new IllegalStateException("the tag was removed but the contact was not updated: " + describe(after));
    }
    say("The tag is gone and the contact says: " + describe(after));
  }

  /** The same with a member number that belongs to nobody: the tag stays, a note says why. */
  private void wrongMemberNumber(DataSource db, IntercomEmulator intercom, DemoWebhook webhook) {
    say("");
    say("== 6b. The same with a mistyped member number: the tag stays and a note says why");
    int number = firstSyncedMember(db, intercom);
    EmulatedContact contact = intercom.userByExternalId(Integer.toString(number)).orElseThrow();
    String wrong = "9" + number;
    String conversation = intercom.addConversation(contact.id(), "open", Map.of(ATTRIBUTE, wrong), tagId(intercom));
    say("The agent types '" + ATTRIBUTE + "' = " + wrong + " (no such member) and adds the tag.");
    webhook.agentTagged(conversation, TAG);
    webhook.awaitTrue("a note is written", () -> !conversation(intercom, conversation).notes().isEmpty());
    EmulatedConversation c = conversation(intercom, conversation);
    if (!c.hasTagNamed(TAG)) {
      throw new IllegalStateException("the tag was removed although the sync could not succeed");
    }
    for (ConversationNote note : c.notes()) {
      say("The tag is still there; internal note for the agent: \"" + plainText(note.body()) + "\"");
    }
  }

  private void audit(Map<String, String> env) {
    say("");
    say("== 7. audit: what a cleanup of the workspace would do, first ten contacts, nothing written");
    say("$ java -jar natca-intercom.jar audit --dry-run --limit=10");
    expectExit(0, jarRun.run("demo-7-audit", env, "audit", "--dry-run", "--limit=10"), "audit");
  }

  /** A lead with a personal email the database does not know, linked by an engineer to the member they are. */
  private void manualUpdate(DataSource db, IntercomEmulator intercom, Map<String, String> env) throws IOException {
    say("");
    say("== 8. manual-update: an engineer links a contact the jobs cannot match to its member");
    int number = firstSyncedMember(db, intercom);
    EmulatedContact user = intercom.userByExternalId(Integer.toString(number)).orElseThrow();
    String lead = intercom.addContact(SeedContact.lead("pat.home.address@example.com"));
    say("A lead " + lead + " wrote in from a personal address; support confirmed by phone it is member " + number
        + " (" + user.email() + ").");
    Path file = work.resolve("mappings.json");
    Files.writeString(file, "[{\"contact_id\": \"" + lead + "\", \"member_number\": \"" + number
        + "\", \"note\": \"confirmed by phone\"}]\n", StandardCharsets.UTF_8);
    say("$ cat " + file + "\n" + Files.readString(file, StandardCharsets.UTF_8).strip());
    say("$ java -jar natca-intercom.jar manual-update " + file);
    expectExit(0, jarRun.run("demo-8-manual-update", env, "manual-update", file.toString()), "manual-update");
    String merged = intercom.contact(lead).map(EmulatedContact::mergedInto).orElse(null);
    if (!user.id().equals(merged)) {
      throw new IllegalStateException("the lead was not merged into member " + number + "'s user " + user.id());
    }
    say("The lead is merged into " + user.id() + ", the member's user.");
  }

  private JarRun.Result expectExit(int expected, JarRun.Result r, String command) {
    out.print(r.stdout());
    say("(exit code " + r.exitCode() + ", " + r.wallTime().toMillis() + " ms including JVM start; log: " + r.log() + ")");
    if (r.exitCode() != expected) {
      throw new IllegalStateException(command + " exited " + r.exitCode() + "; see " + r.log());
    }
    return r;
  }

  private static String describe(EmulatedContact c) {
    return c.role() + " " + c.id() + ", external_id " + c.externalId() + ", " + c.name() + " <" + c.email() + ">, "
        + c.attribute("member_type") + ", region " + c.attribute("region") + ", facility " + c.attribute("facility");
  }

  /** A note's HTML as the agent reads it. */
  private static String plainText(String html) {
    return html.replaceAll("<[^>]+>", " ").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
        .replace("&gt;", ">").replace("&amp;", "&").replaceAll("\\s+", " ").strip();
  }

  private static EmulatedConversation conversation(IntercomEmulator intercom, String id) {
    return intercom.conversation(id).orElseThrow();
  }

  private static String tagId(IntercomEmulator intercom) {
    return intercom.tags().stream().filter(t -> t.name().equals(TAG)).findFirst().orElseThrow().id();
  }

  private static int nextMemberNumber(DataSource db) {
    return queryInts(db, "select max(membernumber) + 1 from public.members").get(0);
  }

  /** The highest-numbered Active member synced to a user, not among {@code changed}; no later step uses it. */
  private int lastSyncedMember(DataSource db, IntercomEmulator intercom, List<Integer> changed) {
    List<Integer> numbers = queryInts(db, "select membernumber from public.members where status = 'Active' and email like '%@%'"
        + " order by membernumber desc");
    for (int n : numbers) {
      if (!changed.contains(n) && intercom.userByExternalId(Integer.toString(n)).isPresent()) {
        used.add(n);
        return n;
      }
    }
    throw new IllegalStateException("no synced member left");
  }

  /** The lowest-numbered member synced to a user that no earlier step of the demo has used. */
  private int firstSyncedMember(DataSource db, IntercomEmulator intercom) {
    for (int n : queryInts(db, "select membernumber from public.members where status = 'Active' and email like '%@%'"
        + " order by membernumber")) {
      if (!used.contains(n) && intercom.userByExternalId(Integer.toString(n)).isPresent()) {
        used.add(n);
        return n;
      }
    }
    throw new IllegalStateException("no synced member left");
  }

  private final List<Integer> used = new ArrayList<>();

  private static List<Integer> queryInts(DataSource db, String sql) {
    try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<Integer> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getInt(1));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static void sql(DataSource db, String sql) {
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new UncheckedIOException(new IOException(sql + ": " + e.getMessage(), e));
    }
  }

  private void say(String line) {
    out.println(line);
    out.flush();
  }
}
