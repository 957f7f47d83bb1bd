package org.natca.intercom.app.cli;

import java.util.concurrent.Callable;
import org.natca.intercom.app.wiring.Components;
import org.natca.intercom.app.wiring.Environment;
import org.natca.intercom.config.Config;
import org.natca.intercom.config.ConfigException;
import org.natca.intercom.report.RunReport;
import org.natca.intercom.sync.DailySyncOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "daily-sync",
    mixinStandardHelpOptions = true,
    description = {
        "Makes Intercom match the member database (the nightly cron job).",
        "Every Active and Retired member with an email becomes a user contact with the member's data;",
        "only what differs is written."})
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
    Config config = environment.config();
    config.requireIntercomAccessToken();
    config.requireDatabaseUrl();
    try (Components components = environment.components(config)) {
      DailySyncOptions options = new DailySyncOptions(run.dryRun, limit, batchSize, full, maxArchive,
          DailySyncOptions.concurrencyFor(config.maxRequestsPerMinute()));
      RunReport report = components.dailySync().run(options);
      return Reports.finish(report, run, environment);
    }
  }
}
