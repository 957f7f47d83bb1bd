package org.natca.intercom.sandbox.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link IntercomEmulator} behaves.
 *
 * @param token the only bearer token accepted; any other answers 401 {@code unauthorized}
 * @param requestsPerMinute the app's budget, handed out per 10-second window (a sixth, rounded up, each)
 * @param latency added to every answer
 * @param searchLag a contact created or changed over HTTP less than this long ago is not yet (or not
 *     yet in its new form) seen by {@code POST /contacts/search}
 * @param clock the emulator's time: timestamps, rate-limit windows and search lag
 * @param port 0 for a free port
 * @param threads worker threads; bounds how many requests are served at once
 * @param predefineContractAttributes start with member_number, member_type, region, facility and positions defined
 * @param apiVersion the workspace's default API version, for requests without {@code Intercom-Version}
 * @param conformanceChecks check every exchange against Intercom's published description (see
 *     {@code sandbox.conformance}); off only for benchmarks, and a test fails when an emulator runs without
 */
public record EmulatorOptions(
    String token,
    int requestsPerMinute,
    Duration latency,
    Duration searchLag,
    Clock clock,
    int port,
    int threads,
    boolean predefineContractAttributes,
    String apiVersion,
    boolean conformanceChecks) {

  public static final String DEFAULT_TOKEN = "sandbox-token";

  public EmulatorOptions {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(searchLag, "searchLag");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(apiVersion, "apiVersion");
    if (requestsPerMinute < 1) {
      throw new IllegalArgumentException("requestsPerMinute must be positive: " + requestsPerMinute);
    }
    if (latency.isNegative() || searchLag.isNegative()) {
      throw new IllegalArgumentException("latency and searchLag must not be negative");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("bad port: " + port);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive: " + threads);
    }
  }

  public static EmulatorOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .token(token)
        .requestsPerMinute(requestsPerMinute)
        .latency(latency)
        .searchLag(searchLag)
        .clock(clock)
        .port(port)
        .threads(threads)
        .predefineContractAttributes(predefineContractAttributes)
        .apiVersion(apiVersion)
        .conformanceChecks(conformanceChecks);
  }

  /** The allowance of one 10-second window. */
  public int requestsPerWindow() {
    return (requestsPerMinute + 5) / 6;
  }

  public static final class Builder {
    private String token = DEFAULT_TOKEN;
    private int requestsPerMinute = 10_000;
    private Duration latency = Duration.ZERO;
    private Duration searchLag = Duration.ZERO;
    private Clock clock = Clock.systemUTC();
    private int port;
    private int threads = 64;
    private boolean predefineContractAttributes;
    private String apiVersion = "2.14";
    private boolean conformanceChecks = true;

    private Builder() {}

    public Builder token(String value) {
      this.token = value;
      return this;
    }

    public Builder requestsPerMinute(int value) {
      this.requestsPerMinute = value;
      return this;
    }

    public Builder latency(Duration value) {
      this.latency = value;
      return this;
    }

    public Builder searchLag(Duration value) {
      this.searchLag = value;
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    public Builder port(int value) {
      this.port = value;
      return this;
    }

    public Builder threads(int value) {
      this.threads = value;
      return this;
    }

    public Builder predefineContractAttributes(boolean value) {
      this.predefineContractAttributes = value;
      return this;
    }

    /** The version a request without {@code Intercom-Version} gets: "2.14" (default) or "2.16". */
    public Builder apiVersion(String value) {
      this.apiVersion = value;
      return this;
    }

    /** Off only for benchmarks: under the test suite an emulator without checks fails the test. */
    public Builder conformanceChecks(boolean value) {
      this.conformanceChecks = value;
      return this;
    }

    public EmulatorOptions build() {
      return new EmulatorOptions(token, requestsPerMinute, latency, searchLag, clock, port, threads, predefineContractAttributes,
          apiVersion, conformanceChecks);
    }
  }
}
