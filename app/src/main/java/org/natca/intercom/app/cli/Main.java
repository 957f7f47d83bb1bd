package org.natca.intercom.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import org.natca.intercom.app.wiring.Environment;
import org.natca.intercom.report.HeapWatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar natca-intercom.jar COMMAND}: picocli over the commands that exist. */
@Command(
    name = "natca-intercom",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Keeps NATCA's member database and its Intercom workspace in step.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {DailySyncCommand.class, AuditCommand.class, ManualUpdateCommand.class, WebhookServeCommand.class},
    footer = {"",
        "Configuration comes from the environment (see README.md).",
        "Exit codes: 0 done; 1 some items failed; 2 bad usage, configuration or input",
        "(nothing written); 3 database or Intercom unavailable, or a safety limit."})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    if (Arrays.asList(args).contains("--verbose")) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
      System.setProperty("org.slf4j.simpleLogger.log.org.natca", "debug");
    }
    // webhook-serve returns only after a signal and a clean stop; every command's code is the exit code
    System.exit(run(System.out, System.err, System.getenv(), args));
  }

  /** Runs one command; testable: output streams and environment come in, the exit code comes out. */
  public static int run(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
    try (HeapWatch heap = HeapWatch.start()) {
      Environment environment = new Environment(env, out, err, heap);
      CommandLine cl = commandLine(environment);
      cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
      cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
      return cl.execute(args);
    }
  }

  static CommandLine commandLine(Environment environment) {
    CommandLine cl = new CommandLine(new Main(), new CommandFactory(environment));
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("error: " + ex.getMessage());
      c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
      return ExitCodes.BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
      c.getErr().println(ExitCodes.describe(ex));
      if (parseResult.expandedArgs().contains("--verbose")) {
        ex.printStackTrace(c.getErr());
      }
      return ExitCodes.forException(ex);
    });
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
    // no command given: usage, and exit 2 as for any other bad usage
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** Reads the version Maven filtered into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("/natca-intercom-version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"natca-intercom " + p.getProperty("version", "unknown")};
    }
  }
}
