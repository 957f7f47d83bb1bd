package org.natca.intercom.sandbox.emulator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator standalone for demos:
 * {@code java -cp ... org.natca.intercom.sandbox.emulator.EmulatorMain --port=8089 --latency-ms=40 --rate-limit=1000}.
 * Stops on Ctrl-C.
 */
public final class EmulatorMain {
  private static final String USAGE = "usage: EmulatorMain [--port=N] [--latency-ms=N] [--rate-limit=PER_MINUTE]"
      + " [--token=T] [--search-lag-ms=N] [--predefine-attributes]";

  private EmulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    EmulatorOptions options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    IntercomEmulator emulator = IntercomEmulator.start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      emulator.close();
      stopped.countDown();
    }));
    describe(emulator, System.out);
    stopped.await();
  }

  /** Options from {@code --name=value} arguments (also {@code --name value}). */
  public static EmulatorOptions parse(String... args) {
    EmulatorOptions.Builder b = EmulatorOptions.builder();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (name.equals("--predefine-attributes")) {
        b.predefineContractAttributes(true);
        continue;
      }
      if (name.equals("--help") || name.equals("-h")) {
        throw new IllegalArgumentException("Local Intercom emulator.");
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value for " + name);
        }
        value = args[++i];
      }
      switch (name) {
        case "--port":
          b.port(number(name, value));
          break;
        case "--latency-ms":
          b.latency(Duration.ofMillis(number(name, value)));
          break;
        case "--rate-limit":
          b.requestsPerMinute(number(name, value));
          break;
        case "--token":
          b.token(value);
          break;
        case "--search-lag-ms":
          b.searchLag(Duration.ofMillis(number(name, value)));
          break;
        default:
          throw new IllegalArgumentException("unknown option " + name);
      }
    }
    return b.build();
  }

  static void describe(IntercomEmulator emulator, PrintStream out) {
    EmulatorOptions o = emulator.options();
    out.println("Intercom emulator listening on " + emulator.baseUrl());
    out.println("  INTERCOM_BASE_URL=" + emulator.baseUrl());
    // Only the well-known sandbox token is printed; a token someone chose stays off the console.
    out.println("  INTERCOM_ACCESS_TOKEN=" + (o.token().equals(EmulatorOptions.DEFAULT_TOKEN) ? o.token() : "<the --token given>"));
    out.println("  admin id " + emulator.adminId() + ", " + o.requestsPerMinute() + " requests/min ("
        + o.requestsPerWindow() + " per 10 s), latency " + o.latency().toMillis() + " ms");
  }

  private static int number(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " takes a number, got '" + value + "'");
    }
  }
}
