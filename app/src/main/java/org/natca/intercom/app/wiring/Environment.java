package org.natca.intercom.app.wiring;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import org.natca.intercom.app.operations.RunObserver;
import org.natca.intercom.config.Config;
import org.natca.intercom.report.HeapWatch;

/**
 * What a command gets from outside: the environment variables, stdout/stderr, the clock, the watch
 * on the process's heap (for the report's memory figure) and the run recording it reports to. Tests
 * build one with a map; {@code Main} with {@code System.getenv()}. Nothing else reads the environment.
 */
public record Environment(Map<String, String> variables, PrintStream out, PrintStream err, Clock clock, HeapWatch heap,
    RunObserver runs) {

  public Environment(Map<String, String> variables, PrintStream out, PrintStream err, HeapWatch heap) {
    this(variables, out, err, Clock.systemUTC(), heap, RunObserver.NONE);
  }

  public Config config() {
    return Config.fromEnvironment(variables);
  }

  /** The command's components; first the run recording hears of it (history, run lock). */
  public Components components(Config config) {
    runs.opening(config);
    return new Components(config, clock);
  }
}
