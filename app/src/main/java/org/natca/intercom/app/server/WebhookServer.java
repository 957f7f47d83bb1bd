package org.natca.intercom.app.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.natca.intercom.config.ConfigException;
import org.natca.intercom.member.MemberRepository;
import org.natca.intercom.webhook.MembersByEmail;
import org.natca.intercom.webhook.WebhookService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP surface of {@code webhook-serve} on the JDK's built-in server: intake, lookup and health,
 * served by a bounded pool of threads. Starting it starts the {@link WebhookService} (schema, workers)
 * first, so nothing is acknowledged that could not be stored.
 */
public final class WebhookServer {
  private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);

  public static final String WEBHOOK_PATH = "/api/intercom/webhook";
  public static final String LOOKUP_PATH = "/api/intercom/lookup";
  public static final String HEALTH_PATH = "/healthz";

  /** Requests served at once; more wait in a queue of {@link #QUEUE} and then run on the accepting thread. */
  static final int THREADS = 16;
  static final int QUEUE = 256;
  /** Time for requests already being answered when intake stops. */
  private static final Duration HTTP_DRAIN = Duration.ofSeconds(2);

  private final int requestedPort;
  private final WebhookService service;
  private final Map<String, HttpHandler> routes;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean stopping;
  private HttpServer server;
  private ThreadPoolExecutor executor;

  /**
   * @param port 0 for any free port
   * @param health a repository over the quick-to-give-up intake pool
   * @param lookupToken LOOKUP_API_TOKEN, or null
   */
  public WebhookServer(int port, WebhookService service, MembersByEmail lookup, MemberRepository health, String lookupToken) {
    this.requestedPort = port;
    this.service = Objects.requireNonNull(service, "service");
    this.routes = Map.of(
        WEBHOOK_PATH, new WebhookIntakeHandler(service),
        LOOKUP_PATH, new LookupHandler(lookup, lookupToken),
        HEALTH_PATH, new HealthHandler(health));
  }

  /**
   * Prepares the inbox, starts the workers, then listens on all interfaces.
   *
   * @throws ConfigException when the port is taken
   */
  public synchronized void start() {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    // The JDK server reads these once, when its first server starts, and only from system properties
    // (an operator's -D wins). Without TCP_NODELAY every answer waits ~40 ms (Nagle + delayed ACK, the
    // server writes headers and body separately); without the time limits (seconds) a client that
    // sends a request slowly, or never reads the answer, holds a request thread for ever.
    setIfAbsent("sun.net.httpserver.nodelay", "true");
    setIfAbsent("sun.net.httpserver.maxReqTime", "30");
    setIfAbsent("sun.net.httpserver.maxRspTime", "30");
    service.start();
    AtomicInteger n = new AtomicInteger();
    executor = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
      Thread t = new Thread(r, "http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }, new ThreadPoolExecutor.CallerRunsPolicy());
    try {
      server = HttpServer.create(new InetSocketAddress(requestedPort), 512);
    } catch (BindException e) {
      service.stop(Duration.ZERO);
      executor.shutdown();
      throw new ConfigException("PORT " + requestedPort + " cannot be used: " + e.getMessage());
    } catch (IOException e) {
      service.stop(Duration.ZERO);
      executor.shutdown();
      throw new IllegalStateException("could not open port " + requestedPort + ": " + e.getMessage(), e);
    }
    server.createContext("/", this::route);
    server.setExecutor(executor);
    server.start();
    log.info("webhook-serve listening on port {}: POST/HEAD {}, GET {}, GET {}", port(), WEBHOOK_PATH, LOOKUP_PATH, HEALTH_PATH);
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
    return server.getAddress().getPort();
  }

  /**
   * Stops intake (requests being answered get a moment to finish), then lets the workers finish what
   * they are doing for up to {@code grace}.
   *
   * @return true when every running event finished in time
   */
  public boolean stop(Duration grace) {
    HttpServer s;
    ThreadPoolExecutor e;
    synchronized (this) {
      s = server;
      e = executor;
      server = null;
    }
    if (s == null) {
      return true;
    }
    log.info("stopping: no new requests; waiting up to {} s for running work", grace.toSeconds());
    // New requests get 503 (Intercom delivers again, to whoever runs next) while the ones being answered
    // finish; then the server closes. (JDK 17's HttpServer.stop(n) would always wait the whole n seconds.)
    stopping = true;
    long deadline = System.nanoTime() + HTTP_DRAIN.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    s.stop(0);
    e.shutdown();
    boolean finished = service.stop(grace);
    log.info("stopped{}", finished ? "" : " (some events were given back and run on the next start)");
    return finished;
  }

  private void route(HttpExchange exchange) {
    inFlight.incrementAndGet();
    try {
      if (stopping) {
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.getResponseHeaders().set("Retry-After", "5");
        Exchanges.error(exchange, 503, "shutting down");
        return;
      }
      HttpHandler handler = routes.get(exchange.getRequestURI().getRawPath());
      if (handler == null) {
        Exchanges.error(exchange, 404, "not found");
        return;
      }
      handler.handle(exchange);
    } catch (IOException e) {
      log.debug("{} {}: the client went away: {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e.toString());
    } catch (RuntimeException e) {
      log.warn("{} {}: unexpected {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e.toString(), e);
      try {
        Exchanges.error(exchange, 500, "internal error");
      } catch (IOException | RuntimeException ignored) {
        // the answer may have begun already; closing the exchange is all that is left
      }
    } finally {
      exchange.close();
      inFlight.decrementAndGet();
    }
  }
}
