package org.natca.intercom.app.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.natca.intercom.app.server.ShutdownSignal;
import org.natca.intercom.app.server.WebhookServer;
import org.natca.intercom.app.wiring.Components;
import org.natca.intercom.app.wiring.Environment;
import org.natca.intercom.config.Config;
import org.natca.intercom.config.ConfigException;
import org.natca.intercom.webhook.WorkerOptions;
import picocli.CommandLine.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

@Command(
    name = "webhook-serve",
    mixinStandardHelpOptions = true,
    description = {
        "Serves Intercom's webhooks: enrichment and the agents' tag re-sync.",
        "Each signed notification is stored in PostgreSQL before it is",
        "acknowledged, then processed. Also answers GET /api/intercom/lookup,",
        "GET /healthz and, with STATUS_TOKEN set, the status page GET /status and",
        "GET /status.json. Runs until SIGTERM, then finishes running work (up to",
        "20 s) and exits 0."})
public final class WebhookServeCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(WebhookServeCommand.class);
  /** How long running events may take to finish after SIGTERM; what is left is run on the next start. */
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

  private final Environment environment;

  @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default: PORT, else 8080).")
  Integer port;

  @Option(names = "--verbose", description = "Debug logging, and stack traces on errors.")
  boolean verbose;

  public WebhookServeCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws InterruptedException {
    Config config = environment.config();
    // the secret first: without it nothing can be verified, and the operator should hear exactly that
    config.requireClientSecret();
    config.requireIntercomAccessToken();
    config.requireDatabaseUrl();
    if (port != null) {
      if (port < 1 || port > 65535) {
        throw new ConfigException("--port must be a port number from 1 to 65535, got " + port);
      }
      config = config.withPort(port);
    }
    ShutdownSignal shutdown = new ShutdownSignal();
    try (Components components = environment.components(config)) {
      WebhookServer server = components.webhookServer(WorkerOptions.defaults());
      server.start();
      log.info("sync tag '{}', member number attribute '{}', admin {}, MySQL fallback {}, lookup endpoint {}, status page {}",
          config.syncTag(), config.memberNumberAttribute(),
          config.intercomAdminId() == null ? "from GET /me" : config.intercomAdminId(),
          config.mysql() == null ? "off (MYSQL_HOST unset)" : "on", config.lookupApiToken() == null ? "off (LOOKUP_API_TOKEN unset)" : "on",
          config.statusToken() == null ? "off (STATUS_TOKEN unset)" : "on");
      // only now: a start that fails (database, port) ends the process the ordinary way
      shutdown.installSignalHandlers(SHUTDOWN_GRACE.plusSeconds(10));
      try {
        shutdown.await();
      } finally {
        server.stop(SHUTDOWN_GRACE);
      }
      return ExitCodes.OK;
    } finally {
      shutdown.finished();
    }
  }
}
