package org.natca.intercom.app.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.natca.intercom.app.cli.ExitCodes;
import org.natca.intercom.config.Config;
import org.natca.intercom.member.Databases;
import org.natca.intercom.operations.RecordedRun;
import org.natca.intercom.operations.RunEnd;
import org.natca.intercom.operations.RunLock;
import org.natca.intercom.operations.RunLockRefusedException;
import org.natca.intercom.operations.RunRecorder;
import org.natca.intercom.operations.RunStart;
import org.natca.intercom.report.RunReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;

/**
 * The one place runs are recorded, wrapped around picocli's execution of a command: for daily-sync,
 * audit and manual-update, the run lock and the history row from the moment the command opens its
 * components (its input checked) to its exit code. A command that stops on bad input (exit 2) before
 * that is neither locked nor recorded. One instance per invocation of {@code Main.run}.
 */
public final class RunRecording implements RunObserver {
  private static final Logger log = LoggerFactory.getLogger(RunRecording.class);
  /** The commands that are recorded (and, unless --dry-run, take the run lock). */
  public static final Set<String> RECORDED = Set.of("daily-sync", "audit", "manual-update");
  /** The operations pool: history, heartbeat and lock, apart from the command's own pool. */
  static final int POOL_SIZE = 2;
  static final long CONNECTION_TIMEOUT_MILLIS = 5_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> variables;
  private final Clock clock;
  private final RunLock.Timings timings;
  private String command;
  private List<String> arguments;
  private boolean dryRun;
  private boolean opened;
  private HikariDataSource dataSource;
  private RecordedRun run;
  private RunReport report;

  public RunRecording(Map<String, String> variables, Clock clock, RunLock.Timings timings) {
    this.variables = variables;
    this.clock = clock;
    this.timings = timings;
  }

  /** {@code inner}, with the recording around the commands that are recorded. */
  public IExecutionStrategy around(IExecutionStrategy inner) {
    return parseResult -> execute(parseResult, inner);
  }

  private int execute(ParseResult parseResult, IExecutionStrategy inner) {
    ParseResult leaf = parseResult;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    if (helpRequested(parseResult) || !RECORDED.contains(leaf.commandSpec().name())) {
      return inner.execute(parseResult);
    }
    command = leaf.commandSpec().name();
    dryRun = leaf.hasMatchedOption("--dry-run");
    arguments = new ArrayList<>(parseResult.originalArgs());
    arguments.remove(command);
    try {
      int code = inner.execute(parseResult);
      end(code, null);
      return code;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (!(cause instanceof RunLockRefusedException)) {
        end(ExitCodes.forException(cause), ExitCodes.describe(cause));
      }
      throw e;
    } finally {
      if (dataSource != null) {
        dataSource.close();
      }
    }
  }

  @Override
  public void opening(Config config) {
    if (command == null || opened) {
      return;
    }
    opened = true;
    if (config.databaseUrl() == null) {
      log.warn("no run history and no run lock for this run: DATABASE_URL is not set");
      return;
    }
    dataSource = Databases.postgres(config.databaseUrl(), config.databaseSchema(), "operations", POOL_SIZE,
        CONNECTION_TIMEOUT_MILLIS);
    RunStart start = new RunStart(command, arguments, dryRun, config.databaseSchema(), host(variables), ProcessHandle.current().pid());
    run = new RunRecorder(dataSource, clock, timings).begin(start);
  }

  @Override
  public void finished(RunReport finishedReport) {
    this.report = finishedReport;
  }

  private void end(int exitCode, String error) {
    if (run == null) {
      return;
    }
    JsonNode tree = null;
    if (report != null) {
      try {
        tree = JSON.valueToTree(report.toMap());
      } catch (IllegalArgumentException e) {
        log.warn("the run report could not be kept in the run history ({})", e.getMessage());
      }
    }
    run.end(new RunEnd(exitCode, tree, error));
  }

  private static boolean helpRequested(ParseResult pr) {
    for (ParseResult p = pr; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
      if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
        return true;
      }
    }
    return false;
  }

  /** The container's or machine's name: HOSTNAME when set (containers set it), else the system's. */
  static String host(Map<String, String> variables) {
    String h = variables.get("HOSTNAME");
    if (h != null && !h.isBlank()) {
      return h.trim();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
