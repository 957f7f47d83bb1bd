package org.natca.intercom.app.cli;

import org.natca.intercom.app.wiring.Environment;
import picocli.CommandLine;

/** Hands every command the {@link Environment} it runs in (picocli builds the command objects). */
final class CommandFactory implements CommandLine.IFactory {
  private final Environment environment;
  private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

  CommandFactory(Environment environment) {
    this.environment = environment;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    try {
      return cls.getDeclaredConstructor(Environment.class).newInstance(environment);
    } catch (NoSuchMethodException e) {
      return fallback.create(cls);
    }
  }
}
