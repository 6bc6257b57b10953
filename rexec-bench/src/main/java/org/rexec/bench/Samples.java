package org.rexec.bench;

import java.util.Arrays;

/** Latencies of one side of a comparison, in nanoseconds, and the time they took together. */
final class Samples {
  private long[] nanos = new long[1024];
  private int count;
  private long elapsedNanos;
  private long cpuNanos;

  synchronized void add(long latencyNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = latencyNanos;
  }

  /** Adds the wall time of one measured interval, for throughput. */
  synchronized void addElapsed(long intervalNanos) {
    elapsedNanos += intervalNanos;
  }

  /** Adds the CPU time the supervisor's process spent in one measured interval. */
  synchronized void addCpu(long intervalCpuNanos) {
    cpuNanos += intervalCpuNanos;
  }

  /** CPU time of the supervisor's process (all its threads) per operation, in milliseconds. */
  synchronized double cpuMillisPerOperation() {
    return count == 0 ? Double.NaN : cpuNanos / 1e6 / count;
  }

  synchronized int count() {
    return count;
  }

  /** The {@code fraction} quantile (0.5 the median), nearest rank, in milliseconds. */
  synchronized double quantileMillis(double fraction) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(fraction * count) - 1;
    return sorted[Math.max(0, Math.min(count - 1, rank))] / 1e6;
  }

  /** Completed operations per second of measured wall time. */
  synchronized double perSecond() {
    return elapsedNanos == 0 ? Double.NaN : count / (elapsedNanos / 1e9);
  }
}
