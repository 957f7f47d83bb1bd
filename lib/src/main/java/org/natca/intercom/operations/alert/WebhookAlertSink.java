package org.natca.intercom.operations.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts {@code {"text": "..."}} to a Slack-compatible incoming webhook, giving up after 5 s. A receiver
 * that failed once in this process is not asked again by the same process (a run's end does not wait
 * 5 s per message for a receiver that is down).
 */
public final class WebhookAlertSink implements AlertSink, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookAlertSink.class);
  public static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI url;
  private final OkHttpClient http;
  private final AtomicBoolean down = new AtomicBoolean();

  public WebhookAlertSink(URI url) {
    this.url = url;
    this.http = new OkHttpClient.Builder().callTimeout(TIMEOUT).connectTimeout(TIMEOUT).readTimeout(TIMEOUT)
        .writeTimeout(TIMEOUT).retryOnConnectionFailure(false).build();
  }

  @Override
  public boolean send(String text) {
    if (down.get()) {
      log.warn("alert not sent: the alert webhook at {} failed earlier in this run", url.getHost());
      return false;
    }
    String body;
    try {
      body = JSON.writeValueAsString(Map.of("text", text));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    Request request = new Request.Builder().url(url.toString()).post(RequestBody.create(body, JSON_TYPE)).build();
    try (Response response = http.newCall(request).execute()) {
      if (response.isSuccessful()) {
        return true;
      }
      log.warn("alert not delivered: the alert webhook at {} answered {}", url.getHost(), response.code());
    } catch (IOException e) {
      log.warn("alert not delivered to the alert webhook at {}: {}", url.getHost(),
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    down.set(true);
    return false;
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
