package org.natca.intercom.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.natca.intercom.app.wiring.Components;
import org.natca.intercom.app.wiring.Environment;
import org.natca.intercom.config.Config;
import org.natca.intercom.config.ConfigException;
import org.natca.intercom.report.RunReport;
import org.natca.intercom.daily.DailySyncOptions;
import org.natca.intercom.input.LocatedJson;
import org.natca.intercom.tags.RuleQueries;
import org.natca.intercom.tags.TagRules;
import org.natca.intercom.tags.TagRulesFile;
import org.natca.intercom.tags.TagSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "daily-sync",
    mixinStandardHelpOptions = true,
    description = {
        "Makes Intercom match the member database (the nightly cron job).",
        "Every Active and Retired member with an email becomes a user contact with the member's data;",
        "only what differs is written. With tag rules (--tag-rules or TAG_RULES_FILE), contact",
        "tags are then made equal to the members each rule selects."})
public final class DailySyncCommand implements Callable<Integer> {
  private final Environment environment;

  @Mixin RunOptions run;

  @Option(names = "--limit", paramLabel = "N", description = "Only the first N eligible members by member number.")
  int limit;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + DailySyncOptions.DEFAULT_BATCH_SIZE,
      description = "Members per batch; a progress line after each (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--full", description = "Update every member's contact, even when nothing differs.")
  boolean full;

  @Option(names = "--max-archive", paramLabel = "N",
      description = "Stop before writing when the plan archives more than N duplicate users (default: 1%% of members, at least 10).")
  Integer maxArchive;

  @Option(names = "--tag-rules", paramLabel = "FILE",
      description = "Tag rules (JSON) that keep contact tags equal to member data; overrides TAG_RULES_FILE. No tag is touched without rules.")
  Path tagRules;

  @Option(names = "--max-detach", paramLabel = "N",
      description = "Stop before any tag write when a rule's tag would be detached from more than N contacts (default: max(10, 10%% of its holders)).")
  Integer maxDetach;

  public DailySyncCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    run.checkReportPath();
    if (limit < 0) {
      throw new ConfigException("--limit must be 0 (all) or more, got " + limit);
    }
    if (batchSize < 1) {
      throw new ConfigException("--batch-size must be at least 1, got " + batchSize);
    }
    if (maxArchive != null && maxArchive < 0) {
      throw new ConfigException("--max-archive must be 0 or more, got " + maxArchive);
    }
    if (maxDetach != null && maxDetach < 0) {
      throw new ConfigException("--max-detach must be 0 or more, got " + maxDetach);
    }
    Config config = environment.config();
    Path rulesFile = tagRules != null ? tagRules : config.tagRulesFile() == null ? null : Path.of(config.tagRulesFile());
    TagRulesFile.Valid rules = null;
    if (rulesFile != null) {
      TagRulesFile parsed = TagRules.read(rulesFile);
      if (parsed instanceof TagRulesFile.Invalid invalid) {
        return badRules(invalid.problems(), rulesFile);
      }
      rules = (TagRulesFile.Valid) parsed;
    }
    config.requireIntercomAccessToken();
    config.requireDatabaseUrl();
    try (Components components = environment.components(config)) {
      TagSync tags = null;
      if (rules != null) {
        RuleQueries.Result selected = components.ruleQueries().run(rules);
        if (selected instanceof RuleQueries.Result.Invalid invalid) {
          return badRules(invalid.problems(), rulesFile);
        }
        tags = components.tagSync(rules, ((RuleQueries.Result.Selected) selected).byRule(), maxDetach);
      }
      DailySyncOptions options = new DailySyncOptions(run.dryRun, limit, batchSize, full, maxArchive,
          DailySyncOptions.concurrencyFor(config.maxRequestsPerMinute()));
      RunReport report = components.dailySync().run(options, tags);
      if (rules != null) {
        report.put("tagRulesFile", rulesFile.toString());
      }
      return Reports.finish(report, run, environment, tags == null ? "" : tags.summaryLines());
    }
  }

  /** Every problem of the rules file on its own line, then nothing is done: exit 2. */
  private int badRules(List<String> problems, Path file) {
    // every problem: a rules file is short, and each of its problems is a different mistake
    LocatedJson.report(problems, Integer.MAX_VALUE, "the tag rules " + file, "written").forEach(environment.err()::println);
    environment.err().flush();
    return ExitCodes.BAD_INPUT;
  }
}
