package org.natca.intercom.app.operations;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/** A local Slack-compatible incoming webhook: keeps every body; answers 200, 500, or never (hangs). */
final class AlertReceiver implements AutoCloseable {
  enum Mode { OK, ERROR, HANG }

  private final HttpServer server;
  private final List<String> bodies = new ArrayList<>();
  volatile Mode mode = Mode.OK;

  AlertReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "alert-receiver");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/hooks/secret-path-T0B0", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      synchronized (bodies) {
        bodies.add(body);
      }
      if (mode == Mode.HANG) {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] answer = (mode == Mode.OK ? "ok" : "oops").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(mode == Mode.OK ? 200 : 500, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/secret-path-T0B0";
  }

  /** The "text" of every message received so far. */
  List<String> texts() {
    synchronized (bodies) {
      List<String> texts = new ArrayList<>();
      for (String b : bodies) {
        texts.add(OperationsTest.json(b).get("text").asText());
      }
      return texts;
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
