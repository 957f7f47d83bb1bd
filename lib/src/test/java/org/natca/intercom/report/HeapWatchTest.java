package org.natca.intercom.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapWatchTest {

  @Test
  void snapshot_afterCollections_isAPeakAtOneInstant_neverAboveTheMaximum() throws Exception {
    try (HeapWatch watch = HeapWatch.start()) {
      List<byte[]> held = new ArrayList<>();
      long deadline = System.nanoTime() + 10_000_000_000L;
      // garbage of several times the heap, part of it held for a while, until collections were seen
      for (int round = 0; watch.snapshot().collections() < 3 && System.nanoTime() < deadline; round++) {
        for (int i = 0; i < 64; i++) {
          held.add(new byte[256 * 1024]);
        }
        if (held.size() > 256) {
          held.subList(0, 128).clear();
        }
        if (round % 8 == 7) {
          System.gc();
          Thread.sleep(20); // notifications come on the JVM's service thread
        }
      }
      HeapWatch.Snapshot s = watch.snapshot();
      assertTrue(s.collections() >= 3, "collections seen: " + s);
      assertTrue(s.peakUsedMb() <= s.maxMb(), "peak above the maximum: " + s);
      assertTrue(s.peakAfterGcMb() <= s.peakUsedMb(), "after-GC peak above the peak: " + s);
      assertTrue(s.peakAfterGcMb() >= 16, "the 16+ MB held at every collection show after GC: " + s);
      assertTrue(held.size() > 0);
    }
  }

  /**
   * In a JVM of 48 MB that keeps its heap nearly full, the figure stays within the maximum (the sum of
   * each pool's own peak, the old figure, is printed beside it: it tends to exceed the maximum).
   */
  @Test
  void snapshot_inASmallHeapKeptNearlyFull_neverExceedsTheMaximum() throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(javaBin, "-Xmx48m", "-cp", System.getProperty("java.class.path"), Child.class.getName())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor() == 0, out);
    String[] f = out.substring(out.lastIndexOf('\n') + 1).split(" ");
    long peak = Long.parseLong(f[0]);
    long afterGc = Long.parseLong(f[1]);
    long max = Long.parseLong(f[2]);
    assertTrue(max <= 48 && max >= 40, out);
    assertTrue(peak <= max, "peak " + peak + " MB above the maximum " + max + " MB: " + out);
    assertTrue(afterGc >= 24, "about 30 MB are held at every collection: " + out);
  }

  /** Holds about 30 MB and churns garbage through the rest; prints peak, after-GC peak, max, sum of pool peaks. */
  public static final class Child {
    public static void main(String[] args) {
      try (HeapWatch watch = HeapWatch.start()) {
        List<byte[]> held = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
          held.add(new byte[256 * 1024]);
        }
        long sink = 0;
        for (int i = 0; i < 4000; i++) {
          byte[] garbage = new byte[64 * 1024];
          sink += garbage.length;
          held.set(i % held.size(), new byte[256 * 1024]);
        }
        long sumOfPoolPeaks = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
          if (pool.getType() == MemoryType.HEAP) {
            sumOfPoolPeaks += pool.getPeakUsage().getUsed();
          }
        }
        HeapWatch.Snapshot s = watch.snapshot();
        System.out.println(sink > 0 ? "" : "-");
        System.out.println(s.peakUsedMb() + " " + s.peakAfterGcMb() + " " + s.maxMb() + " " + sumOfPoolPeaks / (1024 * 1024));
      }
    }
  }
}
