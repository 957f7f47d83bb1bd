package org.natca.intercom.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.natca.intercom.client.error.IntercomException;
import org.natca.intercom.client.error.IntercomRateLimitException;
import org.natca.intercom.client.error.IntercomUnreachableException;
import org.natca.intercom.report.RunReport;
import org.natca.intercom.report.RunReport.Total;
import org.natca.intercom.report.ReportSummary;
import org.natca.intercom.sync.Applied;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a batch command's units (one member's plan, one stale contact, one manual entry) within the
 * request budget: in a pool of workers, batch by batch with a progress line and ETA after each, each
 * unit's {@link Applied} projected into the run report. A unit that fails is reported and the run goes
 * on, except: a streak of units that got no answer from Intercom, a refused token, or a {@link StopRun}
 * stop it (what was not done is retried by the next run). Each command configures it with
 * {@link Settings}; none copies it.
 */
public final class BatchRunner {
  private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);
  /** After this many units in a row fail because Intercom gave no usable answer, the run stops. */
  public static final int UNREACHABLE_STREAK_LIMIT = 10;

  /**
   * @param concurrency workers; 1 runs the units in order on the calling thread
   * @param batchSize units between progress lines
   * @param unreachableStreak units in a row without an answer that stop the run
   * @param noun what a unit is, in messages ("members", "" for none)
   * @param progress whether to log a progress line after each batch
   * @param notAttempted when the run stops early, the warning for the units from this index on; null for none
   */
  public record Settings(int concurrency, int batchSize, int unreachableStreak, String noun, boolean progress,
      IntFunction<String> notAttempted) {
    public Settings {
      if (concurrency < 1 || batchSize < 1 || unreachableStreak < 1) {
        throw new IllegalArgumentException("concurrency, batch size and streak must be at least 1");
      }
      Objects.requireNonNull(noun, "noun");
    }
  }

  /** One unit: who it is about (for a failure line), and its work, which adds what it does to {@code out}. */
  public record Unit(Integer memberNumber, String email, String contactId, Work work) {}

  public interface Work {
    void run(Applied.Builder out);
  }

  private final Settings settings;
  private final LongSupplier requestsSent;

  /** @param requestsSent the client's request count, for the progress line */
  public BatchRunner(Settings settings, LongSupplier requestsSent) {
    this.settings = settings;
    this.requestsSent = requestsSent;
  }

  public void run(List<Unit> units, RunReport report) {
    AtomicInteger streak = new AtomicInteger();
    ExecutorService pool = settings.concurrency() == 1 ? null : Executors.newFixedThreadPool(settings.concurrency(), r -> {
      Thread t = new Thread(r, report.command() + "-worker");
      t.setDaemon(true);
      return t;
    });
    long started = System.nanoTime();
    int batches = (units.size() + settings.batchSize() - 1) / settings.batchSize();
    AtomicInteger done = new AtomicInteger();
    try {
      for (int b = 0; b < batches && !report.aborted(); b++) {
        int from = b * settings.batchSize();
        List<Unit> batch = units.subList(from, Math.min(units.size(), from + settings.batchSize()));
        if (pool == null) {
          for (int i = 0; i < batch.size(); i++) {
            if (report.aborted()) {
              if (settings.notAttempted() != null) {
                report.warn(settings.notAttempted().apply(from + i));
              }
              return;
            }
            runOne(batch.get(i), report, streak);
            done.incrementAndGet();
          }
        } else {
          List<Future<?>> futures = new ArrayList<>(batch.size());
          for (Unit u : batch) {
            futures.add(pool.submit(() -> {
              if (!report.aborted()) {
                runOne(u, report, streak);
              }
              done.incrementAndGet();
            }));
          }
          for (Future<?> f : futures) {
            f.get();
          }
        }
        if (settings.progress()) {
          logProgress(b + 1, batches, done.get(), units.size(), started, report);
        }
      }
      if (report.aborted() && settings.notAttempted() != null && done.get() < units.size() && pool == null) {
        report.warn(settings.notAttempted().apply(done.get()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      report.abort("interrupted");
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  private void runOne(Unit u, RunReport report, AtomicInteger streak) {
    Applied.Builder out = new Applied.Builder(u.memberNumber(), u.email());
    try {
      u.work().run(out);
      streak.set(0);
    } catch (IntercomUnreachableException | IntercomRateLimitException e) {
      // one lost answer is this unit's failure; a streak means Intercom is down: stop, lose nothing
      report.fail(u.memberNumber(), u.email(), u.contactId(), e.getMessage());
      int limit = settings.unreachableStreak();
      if (streak.incrementAndGet() >= limit) {
        report.abort(limit == 1 ? "Intercom stopped answering: " + e.getMessage()
            : "Intercom stopped answering (" + limit + (settings.noun().isEmpty() ? "" : " " + settings.noun())
                + " in a row failed); last error: " + e.getMessage());
      }
    } catch (IntercomException e) {
      report.fail(u.memberNumber(), u.email(), u.contactId(), e.getMessage());
      if (e.isAuthenticationFailure()) {
        report.abort("Intercom refused the access token: " + e.getMessage());
      }
    } catch (StopRun e) {
      report.fail(u.memberNumber(), u.email(), u.contactId(), e.getMessage());
      report.abort(e.getMessage());
    } catch (RuntimeException e) {
      log.warn("unexpected {} for {}", e, u.contactId() != null && u.memberNumber() == null
          ? "contact " + u.contactId() : "member " + u.memberNumber(), e);
      report.fail(u.memberNumber(), u.email(), u.contactId(), e.toString());
    } finally {
      out.build().into(report);
    }
  }

  private void logProgress(int batch, int batches, int done, int total, long startedNanos, RunReport report) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
    Duration eta = done == 0 ? Duration.ZERO : elapsed.multipliedBy(total - done).dividedBy(done);
    log.info("batch {}/{}: {}/{} {}; created {}, updated {}, unchanged {}, skipped {}, duplicates {}, unarchived {}, blocked {}, failed {}; {} requests; ETA {}",
        batch, batches, done, total, settings.noun().isEmpty() ? "done" : settings.noun(), report.get(Total.CREATED),
        report.get(Total.UPDATED), report.get(Total.UNCHANGED), report.get(Total.SKIPPED),
        report.get(Total.DUPLICATES_RESOLVED), report.get(Total.UNARCHIVED), report.get(Total.BLOCKED),
        report.get(Total.FAILED), requestsSent.getAsLong(), ReportSummary.formatDuration(eta));
  }
}
