package org.natca.intercom.app.server;

import java.io.IOException;
import java.net.BindException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;
import org.natca.intercom.config.ConfigException;
import org.natca.intercom.member.MemberRepository;
import org.natca.intercom.webhook.LogText;
import org.natca.intercom.webhook.MembersByEmail;
import org.natca.intercom.webhook.ReceivedBody;
import org.natca.intercom.webhook.WebhookService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP surface of {@code webhook-serve} on Jetty (its core handler API, no servlet container):
 * intake, lookup, health and the status page. Built for hostile clients: connections wait in Jetty's selector, not on
 * a thread, until a whole request has arrived; headers are bounded in size and in time, idle
 * connections are closed, bodies are read without holding a thread and within a deadline, and
 * threads and connections are bounded. Starting it starts the {@link WebhookService} (schema,
 * workers) first, so nothing is acknowledged that could not be stored.
 *
 * <p>Routes: one {@link Route} per path, registered in the constructor.
 */
public final class WebhookServer {
  private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);

  public static final String WEBHOOK_PATH = "/api/intercom/webhook";
  public static final String LOOKUP_PATH = "/api/intercom/lookup";
  public static final String HEALTH_PATH = "/healthz";
  public static final String STATUS_PATH = "/status";
  public static final String STATUS_JSON_PATH = "/status.json";

  static final int MAX_BODY_BYTES = 1 << 20;
  static final int MAX_HEADER_BYTES = 16 * 1024;
  static final int INPUT_BUFFER_BYTES = 64 * 1024;
  /**
   * Threads that run routes (which may block on the database); more requests wait in Jetty's queue,
   * which {@link #MAX_CONNECTIONS} bounds (an HTTP/1.1 connection has one request at a time). A queue
   * bounded on its own would refuse requests of connections already accepted, and Jetty warns at
   * every start that it does.
   */
  static final int MAX_THREADS = 48;
  static final int MIN_THREADS = 8;
  /** Open connections at most; at the limit, idle ones are closed after {@link #IDLE_AT_LIMIT}. */
  static final int MAX_CONNECTIONS = 2_000;
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(20);
  static final Duration IDLE_AT_LIMIT = Duration.ofSeconds(2);
  /** A request's headers must arrive within about twice this (see {@link HeaderWatch}). */
  static final Duration HEADER_CHECK = Duration.ofSeconds(5);
  /**
   * Bytes all bodies being received may hold at once (each at most {@link #MAX_BODY_BYTES}): with 2,000
   * connections each 1 MiB into a body, the heap (256 MiB in production) would run out; beyond this a
   * body is refused with 503 (Intercom delivers it again) and its connection closed.
   */
  static final long MAX_BUFFERED_BODY_BYTES = 64L << 20;
  /** Size of the direct pieces larger bodies are read into (at most {@link #MAX_BUFFERED_BODY_BYTES} of them exist). */
  static final int PIECE_BYTES = 64 * 1024;
  private static final long BUSY_LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
  /** The whole body must arrive within this once the headers are in. */
  static final Duration BODY_TIMEOUT = Duration.ofSeconds(20);
  /** Time for requests already being answered when intake stops. */
  private static final Duration HTTP_DRAIN = Duration.ofSeconds(2);
  /** How often the refusal summaries are written. */
  private static final Duration REFUSAL_WINDOW = Duration.ofMinutes(1);
  static final int REFUSALS_PER_WINDOW = 20;

  private static final ReceivedBody NO_BODY = ReceivedBody.of(new byte[0]);

  private final String bindAddress;
  private final int requestedPort;
  private final WebhookService service;
  private final RefusalLimiter lookupRefusals;
  private final RefusalLimiter statusRefusals;
  private final Map<String, Route> routes;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong buffered = new AtomicLong();
  private final java.util.Queue<ByteBuffer> freePieces = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final AtomicInteger busyRefusals = new AtomicInteger();
  private final AtomicLong busyLoggedAt = new AtomicLong(System.nanoTime() - BUSY_LOG_EVERY_NANOS);
  private final Map<Connection, HeaderWatch> watched = new ConcurrentHashMap<>();
  private volatile boolean stopping;
  private Server server;
  private ServerConnector connector;
  private Scheduler.Task housekeeping;

  /**
   * @param bindAddress the interface to listen on, or null for all of them
   * @param port 0 for any free port
   * @param health a repository over the quick-to-give-up intake pool
   * @param lookupToken LOOKUP_API_TOKEN, or null
   * @param status the status page's password and data ({@link StatusSource#OFF}: not served)
   */
  public WebhookServer(String bindAddress, int port, WebhookService service, MembersByEmail lookup,
      MemberRepository health, String lookupToken, StatusSource status, Clock clock) {
    this.bindAddress = bindAddress;
    this.requestedPort = port;
    this.service = Objects.requireNonNull(service, "service");
    this.lookupRefusals = new RefusalLimiter("lookup", REFUSALS_PER_WINDOW, REFUSAL_WINDOW, clock);
    this.statusRefusals = new RefusalLimiter("status page", REFUSALS_PER_WINDOW, REFUSAL_WINDOW, clock);
    Map<String, Route> r = new LinkedHashMap<>();
    r.put(WEBHOOK_PATH, new WebhookIntakeHandler(service));
    r.put(LOOKUP_PATH, new LookupHandler(lookup, lookupToken, lookupRefusals));
    r.put(HEALTH_PATH, new HealthHandler(health));
    StatusRoute statusRoute = new StatusRoute(status, statusRefusals, clock);
    r.put(STATUS_PATH, statusRoute);
    r.put(STATUS_JSON_PATH, statusRoute);
    this.routes = Map.copyOf(r);
  }

  /**
   * Prepares the inbox, starts the workers, then listens.
   *
   * @throws ConfigException when the port is taken or the bind address cannot be used
   */
  public synchronized void start() {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    service.start();
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS, 60_000);
    threads.setName("http");
    threads.setDaemon(true);
    Server s = new Server(threads);
    s.setStopTimeout(1_000);
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(MAX_HEADER_BYTES);
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    // one acceptor and one selector: two cores, and a selector waits on thousands of sockets
    HttpConnectionFactory h1 = new HttpConnectionFactory(http);
    // a 1 MiB body in 16 reads, not 128: a read's buffer is taken from Jetty's pool for the read and
    // given back once parsed, so connections that trickle bytes hold none between reads
    h1.setInputBufferSize(INPUT_BUFFER_BYTES);
    ServerConnector c = new ServerConnector(s, 1, 1, h1);
    c.setHost(bindAddress);
    c.setPort(requestedPort);
    c.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    c.setAcceptQueueSize(512);
    c.addEventListener(new Connection.Listener() {
      @Override
      public void onOpened(Connection connection) {
        watched.put(connection, new HeaderWatch(connection));
      }

      @Override
      public void onClosed(Connection connection) {
        watched.remove(connection);
      }
    });
    s.addConnector(c);
    NetworkConnectionLimit limit = new NetworkConnectionLimit(MAX_CONNECTIONS, c);
    limit.setEndPointIdleTimeout(IDLE_AT_LIMIT.toMillis());
    s.addBean(limit);
    s.setHandler(new Dispatch());
    try {
      s.start();
    } catch (Exception e) {
      stopQuietly(s);
      service.stop(Duration.ZERO);
      if (e instanceof BindException || e.getCause() instanceof BindException) {
        throw new ConfigException("PORT " + requestedPort + (bindAddress == null ? "" : " on BIND_ADDRESS " + bindAddress)
            + " cannot be used: " + e.getMessage());
      }
      if (e instanceof IOException && bindAddress != null) {
        throw new ConfigException("BIND_ADDRESS " + bindAddress + " cannot be used: " + e.getMessage());
      }
      throw new IllegalStateException("could not start the HTTP server on port " + requestedPort + ": " + e, e);
    }
    server = s;
    connector = c;
    housekeeping = c.getScheduler().schedule(this::housekeeping, HEADER_CHECK.toMillis(), TimeUnit.MILLISECONDS);
    log.info("webhook-serve listening on {}:{}: POST/HEAD {}, GET {}, GET {}, GET {} and {}", bindAddress == null ? "*" : bindAddress,
        port(), WEBHOOK_PATH, LOOKUP_PATH, HEALTH_PATH, STATUS_PATH, STATUS_JSON_PATH);
  }

  public synchronized int port() {
    if (connector == null) {
      throw new IllegalStateException("not started");
    }
    return connector.getLocalPort();
  }

  /**
   * Stops intake (requests being answered get a moment to finish), then lets the workers finish what
   * they are doing for up to {@code grace}.
   *
   * @return true when every running event finished in time
   */
  public boolean stop(Duration grace) {
    Server s;
    synchronized (this) {
      s = server;
      server = null;
      if (housekeeping != null) {
        housekeeping.cancel();
      }
    }
    if (s == null) {
      return true;
    }
    log.info("stopping: no new requests; waiting up to {} s for running work", grace.toSeconds());
    // new requests get 503 (Intercom delivers again, to whoever runs next) while the ones being answered finish
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
    stopQuietly(s);
    boolean finished = service.stop(grace);
    log.info("stopped{}", finished ? "" : " (some events were given back and run on the next start)");
    return finished;
  }

  private static void stopQuietly(Server s) {
    try {
      s.stop();
    } catch (Exception e) {
      log.debug("stopping the HTTP server: {}", e.toString());
    }
  }

  /** Every few seconds: closes connections whose headers trickle in, writes refusal summaries. */
  private void housekeeping() {
    try {
      for (HeaderWatch w : watched.values()) {
        if (w.tooSlow()) {
          log.debug("closing a connection from {}: its request headers did not arrive in time", w.remote());
          w.connection.getEndPoint().close();
        }
      }
      lookupRefusals.summarise();
      statusRefusals.summarise();
    } catch (RuntimeException e) {
      log.warn("HTTP housekeeping failed: {}", e.toString());
    } finally {
      synchronized (this) {
        if (server != null) {
          housekeeping = connector.getScheduler().schedule(this::housekeeping, HEADER_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    }
  }

  /**
   * A connection's progress between checks. Jetty closes a connection that sends nothing for the idle
   * timeout; this closes one that keeps sending bytes without completing a request (a slowloris):
   * while no route is running on it, bytes came in but no new request began, two checks in a row.
   */
  static final class HeaderWatch {
    final Connection connection;
    final AtomicInteger busy = new AtomicInteger();
    private long bytesIn;
    private long messagesIn;
    private int strikes;

    HeaderWatch(Connection connection) {
      this.connection = connection;
    }

    synchronized boolean tooSlow() {
      long b = connection.getBytesIn();
      long m = connection.getMessagesIn();
      if (busy.get() == 0 && b > bytesIn && m == messagesIn) {
        strikes++;
      } else {
        strikes = 0;
      }
      bytesIn = b;
      messagesIn = m;
      return strikes >= 2;
    }

    String remote() {
      return LogText.clean(String.valueOf(connection.getEndPoint().getRemoteSocketAddress()));
    }
  }

  /** Routes each request by its path; reads the body first when the route wants it. */
  private final class Dispatch extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      inFlight.incrementAndGet();
      HeaderWatch watch = watched.get(request.getConnectionMetaData().getConnection());
      if (watch != null) {
        watch.busy.incrementAndGet();
      }
      Callback finish = new Callback() {
        @Override
        public void succeeded() {
          try {
            callback.succeeded();
          } finally {
            finished(watch);
          }
        }

        @Override
        public void failed(Throwable x) {
          try {
            callback.failed(x);
          } finally {
            finished(watch);
          }
        }
      };
      try {
        dispatch(request, response, finish);
      } catch (RuntimeException e) {
        log.warn("{} {}: unexpected {}", request.getMethod(), LogText.clean(request.getHttpURI().getPath()), e.toString(), e);
        send(request, response, finish, Answer.error(500, "internal error"));
      }
      return true;
    }

    private void finished(HeaderWatch watch) {
      inFlight.decrementAndGet();
      if (watch != null) {
        watch.busy.decrementAndGet();
      }
    }
  }

  private void dispatch(Request request, Response response, Callback callback) {
    if (stopping) {
      send(request, response, callback, Answer.error(503, "shutting down").with("Connection", "close").with("Retry-After", "5"));
      return;
    }
    String path = request.getHttpURI().getPath();
    Route route = path == null ? null : routes.get(path);
    if (route == null) {
      send(request, response, callback, Answer.error(404, "not found"));
      return;
    }
    String method = request.getMethod();
    if (!route.readsBody(method)) {
      run(route, request, response, callback, NO_BODY);
      return;
    }
    long declared = request.getLength();
    if (declared > MAX_BODY_BYTES) {
      tooLarge(request, response, callback, declared + " bytes declared");
      return;
    }
    new BodyRead(route, request, response, callback, declared).start();
  }

  private void run(Route route, Request request, Response response, Callback callback, ReceivedBody body) {
    HttpCall call = new HttpCall(request.getMethod(), request.getHttpURI().getPath(), request.getHttpURI().getQuery(),
        request.getHeaders(), remote(request), body);
    Answer answer;
    try {
      answer = route.answer(call);
    } catch (RuntimeException e) {
      log.warn("{} {}: unexpected {}", call.method(), LogText.clean(call.path()), e.toString(), e);
      answer = Answer.error(500, "internal error");
    }
    send(request, response, callback, answer);
  }

  private void tooLarge(Request request, Response response, Callback callback, String what) {
    log.warn("webhook refused: body over 1 MiB ({}, from {})", what, LogText.clean(remote(request)));
    // the rest of the body is not read: the connection is closed instead of reused
    send(request, response, callback, Answer.error(413, "the body is larger than 1 MiB").with("Connection", "close"));
  }

  private static String remote(Request request) {
    String a = Request.getRemoteAddr(request);
    return a == null ? "unknown" : a;
  }

  private static void send(Request request, Response response, Callback callback, Answer answer) {
    response.setStatus(answer.status());
    HttpFields.Mutable h = response.getHeaders();
    if (answer.contentType() != null) {
      h.put(HttpHeader.CONTENT_TYPE, answer.contentType());
    }
    h.put(HttpHeader.CACHE_CONTROL, "no-store");
    for (Map.Entry<String, String> e : answer.headers().entrySet()) {
      h.put(new HttpField(e.getKey(), e.getValue()));
    }
    if ("HEAD".equals(request.getMethod()) || answer.body().length == 0) {
      response.write(true, null, callback);
    } else {
      h.put(HttpHeader.CONTENT_LENGTH, answer.body().length);
      response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }
  }

  /** Takes {@code bytes} of the bodies' budget, or none of it: false when it is spent. */
  private boolean reserve(long bytes) {
    if (buffered.addAndGet(bytes) > MAX_BUFFERED_BODY_BYTES) {
      buffered.addAndGet(-bytes);
      return false;
    }
    return true;
  }

  /** A body refused for want of room: one log line every 10 s at most, with the count since the last. */
  private void busy(Request request, Response response, Callback callback) {
    int refused = busyRefusals.incrementAndGet();
    long last = busyLoggedAt.get();
    long now = System.nanoTime();
    if (now - last >= BUSY_LOG_EVERY_NANOS && busyLoggedAt.compareAndSet(last, now)) {
      busyRefusals.addAndGet(-refused);
      log.warn("refused {} request bodies with 503: the bodies being received hold {} MiB (at most {} MiB); last from {}",
          refused, buffered.get() >> 20, MAX_BUFFERED_BODY_BYTES >> 20, LogText.clean(remote(request)));
    }
    send(request, response, callback, Answer.error(503, "too many request bodies on their way; try again")
        .with("Connection", "close").with("Retry-After", "5"));
  }

  /**
   * Reads a body of at most {@link #MAX_BODY_BYTES} without holding a thread while bytes are on their
   * way (Jetty calls back when more arrive), within {@link #BODY_TIMEOUT}; then runs the route. A
   * small declared body goes into one array of its size; a larger (or undeclared) one into direct
   * pieces of {@link #PIECE_BYTES} from a pool, which the garbage collector never copies and which
   * are used again (a 1 MiB array per body made young collections copy every body in flight). Each
   * piece is taken when the bytes for it arrive (a declared length costs nothing until the bytes are
   * here) within the budget of {@link #MAX_BUFFERED_BODY_BYTES}, and given back once the route has
   * answered. Reading and giving back hold the lock of the read, so a piece is never handed on while
   * bytes are still copied into it.
   */
  private final class BodyRead implements Runnable {
    private final Route route;
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final long declared;
    private final AtomicBoolean settled = new AtomicBoolean();
    private final List<ByteBuffer> pieces = new ArrayList<>();
    private long reserved;
    private ByteBuffer piece;
    private int size;
    private Scheduler.Task deadline;

    BodyRead(Route route, Request request, Response response, Callback callback, long declared) {
      this.route = route;
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.declared = declared;
    }

    void start() {
      deadline = connector.getScheduler().schedule(this::timedOut, BODY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      run();
    }

    @Override
    public void run() {
      while (true) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          if (!settled.get()) {
            request.demand(this);
          }
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          Throwable failure = chunk.getFailure();
          if (settle()) {
            giveBack();
            if (failure instanceof TimeoutException) {
              send(request, response, callback, Answer.error(408, "the body did not arrive in time").with("Connection", "close"));
            } else {
              callback.failed(failure);
            }
          }
          return;
        }
        boolean last = chunk.isLast();
        int outcome;
        try {
          outcome = take(chunk.getByteBuffer());
        } finally {
          chunk.release();
        }
        if (outcome == GONE) {
          return;
        }
        if (outcome == TOO_LARGE || outcome == NO_ROOM) {
          if (settle()) {
            giveBack();
            if (outcome == TOO_LARGE) {
              tooLarge(request, response, callback, "more than " + MAX_BODY_BYTES + " bytes sent");
            } else {
              busy(request, response, callback);
            }
          }
          return;
        }
        if (last) {
          if (settle()) {
            try {
              List<ByteBuffer> read = new ArrayList<>(pieces.size());
              for (ByteBuffer p : pieces) {
                read.add(p.duplicate().flip());
              }
              WebhookServer.this.run(route, request, response, callback, new ReceivedBody(read));
            } finally {
              giveBack();
            }
          }
          return;
        }
      }
    }

    private static final int TAKEN = 0;
    private static final int GONE = 1;
    private static final int TOO_LARGE = 2;
    private static final int NO_ROOM = 3;

    /** Copies a chunk's bytes into the pieces, taking new ones as needed. */
    private synchronized int take(ByteBuffer b) {
      if (settled.get()) {
        return GONE; // timed out: the pieces went back
      }
      if (size + b.remaining() > MAX_BODY_BYTES) {
        return TOO_LARGE;
      }
      while (b.hasRemaining()) {
        if (piece == null || !piece.hasRemaining()) {
          boolean small = declared >= 0 && declared <= PIECE_BYTES;
          int capacity = small ? (int) Math.max(1, declared) : PIECE_BYTES;
          if (!reserve(capacity)) {
            return NO_ROOM;
          }
          reserved += capacity;
          piece = small ? ByteBuffer.allocate(capacity) : takePiece();
          pieces.add(piece);
        }
        int n = Math.min(b.remaining(), piece.remaining());
        piece.put(b.slice(b.position(), n));
        b.position(b.position() + n);
        size += n;
      }
      return TAKEN;
    }

    private boolean settle() {
      if (settled.compareAndSet(false, true)) {
        deadline.cancel();
        return true;
      }
      return false;
    }

    /** Gives the pieces back to the pool and their bytes to the budget; once. */
    private synchronized void giveBack() {
      for (ByteBuffer p : pieces) {
        if (p.isDirect()) {
          p.clear();
          freePieces.offer(p);
        }
      }
      pieces.clear();
      piece = null;
      buffered.addAndGet(-reserved);
      reserved = 0;
    }

    private void timedOut() {
      if (settle()) {
        giveBack();
        log.info("closing a connection from {}: the body did not arrive within {} s", LogText.clean(remote(request)),
            BODY_TIMEOUT.toSeconds());
        send(request, response, callback, Answer.error(408, "the body did not arrive in time").with("Connection", "close"));
      }
    }
  }

  /** A direct piece from the pool, or a new one (the budget bounds how many there are). */
  private ByteBuffer takePiece() {
    ByteBuffer p = freePieces.poll();
    return p != null ? p : ByteBuffer.allocateDirect(PIECE_BYTES);
  }

  /** Bytes the bodies being received hold now (for tests). */
  long bufferedBodyBytes() {
    return buffered.get();
  }
}
