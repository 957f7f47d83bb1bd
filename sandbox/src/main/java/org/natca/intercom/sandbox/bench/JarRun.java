package org.natca.intercom.sandbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the shipped jar as a separate process, as cron does: {@code java [jvmArgs] -jar natca-intercom.jar ARGS},
 * with the given environment only. Stdout is captured; stderr (the logs) goes to a file.
 */
public final class JarRun {
  /** One finished run: exit code, stdout, the log file, wall time, and the JSON report when asked for. */
  public record Result(int exitCode, String stdout, Path log, Duration wallTime, JsonNode report) {}

  private final Path jar;
  private final Path workDir;
  private final List<String> jvmArgs;

  public JarRun(Path jar, Path workDir, List<String> jvmArgs) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("no jar at " + jar + ": build it first (mvn -B -ntp -q package -DskipTests)");
    }
    this.jar = jar.toAbsolutePath();
    this.workDir = workDir;
    this.jvmArgs = List.copyOf(jvmArgs);
  }

  /**
   * Starts a long-running command ({@code webhook-serve}) without waiting: stdout and stderr both go to
   * {@code NAME.log}; stop it with {@link Process#destroy()} (SIGTERM, as a platform stops a service).
   */
  public Process start(String name, Map<String, String> env, String... args) {
    try {
      Files.createDirectories(workDir);
      Path log = workDir.resolve(name + ".log");
      ProcessBuilder pb = new ProcessBuilder(command(List.of(args))).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().clear();
      pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      pb.environment().putAll(env);
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path log(String name) {
    return workDir.resolve(name + ".log");
  }

  private List<String> command(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.addAll(args);
    return cmd;
  }

  public Result run(String name, Map<String, String> env, String... args) {
    return run(name, env, true, null, args);
  }

  /** As {@link #run(String, Map, String...)}; {@code --report=FILE} is added only when {@code withReport}. */
  public Result run(String name, Map<String, String> env, boolean withReport, String... args) {
    return run(name, env, withReport, null, args);
  }

  /** As {@link #run(String, Map, String...)}; a run still going after {@code timeout} is killed (exit code -1). */
  public Result run(String name, Map<String, String> env, Duration timeout, String... args) {
    return run(name, env, true, timeout, args);
  }

  private Result run(String name, Map<String, String> env, boolean withReport, Duration timeout, String... args) {
    try {
      Files.createDirectories(workDir);
      Path log = workDir.resolve(name + ".log");
      Path out = workDir.resolve(name + ".out");
      Path reportFile = workDir.resolve(name + "-report.json");
      Files.deleteIfExists(reportFile);
      List<String> cmd = command(List.of(args));
      if (withReport) {
        cmd.add("--report=" + reportFile);
      }
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(log.toFile());
      pb.environment().clear();
      pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      pb.environment().putAll(env);
      long start = System.nanoTime();
      Process p = pb.start();
      int code;
      if (timeout == null) {
        code = p.waitFor();
      } else if (p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        code = p.exitValue();
      } else {
        p.destroyForcibly().waitFor();
        code = -1;
      }
      Duration wall = Duration.ofNanos(System.nanoTime() - start);
      JsonNode report = Files.exists(reportFile) ? new ObjectMapper().readTree(reportFile.toFile()) : null;
      return new Result(code, Files.readString(out, StandardCharsets.UTF_8), log, wall, report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
