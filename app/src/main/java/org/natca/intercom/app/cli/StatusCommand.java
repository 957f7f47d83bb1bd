package org.natca.intercom.app.cli;

import java.util.concurrent.Callable;
import org.natca.intercom.app.wiring.Components;
import org.natca.intercom.app.wiring.Environment;
import org.natca.intercom.config.Config;
import org.natca.intercom.operations.status.Health;
import org.natca.intercom.operations.status.Status;
import org.natca.intercom.operations.status.StatusJson;
import org.natca.intercom.operations.status.StatusText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
        "What the toolkit did, and what needs a person.",
        "The last runs of daily-sync, audit and manual-update (when, how long, exit",
        "code, counts); members failing in the last daily-sync; blocked or otherwise",
        "unrecoverable contacts with the admin action; conflicts; webhook events",
        "failed in the last 7 days and the inbox's backlog; whether the last",
        "successful daily-sync is older than 26 hours. Reads only: takes no lock,",
        "sends no alert. Needs DATABASE_URL only."},
    footer = {"", "Exit codes: 0 healthy; 1 attention needed; 3 database unreachable."})
public final class StatusCommand implements Callable<Integer> {
  private final Environment environment;

  @Option(names = "--json", description = "Print the status as JSON (the same as GET /status.json).")
  boolean json;

  @Option(names = "--verbose", description = "Debug logging, and stack traces on errors.")
  boolean verbose;

  public StatusCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    Config config = environment.config();
    config.requireDatabaseUrl();
    try (Components components = environment.components(config)) {
      Status status = components.status().read();
      environment.out().print(json ? StatusJson.write(status) + "\n" : StatusText.render(status));
      environment.out().flush();
      if (status.health() == Health.UNREACHABLE) {
        environment.err().println("error: member database: " + status.attention().get(0));
      }
      return status.exitCode();
    }
  }
}
