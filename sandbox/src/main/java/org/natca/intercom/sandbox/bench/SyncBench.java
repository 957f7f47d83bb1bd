package org.natca.intercom.sandbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.natca.intercom.sandbox.db.SandboxPostgres;
import org.natca.intercom.sandbox.emulator.EmulatorOptions;
import org.natca.intercom.sandbox.emulator.IntercomEmulator;
import org.natca.intercom.sandbox.members.SyntheticMembers;

/**
 * The daily-sync benchmark of issue #3: 20,000 synthetic members, the emulator at 20 ms latency with a
 * 10,000/min server limit, the shipped jar under -Xmx256m. Then the grown workspace of issue #15: four
 * leads per member and 20 other apps' attributes on every contact, a no-change daily-sync and an
 * {@code audit --dry-run} on it. Prints each target with its measurement and exits 1 when one is missed.
 * With {@code limit} as third argument it instead doubles the workspace until the runs no longer fit in
 * -Xmx256m ({@link #limit}).
 */
public final class SyncBench {
  private SyncBench() {}

  private static final List<String> verdicts = new ArrayList<>();
  private static boolean allMet = true;

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.log.io.zonky", "warn");
    Path jar = Path.of(args.length > 0 ? args[0] : "app/target/natca-intercom.jar");
    int members = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    if (args.length > 2 && args[2].equals("limit")) {
      limit(jar, members);
      return;
    }
    int budget = 10_000;
    JarRun jarRun = new JarRun(jar, Path.of("sandbox", "target", "bench"), List.of("-Xmx256m"));

    try (SandboxPostgres pg = SandboxPostgres.start();
         IntercomEmulator intercom = IntercomEmulator.start(EmulatorOptions.builder()
             .latency(Duration.ofMillis(20)).requestsPerMinute(budget)
          .conformanceChecks(false) // measured runs: the OpenAPI checks belong to the test suite
          .build())) {
      var summary = SyntheticMembers.fill(pg.dataSource(), "public", members, 1);
      log("members in the database: " + summary.members() + " " + summary.byStatus());
      Map<String, String> env = Map.of(
          "INTERCOM_ACCESS_TOKEN", intercom.token(),
          "INTERCOM_BASE_URL", intercom.baseUrl(),
          "INTERCOM_MAX_REQUESTS_PER_MINUTE", Integer.toString(budget),
          "DATABASE_URL", pg.postgresUrl());

      log("cold run (empty workspace, budget " + budget + "/min) ...");
      JarRun.Result cold = check(jarRun.run("bench-cold", env, "daily-sync"));
      JsonNode r = cold.report();
      long requests = r.get("requests").get("total").asLong();
      double seconds = r.get("durationSeconds").asDouble();
      double rate = requests / seconds * 60;
      verdict("cold run: average request rate >= 90% of budget", rate >= 0.9 * budget,
          String.format("%d requests in %.1f s = %.0f/min = %.1f%% of %d/min (created %d, wall %.1f s incl. JVM start)",
              requests, seconds, rate, 100 * rate / budget, budget, r.get("totals").get("created").asLong(), cold.wallTime().toMillis() / 1000.0));
      long[] times = intercom.requests().stream().mapToLong(q -> q.receivedAt().toEpochMilli()).sorted().toArray();
      int maxMinute = 0;
      for (int i = 0, j = 0; i < times.length; i++) {
        while (times[i] - times[j] >= 60_000) {
          j++;
        }
        maxMinute = Math.max(maxMinute, i - j + 1);
      }
      verdict("cold run: never over budget in any 60 s", maxMinute <= budget,
          "at most " + maxMinute + " requests in any sliding 60 s, as the emulator received them");
      JsonNode t = r.get("timings");
      verdict("member load: <= 3 queries", t.get("memberQueries").asLong() <= 3, t.get("memberQueries").asLong() + " queries");
      verdict("member load: < 2 s", t.get("loadMembersMillis").asLong() < 2000,
          t.get("loadMembersMillis").asLong() + " ms for " + r.get("totals").get("members").asLong() + " eligible members");

      log("warm run, nothing changed ...");
      JarRun.Result warm = check(jarRun.run("bench-warm", env, "daily-sync"));
      JsonNode w = warm.report();
      long contacts = intercom.contacts().size();
      long maxRequests = (contacts + 149) / 150 + 10;
      verdict("warm run: <= ceil(contacts/150)+10 requests", w.get("requests").get("total").asLong() <= maxRequests,
          w.get("requests").get("total").asLong() + " requests (limit " + maxRequests + " for " + contacts + " contacts), "
              + String.format("%.1f s", w.get("durationSeconds").asDouble()));
      verdict("warm run: zero writes", w.get("requests").get("writes").asLong() == 0, w.get("requests").get("writes").asLong() + " writes");

      int changedCount = members / 100;
      List<Integer> changed = SyntheticMembers.mutate(pg.dataSource(), "public", changedCount, 99);
      log("warm run, " + changed.size() + " members changed (1%) ...");
      JarRun.Result onePct = check(jarRun.run("bench-1pct", env, "daily-sync"));
      JsonNode o = onePct.report();
      verdict("1% changed: writes == changed members", o.get("requests").get("writes").asLong() == changed.size(),
          o.get("requests").get("writes").asLong() + " writes for " + changed.size() + " changed members; "
              + o.get("requests").get("total").asLong() + " requests, " + String.format("%.1f s", o.get("durationSeconds").asDouble()));
      long peak = Math.max(r.get("memory").get("peakHeapUsedMb").asLong(),
          Math.max(w.get("memory").get("peakHeapUsedMb").asLong(), o.get("memory").get("peakHeapUsedMb").asLong()));
      verdict("every run within -Xmx256m", peak <= o.get("memory").get("maxHeapMb").asLong(),
          "all three runs completed under -Xmx256m; peak heap used " + r.get("memory").get("peakHeapUsedMb").asLong()
              + " / " + w.get("memory").get("peakHeapUsedMb").asLong() + " / " + o.get("memory").get("peakHeapUsedMb").asLong()
              + " MB (cold / warm / 1%)");

      // Tag rules (issue 13): a rule selecting all and two position rules. The first run attaches them all;
      // a second run with nothing changed reads each tag's holders (150 a page) and writes nothing.
      Path rulesFile = Path.of("sandbox", "target", "bench", "bench-tag-rules.json").toAbsolutePath();
      java.nio.file.Files.writeString(rulesFile, "[{\"tag\": \"NATCA member\", \"all\": true},\n"
          + " {\"tag\": \"Facility Reps\", \"positions\": [\"facrep\"]},\n"
          + " {\"tag\": \"Facility Presidents\", \"positions\": [\"facpres\"]}]\n");
      log("tag rules, first run (attaches every tag) ...");
      JarRun.Result tagsCold = check(jarRun.run("bench-tags-cold", env, "daily-sync", "--tag-rules=" + rulesFile));
      JsonNode tc = tagsCold.report();
      long attached = 0;
      StringBuilder perTag = new StringBuilder();
      for (var e : (Iterable<Map.Entry<String, JsonNode>>) tc.get("tags")::fields) {
        attached += e.getValue().get("attached").asLong();
        perTag.append(perTag.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().get("attached").asLong());
      }
      verdict("tags first run: writes == attaches", tc.get("requests").get("writes").asLong() == attached + 3,
          tc.get("requests").get("writes").asLong() + " writes for " + attached + " attaches (" + perTag + ") + 3 tags created; "
              + tc.get("requests").get("total").asLong() + " requests, " + String.format("%.1f s", tc.get("durationSeconds").asDouble()));
      log("tag rules, nothing changed ...");
      JarRun.Result tagsWarm = check(jarRun.run("bench-tags-warm", env, "daily-sync", "--tag-rules=" + rulesFile));
      JsonNode tw = tagsWarm.report();
      long tagContacts = intercom.contacts().size();
      long tagLimit = (tagContacts + 149) / 150 + 10;
      StringBuilder holders = new StringBuilder();
      for (var e : (Iterable<Map.Entry<String, JsonNode>>) tw.get("tags")::fields) {
        String id = intercom.tags().stream().filter(tag -> tag.name().equals(e.getKey())).findFirst().orElseThrow().id();
        long held = intercom.contactsTagged(id).size();
        tagLimit += (held + 149) / 150;
        holders.append(holders.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(held);
      }
      verdict("tags no change: <= ceil(contacts/150) + ceil(holders/150) per tag + 10 requests",
          tw.get("requests").get("total").asLong() <= tagLimit,
          tw.get("requests").get("total").asLong() + " requests (limit " + tagLimit + " for " + tagContacts + " contacts; holders "
              + holders + "), " + String.format("%.1f s", tw.get("durationSeconds").asDouble()));
      verdict("tags no change: zero writes", tw.get("requests").get("writes").asLong() == 0,
          tw.get("requests").get("writes").asLong() + " writes");
      long tagPeak = Math.max(tc.get("memory").get("peakHeapUsedMb").asLong(), tw.get("memory").get("peakHeapUsedMb").asLong());
      verdict("tag runs within -Xmx256m", tagPeak < 256, "peak heap used " + tc.get("memory").get("peakHeapUsedMb").asLong()
          + " / " + tw.get("memory").get("peakHeapUsedMb").asLong() + " MB (tags first run / no change)");

      grown(intercom, jarRun, env, members);

      double originalMinutes = members / 16.6 / 60;
      System.out.println();
      System.out.println("== daily-sync benchmark (" + members + " members, emulator 20 ms latency, server limit " + budget + "/min)");
      verdicts.forEach(System.out::println);
      System.out.printf("original design for comparison: one upsert per member at 166 per 10 s = %.0f min every night;%n", originalMinutes);
      System.out.printf("this toolkit: nothing changed %.1f s, 1%% changed %.1f s.%n",
          w.get("durationSeconds").asDouble(), o.get("durationSeconds").asDouble());
    }
    System.exit(allMet ? 0 : 1);
  }

  /**
   * Issue #15: the workspace grows by {@code 4 * members} leads, and every contact carries 20 other apps'
   * attributes; 2,000 open or snoozed conversations. A no-change daily-sync and an audit --dry-run on it,
   * each a separate process under -Xmx256m.
   */
  private static void grown(IntercomEmulator intercom, JarRun jarRun, Map<String, String> env, int members) {
    GrownWorkspace grown = new GrownWorkspace(intercom, 15);
    long seedStart = System.nanoTime();
    grown.addForeignAttributesToEveryContact();
    List<String> leads = grown.addLeads(members * 4);
    int openOrSnoozed = grown.addConversations(leads, 1_500, 500, 1_000);
    long contacts = intercom.contacts().size();
    log(String.format("grown workspace: %d contacts (%d leads added), %d foreign attributes on each, %d open or snoozed"
        + " conversations; seeded in %.1f s", contacts, leads.size(), GrownWorkspace.FOREIGN_ATTRIBUTES.size(),
        openOrSnoozed, (System.nanoTime() - seedStart) / 1e9));

    log("grown workspace: daily-sync, nothing changed ...");
    JsonNode g = check(jarRun.run("bench-grown", env, "daily-sync")).report();
    long pages = (contacts + 149) / 150;
    long requests = g.get("requests").get("total").asLong();
    verdict("grown: no-change run <= ceil(contacts/150)+10", requests <= pages + 10,
        requests + " requests (limit " + (pages + 10) + " for " + contacts + " contacts), "
            + String.format("%.1f s; ", g.get("durationSeconds").asDouble())
            + g.get("timings").get("contactsKept").asLong() + " of " + g.get("timings").get("contactsRead").asLong()
            + " contacts held (a member's email or number)");
    verdict("grown: zero writes", g.get("requests").get("writes").asLong() == 0,
        g.get("requests").get("writes").asLong() + " writes");
    verdict("grown: daily-sync within -Xmx256m", g.get("memory").get("peakHeapUsedMb").asLong() <= g.get("memory").get("maxHeapMb").asLong(),
        memory(g));

    log("grown workspace: audit --dry-run ...");
    JsonNode a = check(jarRun.run("bench-grown-audit", env, "audit", "--dry-run")).report();
    long conversationPages = (openOrSnoozed + 149) / 150;
    long auditRequests = a.get("requests").get("total").asLong();
    JsonNode findings = a.get("audit");
    verdict("grown: audit --dry-run requests ~ its pages", auditRequests <= pages + conversationPages + 10,
        auditRequests + " requests (" + pages + " contact pages + " + conversationPages + " conversation pages + 10), "
            + String.format("%.1f s; ", a.get("durationSeconds").asDouble())
            + findings.get("openConversationsRead").asLong() + " open or snoozed conversations read once; "
            + findings.get("staleToArchive").asLong() + " stale to archive, " + findings.get("keptForOpenConversation").asLong()
            + " kept for an open conversation");
    verdict("grown: audit reads every open conversation", findings.get("openConversationsRead").asLong() == openOrSnoozed,
        findings.get("openConversationsRead").asLong() + " of " + openOrSnoozed);
    verdict("grown: audit zero writes", a.get("requests").get("writes").asLong() == 0, a.get("requests").get("writes").asLong() + " writes");
    verdict("grown: audit within -Xmx256m", a.get("memory").get("peakHeapUsedMb").asLong() <= a.get("memory").get("maxHeapMb").asLong(),
        memory(a));
  }

  /**
   * The largest workspace that fits: 20,000 members (or as given), the grown workspace's leads and
   * attributes, then the contacts doubled (100,000, 200,000, 400,000, ...) up to LIMIT_MAX_CONTACTS
   * (default 800,000). At each size a no-change daily-sync and an audit --dry-run, each under -Xmx256m,
   * until each no longer finishes (exit code not 0, OutOfMemoryError, or 20 minutes). The emulator answers
   * without latency here: this measures memory, not time.
   */
  private static void limit(Path jar, int members) {
    int budget = 60_000;
    long maxContacts = Long.parseLong(System.getenv().getOrDefault("LIMIT_MAX_CONTACTS", "800000"));
    JarRun jarRun = new JarRun(jar, Path.of("sandbox", "target", "bench"), List.of("-Xmx256m"));
    List<String> rows = new ArrayList<>();
    try (SandboxPostgres pg = SandboxPostgres.start();
         IntercomEmulator intercom = IntercomEmulator.start(EmulatorOptions.builder()
             .latency(Duration.ZERO).requestsPerMinute(budget).build())) {
      SyntheticMembers.fill(pg.dataSource(), "public", members, 1);
      Map<String, String> env = Map.of(
          "INTERCOM_ACCESS_TOKEN", intercom.token(),
          "INTERCOM_BASE_URL", intercom.baseUrl(),
          "INTERCOM_MAX_REQUESTS_PER_MINUTE", Integer.toString(budget),
          "DATABASE_URL", pg.postgresUrl());
      log("creating the members' contacts ...");
      check(jarRun.run("limit-cold", env, "daily-sync"));
      GrownWorkspace grown = new GrownWorkspace(intercom, 15);
      grown.addForeignAttributesToEveryContact();
      List<String> first = grown.addLeads(Math.max(0, 100_000 - intercom.contacts().size()));
      grown.addConversations(first, 1_500, 500, 1_000);
      boolean syncFits = true;
      boolean auditFits = true;
      long largestSync = 0;
      long largestAudit = 0;
      for (long size = 100_000; size <= maxContacts && (syncFits || auditFits); size *= 2) {
        grown.addLeads((int) Math.max(0, size - intercom.contacts().size()));
        long contacts = intercom.contacts().size();
        if (syncFits) {
          log(contacts + " contacts: daily-sync ...");
          JarRun.Result r = jarRun.run("limit-sync-" + contacts, env, Duration.ofMinutes(20), "daily-sync");
          syncFits = fits(r);
          rows.add(row("daily-sync", contacts, r));
          largestSync = syncFits ? contacts : largestSync;
        }
        if (auditFits) {
          log(contacts + " contacts: audit --dry-run ...");
          JarRun.Result r = jarRun.run("limit-audit-" + contacts, env, Duration.ofMinutes(20), "audit", "--dry-run");
          auditFits = fits(r);
          rows.add(row("audit --dry-run", contacts, r));
          largestAudit = auditFits ? contacts : largestAudit;
        }
      }
      System.out.println();
      System.out.println("== largest workspace within -Xmx256m (" + members + " members, "
          + GrownWorkspace.FOREIGN_ATTRIBUTES.size() + " foreign attributes on every contact, doubling up to " + maxContacts + ")");
      rows.forEach(System.out::println);
      System.out.println("daily-sync: " + (syncFits ? "fits at every size tried, up to " : "largest that fits: ") + largestSync + " contacts");
      System.out.println("audit --dry-run: " + (auditFits ? "fits at every size tried, up to " : "largest that fits: ") + largestAudit + " contacts");
    }
    System.exit(0);
  }

  /** Finished and reported; writes are possible (a run after midnight sees positions that ended yesterday). */
  private static boolean fits(JarRun.Result r) {
    return r.exitCode() == 0 && r.report() != null;
  }

  private static String row(String command, long contacts, JarRun.Result r) {
    if (!fits(r)) {
      String why = r.exitCode() == -1 ? "killed after 20 minutes" : "exit " + r.exitCode();
      try {
        if (java.nio.file.Files.readString(r.log()).contains("OutOfMemoryError")) {
          why += ", OutOfMemoryError";
        }
      } catch (java.io.IOException e) {
        why += ", no log";
      }
      return String.format("%-16s %,9d contacts  DOES NOT FIT: %s (log %s)", command, contacts, why, r.log());
    }
    JsonNode j = r.report();
    return String.format("%-16s %,9d contacts  fits: %d requests (%d writes), %.1f s, %s", command, contacts,
        j.get("requests").get("total").asLong(), j.get("requests").get("writes").asLong(),
        j.get("durationSeconds").asDouble(), memory(j));
  }

  private static String memory(JsonNode report) {
    JsonNode m = report.get("memory");
    return "peak heap " + m.get("peakHeapUsedMb").asLong() + " MB in use, " + m.get("peakHeapAfterGcMb").asLong()
        + " MB after GC, of " + m.get("maxHeapMb").asLong() + " MB";
  }

  private static JarRun.Result check(JarRun.Result r) {
    if (r.exitCode() != 0 || r.report() == null) {
      System.out.print(r.stdout());
      throw new IllegalStateException("the run exited " + r.exitCode() + "; log: " + r.log());
    }
    return r;
  }

  private static void verdict(String target, boolean met, String measured) {
    allMet &= met;
    verdicts.add(String.format("%-4s %-46s %s", met ? "MET" : "MISS", target, measured));
  }

  private static void log(String s) {
    System.out.println("[bench] " + s);
    System.out.flush();
  }
}
