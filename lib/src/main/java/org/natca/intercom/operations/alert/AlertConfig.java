package org.natca.intercom.operations.alert;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import org.natca.intercom.config.ConfigException;

/**
 * {@code ALERT_WEBHOOK_URL}: the Slack-compatible incoming webhook that receives alerts; alerts are off
 * when it is unset. The URL is a secret (whoever has it may post): it is never printed or logged,
 * only its host.
 */
public final class AlertConfig {
  public static final String VARIABLE = "ALERT_WEBHOOK_URL";

  private AlertConfig() {}

  /**
   * @return the URL, or empty when unset
   * @throws ConfigException when it is set but not an http(s) URL (exit 2)
   */
  public static Optional<URI> fromEnvironment(Map<String, String> env) {
    String value = env.get(VARIABLE);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(value.trim());
      if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      // reported below, without the value: it may hold the webhook's secret path
    }
    throw new ConfigException(VARIABLE + " is not an http(s) URL (a Slack-compatible incoming webhook such as"
        + " https://hooks.slack.com/services/...); leave it unset to turn alerts off");
  }
}
