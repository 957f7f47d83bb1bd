package org.natca.intercom.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.natca.intercom.app.wiring.Components;
import org.natca.intercom.app.wiring.Environment;
import org.natca.intercom.audit.AuditOptions;
import org.natca.intercom.audit.AuditResult;
import org.natca.intercom.audit.Journal;
import org.natca.intercom.config.Config;
import org.natca.intercom.config.ConfigException;
import org.natca.intercom.report.RunReport;
import org.natca.intercom.daily.DailySyncOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
        "Enriches and cleans the contacts Intercom holds today.",
        "Each contact is matched to a member: by external id (a member number), else by email, else by a legacy",
        "'Member Number' or 'member_number' attribute, and only to an Active or",
        "Retired member. Sources that name different members make a conflict:",
        "reported and left alone, with every other contact of those members.",
        "- A matched contact gets the member's data (only what differs); a lead",
        "  becomes the member's user (found or created, the lead merged into it).",
        "- Old WordPress UUID external ids become the member number when matched;",
        "  unmatched ones are listed in the report.",
        "- Duplicates: one user per member is kept (the one with the member number,",
        "  else the newest); the member's leads are merged into it, its other users",
        "  archived. Two users are never merged.",
        "- Stale: a contact that matches no Active or Retired member (a Suspended",
        "  member's too) and has no open or snoozed conversation is archived.",
        "Never archived: a contact with an open or snoozed conversation, or whose",
        "external id is an Active or Retired member's number.",
        "",
        "Everything is read and planned before the first write, each action with",
        "its reason; --dry-run prints the plan and writes nothing. A plan that",
        "archives more than --max-archive contacts stops before any write (exit 3).",
        "Every write is appended to a journal (JSON lines with the values it",
        "replaced); 'audit --undo JOURNAL' unarchives what that run archived and",
        "restores the fields it overwrote, unless changed since. Merges cannot be",
        "undone.",
        "",
        "Summary and report: 'members' counts the contacts examined, 'skipped'",
        "those left alone, 'duplicatesResolved' leads merged and duplicate users",
        "archived; stale archives, conflicts and UUIDs are under 'audit'. Conflicts",
        "need a person, not a retry: they do not make the exit code 1. With --undo,",
        "'members' counts the journal's entries.",
        ""},
    footer = {"", "Start with 'audit --dry-run --limit=10',",
        "then 'audit --dry-run --report=plan.json', then 'audit'.",
        "The journal holds the replaced emails, names and phones: keep it like a",
        "backup, and delete it when it is no longer needed."})
public final class AuditCommand implements Callable<Integer> {
  private final Environment environment;

  @Mixin RunOptions run;

  @Option(names = "--limit", paramLabel = "N",
      description = "Examine at most N contacts (the first Intercom lists); their members' other contacts are looked up.")
  int limit;

  @Option(names = "--leads-only", description = "Examine leads only.")
  boolean leadsOnly;

  @Option(names = "--max-archive", paramLabel = "N",
      description = "Stop before writing when the plan archives more than N contacts, stale and duplicates together "
          + "(default: " + AuditOptions.DEFAULT_MAX_ARCHIVE_PERCENT + "%% of the contacts examined, rounded down, at least 1).")
  Integer maxArchive;

  @Option(names = "--journal", paramLabel = "FILE",
      description = "Where to journal the writes (default: audit-journal-<UTC time>.jsonl in the working directory; never overwritten).")
  Path journal;

  @Option(names = "--undo", paramLabel = "JOURNAL",
      description = "Take back the run that wrote JOURNAL: unarchive, restore overwritten fields (with --dry-run: show how).")
  Path undo;

  public AuditCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    run.checkReportPath();
    if (limit < 0) {
      throw new ConfigException("--limit must be 0 (all) or more, got " + limit);
    }
    if (maxArchive != null && maxArchive < 0) {
      throw new ConfigException("--max-archive must be 0 or more, got " + maxArchive);
    }
    if (undo != null) {
      return undo();
    }
    Config config = environment.config();
    config.requireIntercomAccessToken();
    config.requireDatabaseUrl();
    Path journalFile = journal != null ? journal : Journal.defaultPath(environment.clock());
    try (Components components = environment.components(config)) {
      AuditOptions options = new AuditOptions(run.dryRun, limit, leadsOnly, maxArchive, journalFile,
          DailySyncOptions.concurrencyFor(config.maxRequestsPerMinute()));
      AuditResult result = components.audit().run(options);
      return Reports.finish(result.report(), run, environment, result.findings());
    }
  }

  private int undo() {
    if (limit != 0 || leadsOnly || maxArchive != null || journal != null) {
      throw new ConfigException("--undo takes only --dry-run, --report and --verbose");
    }
    Config config = environment.config();
    config.requireIntercomAccessToken();
    try (Components components = environment.components(config)) {
      RunReport report = components.auditUndo().run(undo, run.dryRun);
      return Reports.finish(report, run, environment);
    }
  }
}
