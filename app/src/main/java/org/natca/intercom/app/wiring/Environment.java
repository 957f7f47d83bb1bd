package org.natca.intercom.app.wiring;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import org.natca.intercom.config.Config;

/**
 * What a command gets from outside: the environment variables, stdout/stderr and the clock. Tests
 * build one with a map; {@code Main} with {@code System.getenv()}. Nothing else reads the environment.
 */
public record Environment(Map<String, String> variables, PrintStream out, PrintStream err, Clock clock) {

  public Environment(Map<String, String> variables, PrintStream out, PrintStream err) {
    this(variables, out, err, Clock.systemUTC());
  }

  public Config config() {
    return Config.fromEnvironment(variables);
  }

  public Components components(Config config) {
    return new Components(config, clock);
  }
}
