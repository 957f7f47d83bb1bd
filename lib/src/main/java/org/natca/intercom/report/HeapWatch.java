package org.natca.intercom.report;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * How much heap a run used, for sizing the instance. Listens to every garbage collection from
 * {@link #start()} to {@link #close()}: the heap in use just before a collection is a peak (the heap
 * fills up, then is collected), the heap in use just after it is what the run really holds. Both are
 * totals at one instant, so neither can exceed the maximum heap; summing each pool's own peak, taken at
 * different times, could.
 */
public final class HeapWatch implements AutoCloseable {

  /** Megabytes: {@code peakUsed} at any collection or snapshot, {@code peakAfterGc} after a collection. */
  public record Snapshot(long peakUsedMb, long peakAfterGcMb, long maxMb, long collections) {
    /** The report's {@code memory} object. */
    public Map<String, Long> asMap() {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put("peakHeapUsedMb", peakUsedMb);
      m.put("peakHeapAfterGcMb", peakAfterGcMb);
      m.put("maxHeapMb", maxMb);
      m.put("collections", collections);
      return m;
    }
  }

  private static final long MB = 1024 * 1024;

  private final Set<String> heapPools = new HashSet<>();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final AtomicLong collections = new AtomicLong();
  private final NotificationListener listener = this::onNotification;

  private HeapWatch() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
    sample();
  }

  /** Starts watching; close it when the run is over. */
  public static HeapWatch start() {
    return new HeapWatch();
  }

  /** The peaks so far, the heap in use now counted as well. */
  public Snapshot snapshot() {
    sample();
    long max = Runtime.getRuntime().maxMemory();
    return new Snapshot(peakUsed.get() / MB, peakAfterGc.get() / MB, max / MB, collections.get());
  }

  private void sample() {
    peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
  }

  private void onNotification(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo();
    peakUsed.accumulateAndGet(heapTotal(info.getMemoryUsageBeforeGc()), Math::max);
    peakAfterGc.accumulateAndGet(heapTotal(info.getMemoryUsageAfterGc()), Math::max);
    collections.incrementAndGet();
  }

  private long heapTotal(Map<String, MemoryUsage> byPool) {
    long total = 0;
    for (Map.Entry<String, MemoryUsage> e : byPool.entrySet()) {
      if (heapPools.contains(e.getKey())) {
        total += e.getValue().getUsed();
      }
    }
    return total;
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // already gone
      }
    }
    emitters.clear();
  }
}
