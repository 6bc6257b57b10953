package org.rexec.compile;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * How much the heap grew at its peak while something ran, beyond what was live before: unlike
 * used memory afterwards, it sees what a failed compilation built and dropped, and unlike used
 * memory alone, it does not count garbage other tests of the JVM left.
 */
final class HeapPeak {

  private HeapPeak() {}

  interface Action {
    void run() throws Exception;
  }

  /** Bytes, an over-estimate (each pool's peak, added). Exceptions of the action are caught. */
  static long growthDuring(Action action) {
    System.gc();
    long before = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        before += pool.getUsage().getUsed();
        pool.resetPeakUsage();
      }
    }
    try {
      action.run();
    } catch (Exception expected) {
      // The caller checks the outcome itself.
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak - before;
  }
}
