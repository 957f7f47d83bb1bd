package org.natca.intercom.client.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.natca.intercom.client.http.Sleeper;
import org.natca.intercom.client.error.ErrorMapper;
import org.natca.intercom.client.error.IntercomException;
import org.natca.intercom.client.json.IntercomJson;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link ApiRequest}s to Intercom over one shared OkHttpClient: adds the headers, waits for the
 * {@link RateLimiter}, retries what is safe to retry, and turns failures into the
 * {@code IntercomException} family. Safe for many threads at once.
 */
public final class Transport implements AutoCloseable {

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final byte[] EMPTY = new byte[0];

  /** Connection settings and retry bounds. */
  public record Settings(
      HttpUrl baseUrl,
      String accessToken,
      String apiVersion,
      int maxRetries,
      int maxRateLimitWaits,
      Duration connectTimeout,
      Duration readTimeout,
      int maxConcurrentRequests) {

    @Override
    public String toString() {
      return "Settings[baseUrl=" + baseUrl + ", apiVersion=" + apiVersion + ", maxRetries=" + maxRetries
          + ", maxRateLimitWaits=" + maxRateLimitWaits + ", connectTimeout=" + connectTimeout
          + ", readTimeout=" + readTimeout + ", maxConcurrentRequests=" + maxConcurrentRequests + "]";
    }
  }

  private final Settings settings;
  private final OkHttpClient http;
  private final Semaphore inFlight;
  private final RateLimiter limiter;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final RequestCounters counters;
  private final IntercomJson json;
  private final ErrorMapper errors;
  private final Logger log;

  public Transport(
      Settings settings, RateLimiter limiter, Backoff backoff, Sleeper sleeper,
      RequestCounters counters, IntercomJson json, ErrorMapper errors) {
    this(settings, limiter, backoff, sleeper, counters, json, errors, LoggerFactory.getLogger(Transport.class));
  }

  /** With the logger the request lines go to; tests pass one that records them. */
  public Transport(
      Settings settings, RateLimiter limiter, Backoff backoff, Sleeper sleeper,
      RequestCounters counters, IntercomJson json, ErrorMapper errors, Logger log) {
    this.log = log;
    this.settings = settings;
    this.limiter = limiter;
    this.backoff = backoff;
    this.sleeper = sleeper;
    this.counters = counters;
    this.json = json;
    this.errors = errors;
    this.inFlight = new Semaphore(settings.maxConcurrentRequests(), true);
    this.http = newHttpClient(settings);
  }

  private static OkHttpClient newHttpClient(Settings s) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(s.maxConcurrentRequests());
    dispatcher.setMaxRequestsPerHost(s.maxConcurrentRequests());
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        // One idle connection per possible caller. Idle ones are dropped after 30 s, before load
        // balancers drop them: a write on a connection the far end already closed could not be retried.
        .connectionPool(new ConnectionPool(s.maxConcurrentRequests(), 30, TimeUnit.SECONDS))
        .connectTimeout(s.connectTimeout())
        .readTimeout(s.readTimeout())
        .writeTimeout(s.readTimeout())
        // OkHttp would silently re-send a POST whose connection dropped; retrying is decided here.
        .retryOnConnectionFailure(false)
        .build();
  }

  public HttpUrl url(ApiRequest r) {
    HttpUrl.Builder b = settings.baseUrl().newBuilder();
    for (String segment : r.path()) {
      b.addPathSegment(segment);
    }
    for (Map.Entry<String, String> q : r.query().entrySet()) {
      b.addQueryParameter(q.getKey(), q.getValue());
    }
    return b.build();
  }

  /** Sends the request and returns the parsed body of a 2xx answer (a missing node when empty). */
  public JsonNode execute(ApiRequest r) {
    return execute(r, json::parse);
  }

  /**
   * Sends the request and reads the body of a 2xx answer with {@code reader}, which throws
   * {@link UncheckedIOException} for a body it cannot read (a list page read as a stream, say).
   */
  public <T> T execute(ApiRequest r, Function<String, T> reader) {
    HttpUrl url = url(r);
    String path = url.encodedPath();
    Request request = buildRequest(r, url);
    int failures = 0;
    int rateLimited = 0;
    int attempts = 0;
    while (true) {
      RateLimiter.Permit permit;
      try {
        // a connection slot first, then the permit: a granted request goes out at once, so the
        // budget holds as Intercom counts arrivals, not only as we count grants
        inFlight.acquire();
        try {
          permit = limiter.acquire();
        } catch (InterruptedException e) {
          inFlight.release();
          throw e;
        }
      } catch (InterruptedException e) {
        throw interrupted(r, path, e, attempts);
      }
      attempts++;
      Answer answer;
      long started = System.nanoTime();
      try {
        answer = send(request, r.kind(), permit);
      } catch (IOException e) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        boolean notSent = cannotHaveBeenApplied(e);
        log.debug("{} {} -> no answer in {} ms: {}", r.method(), path, millis, e.toString());
        if ((r.kind().isRetrySafe() || notSent) && failures < settings.maxRetries()
            && !Thread.currentThread().isInterrupted()) {
          failures++;
          backoff(r, path, failures, e.getClass().getSimpleName());
          continue;
        }
        throw errors.unreachable(
            r.method(), path, url.host(), url.port(), e, attempts, !r.kind().isRetrySafe() && !notSent);
      } catch (InterruptedException e) {
        throw interrupted(r, path, e, attempts);
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      log.debug("{} {} -> {} in {} ms", r.method(), path, answer.status, millis);
      limiter.observe(permit, longHeader(answer.response, "X-RateLimit-Remaining"),
          longHeader(answer.response, "X-RateLimit-Reset"));

      if (answer.status >= 200 && answer.status < 300) {
        try {
          return reader.apply(answer.body);
        } catch (UncheckedIOException e) {
          throw errors.unreadable(r.method(), path, answer.status, answer.requestId(), e);
        }
      }
      if (answer.status == 429) {
        var resetAt = limiter.pauseAfterRateLimit(
            longHeader(answer.response, "X-RateLimit-Reset"), longHeader(answer.response, "Retry-After"));
        if (rateLimited >= settings.maxRateLimitWaits()) {
          throw errors.rateLimited(r.method(), path, answer.body, answer.requestId(), resetAt, rateLimited);
        }
        rateLimited++;
        counters.retried();
        log.info("Intercom rate limit hit on {} {}; waiting until {} (wait {} of {})",
            r.method(), path, resetAt, rateLimited, settings.maxRateLimitWaits());
        continue;
      }
      if (answer.status >= 500 && r.kind().isRetrySafe() && failures < settings.maxRetries()) {
        failures++;
        backoff(r, path, failures, "HTTP " + answer.status);
        continue;
      }
      throw errors.fromResponse(r.method(), path, answer.status, answer.body, answer.requestId());
    }
  }

  private Request buildRequest(ApiRequest r, HttpUrl url) {
    RequestBody body = null;
    if (r.body() != null) {
      body = RequestBody.create(json.bytes(r.body()), JSON);
    } else if (!"GET".equals(r.method()) && !"DELETE".equals(r.method())) {
      body = RequestBody.create(EMPTY, null); // archive and the like take no body, but POST needs one
    }
    return new Request.Builder()
        .url(url)
        .header("Authorization", "Bearer " + settings.accessToken())
        .header("Accept", "application/json")
        .header("Intercom-Version", settings.apiVersion())
        .method(r.method(), body)
        .build();
  }

  private Answer send(Request request, RequestKind kind, RateLimiter.Permit permit)
      throws IOException, InterruptedException {
    try (Response response = http.newCall(request).execute()) {
      counters.sent(kind);
      return new Answer(response.code(), response.body().string(), response);
    } catch (IOException e) {
      counters.sent(kind);
      throw e;
    } finally {
      inFlight.release();
      limiter.release(permit);
    }
  }

  private void backoff(ApiRequest r, String path, int failure, String why) {
    Duration d = backoff.delay(failure);
    log.info("{} {} failed ({}); retry {} of {} in {} ms",
        r.method(), path, why, failure, settings.maxRetries(), d.toMillis());
    counters.retried();
    counters.backoffWait(d.toMillis());
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      throw interrupted(r, path, e, failure);
    }
  }

  private IntercomException interrupted(ApiRequest r, String path, InterruptedException e, int attempts) {
    Thread.currentThread().interrupt();
    HttpUrl base = settings.baseUrl();
    return errors.unreachable(r.method(), path, base.host(), base.port(), e, attempts, false);
  }

  /** Failures that happen before the request can have left this machine. */
  private static boolean cannotHaveBeenApplied(IOException e) {
    return e instanceof ConnectException
        || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException;
  }

  private static Long longHeader(Response response, String name) {
    String v = response.header(name);
    if (v == null) {
      return null;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return null; // e.g. Retry-After as an HTTP date: fall back to the next window
    }
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /** A finished answer; the response is closed, only its headers are read afterwards. */
  private record Answer(int status, String body, Response response) {
    String requestId() {
      String id = response.header("X-Request-Id");
      return id != null ? id : response.header("Request-Id");
    }
  }
}
