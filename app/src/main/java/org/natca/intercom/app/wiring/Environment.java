package org.natca.intercom.app.wiring;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import org.natca.intercom.config.Config;
import org.natca.intercom.report.HeapWatch;

/**
 * What a command gets from outside: the environment variables, stdout/stderr, the clock and the watch
 * on the process's heap (for the report's memory figure). Tests build one with a map; {@code Main}
 * with {@code System.getenv()}. Nothing else reads the environment.
 */
public record Environment(Map<String, String> variables, PrintStream out, PrintStream err, Clock clock, HeapWatch heap) {

  public Environment(Map<String, String> variables, PrintStream out, PrintStream err, HeapWatch heap) {
    this(variables, out, err, Clock.systemUTC(), heap);
  }

  public Config config() {
    return Config.fromEnvironment(variables);
  }

  public Components components(Config config) {
    return new Components(config, clock);
  }
}
