package org.natca.intercom.app.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.natca.intercom.app.cli.ExitCodes;
import org.natca.intercom.config.Config;
import org.natca.intercom.config.ConfigException;
import org.natca.intercom.member.Databases;
import org.natca.intercom.operations.RecordedRun;
import org.natca.intercom.operations.RunEnd;
import org.natca.intercom.operations.RunLock;
import org.natca.intercom.operations.RunLockRefusedException;
import org.natca.intercom.operations.RunRecorder;
import org.natca.intercom.operations.RunStart;
import org.natca.intercom.operations.alert.AlertConfig;
import org.natca.intercom.operations.alert.AlertText;
import org.natca.intercom.operations.alert.RunAlerts;
import org.natca.intercom.operations.alert.WebhookFailureAlerts;
import org.natca.intercom.operations.alert.WebhookAlertSink;
import org.natca.intercom.report.RunReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;

/**
 * The one place runs are recorded, locked and alerted about, wrapped around picocli's execution of a
 * command: for daily-sync, audit and manual-update, the run lock and the history row from the moment
 * the command opens its components (its input checked) to its exit code, then the alerts. A command
 * that stops on bad input (exit 2) before that is neither locked nor recorded. For webhook-serve, the
 * check for failed webhook events to alert about, every minute while it serves. One instance per
 * invocation of {@code Main.run}.
 */
public final class RunRecording implements RunObserver {
  private static final Logger log = LoggerFactory.getLogger(RunRecording.class);
  /** The commands that are recorded (and, unless --dry-run, take the run lock). */
  public static final Set<String> RECORDED = Set.of("daily-sync", "audit", "manual-update");
  static final String WEBHOOK_SERVE = "webhook-serve";
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
  private boolean serving;
  private Optional<URI> alertUrl = Optional.empty();
  private WebhookAlertSink alertSink;
  private ScheduledExecutorService webhookChecks;

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
    String name = leaf.commandSpec().name();
    if (helpRequested(parseResult) || !(RECORDED.contains(name) || WEBHOOK_SERVE.equals(name))) {
      return inner.execute(parseResult);
    }
    try {
      alertUrl = AlertConfig.fromEnvironment(variables);
    } catch (ConfigException e) {
      throw new ExecutionException(leaf.commandSpec().commandLine(), e.getMessage(), e);
    }
    if (WEBHOOK_SERVE.equals(name)) {
      serving = true;
      try {
        return inner.execute(parseResult);
      } finally {
        close();
      }
    }
    command = name;
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
      close();
    }
  }

  private void close() {
    if (webhookChecks != null) {
      webhookChecks.shutdownNow();
    }
    if (alertSink != null) {
      alertSink.close();
    }
    if (dataSource != null) {
      dataSource.close();
    }
  }

  @Override
  public void opening(Config config) {
    if (serving && !opened) {
      opened = true;
      startWebhookChecks(config);
      return;
    }
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
    RunEnd end = new RunEnd(exitCode, tree, error);
    run.end(end);
    // alerts need the history's tables: without them every failing run would look like a new failure
    if (alertUrl.isPresent() && run.id() != null) {
      new RunAlerts(dataSource, sink(), new AlertText(secrets(variables)), clock).afterRun(run.start(), end);
    }
  }

  /**
   * webhook-serve is where webhook events end failed, so it checks for them every minute (the ends of
   * writing runs check too, in case the service is down). Its own pool of one connection.
   */
  private void startWebhookChecks(Config config) {
    if (alertUrl.isEmpty() || config.databaseUrl() == null) {
      return;
    }
    dataSource = Databases.postgres(config.databaseUrl(), config.databaseSchema(), "alerts", 1, CONNECTION_TIMEOUT_MILLIS);
    WebhookFailureAlerts alerts = new WebhookFailureAlerts(dataSource, sink(), clock);
    webhookChecks = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "webhook-failure-alerts");
      t.setDaemon(true);
      return t;
    });
    long every = WebhookFailureAlerts.CHECK_EVERY.toMillis();
    webhookChecks.scheduleWithFixedDelay(alerts::check, every, every, TimeUnit.MILLISECONDS);
  }

  private WebhookAlertSink sink() {
    if (alertSink == null) {
      alertSink = new WebhookAlertSink(alertUrl.orElseThrow());
    }
    return alertSink;
  }

  /** Values no alert may carry, whatever error text it quotes. */
  static List<String> secrets(Map<String, String> variables) {
    List<String> secrets = new ArrayList<>();
    for (String name : List.of("INTERCOM_ACCESS_TOKEN", "INTERCOM_CLIENT_SECRET", "LOOKUP_API_TOKEN", "STATUS_TOKEN",
        "MYSQL_PASS", AlertConfig.VARIABLE, "DATABASE_URL")) {
      String v = variables.get(name);
      if (v != null && !v.isBlank()) {
        secrets.add(v.trim());
      }
    }
    String url = variables.get("DATABASE_URL");
    if (url != null && !url.isBlank()) {
      try {
        String password = Databases.parsePostgresUrl(url.trim()).password();
        if (password != null) {
          secrets.add(password);
        }
      } catch (ConfigException e) {
        // a URL that does not parse stopped the command already
      }
    }
    return secrets;
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
