package org.natca.intercom.config;

/**
 * Bad usage, configuration or input: the message is one line that names the problem (the variable,
 * the file and entry). Commands turn it into exit code 2, before anything is written.
 */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
