package org.natca.intercom.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.natca.intercom.member.MemberDatabaseConnectionException;
import org.natca.intercom.member.MemberDatabaseException;

/**
 * Group commit for intake: deliveries that arrive while a write is under way are stored together in
 * the next one, one statement and one commit for all of them. Quiet, every delivery is written at
 * once on its own; busy (or with a slow database), the batches grow instead of the queue of threads
 * waiting for a connection, so acknowledgements stay fast.
 */
public final class InboxWriter implements AutoCloseable {
  static final int MAX_BATCH = 100;
  /**
   * Stored text per statement at most (a lone larger delivery still goes alone): the deliveries of a
   * batch are acknowledged when the whole statement commits, so a few large ones must not hold up the
   * small ones queued with them for the time a statement of many megabytes takes.
   */
  static final int MAX_BATCH_CHARS = 1 << 20;

  private final WebhookInbox inbox;
  private final Duration maxWait;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean closed;

  private record Pending(Notification notification, CompletableFuture<Boolean> stored) {}

  /**
   * @param writers statements in flight at once
   * @param maxWait longest a delivery waits to be stored before it is refused (Intercom waits 5 s)
   */
  public InboxWriter(WebhookInbox inbox, int writers, Duration maxWait) {
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
    for (int i = 1; i <= writers; i++) {
      Thread t = new Thread(this::run, "inbox-writer-" + i);
      t.setDaemon(true);
      this.writers.add(t);
      t.start();
    }
  }

  /**
   * Stores the notification (blocking until it is committed).
   *
   * @return true when stored now, false when its id was stored before
   * @throws MemberDatabaseException when it could not be stored in time
   */
  public boolean store(Notification n) {
    if (closed) {
      throw new MemberDatabaseException("the inbox is closed (shutting down)", null);
    }
    Pending p = new Pending(n, new CompletableFuture<>());
    queue.add(p);
    try {
      return p.stored().get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof MemberDatabaseException m) {
        throw m;
      }
      throw new MemberDatabaseException("storing webhook notification " + n.id() + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      // it may still be stored later: Intercom's retry is then acknowledged as a repeat, and processed once
      throw new MemberDatabaseException("storing webhook notification " + n.id() + " took more than "
          + maxWait.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MemberDatabaseException("interrupted while storing webhook notification " + n.id(), e);
    }
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    Pending carried = null; // taken, but over the batch's size: first of the next one
    try {
      while (!closed) {
        Pending first = carried != null ? carried : queue.poll(200, TimeUnit.MILLISECONDS);
        carried = null;
        if (first == null) {
          continue;
        }
        batch.add(first);
        long chars = first.notification().payload().length();
        for (Pending next; batch.size() < MAX_BATCH && (next = queue.poll()) != null; ) {
          chars += next.notification().payload().length();
          if (chars > MAX_BATCH_CHARS) {
            carried = next;
            break;
          }
          batch.add(next);
        }
        try {
          write(batch);
        } finally {
          batch.clear();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (carried != null) {
        carried.stored().completeExceptionally(new MemberDatabaseException("the inbox is closed (shutting down)", null));
      }
    }
  }

  private void write(List<Pending> batch) {
    List<Notification> notifications = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      notifications.add(p.notification());
    }
    Set<String> stored;
    try {
      stored = inbox.storeAll(notifications);
    } catch (MemberDatabaseConnectionException e) {
      batch.forEach(p -> p.stored().completeExceptionally(e)); // the database is away: none can be stored now
      return;
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        batch.get(0).stored().completeExceptionally(e);
        return;
      }
      // one bad delivery must not fail its neighbours: each is stored on its own, and only it fails
      for (Pending p : batch) {
        try {
          p.stored().complete(inbox.store(p.notification()));
        } catch (RuntimeException alone) {
          p.stored().completeExceptionally(alone);
        }
      }
      return;
    }
    Set<String> claimed = new HashSet<>();
    for (Pending p : batch) {
      String id = p.notification().id();
      // the same id twice in one batch: the first one is the stored one, the other a repeat
      p.stored().complete(stored.contains(id) && claimed.add(id));
    }
  }

  /** Stops the writers; deliveries still waiting are refused (and so delivered again by Intercom). */
  @Override
  public void close() {
    closed = true;
    for (Thread t : writers) {
      try {
        t.join(2_000); // a batch being written is finished
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    writers.forEach(Thread::interrupt);
    MemberDatabaseException refused = new MemberDatabaseException("the inbox is closed (shutting down)", null);
    for (Pending p; (p = queue.poll()) != null; ) {
      p.stored().completeExceptionally(refused);
    }
  }
}
