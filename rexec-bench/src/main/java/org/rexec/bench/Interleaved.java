package org.rexec.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measures several ways of doing the same thing side by side on a shared, noisy machine: in
 * rounds, each side runs for its slice in turn, so that a burst of load from elsewhere falls
 * on every side alike. Each operation is timed on its own; a slice runs on {@code threads}
 * threads at once, each repeating the operation until the slice is over.
 */
final class Interleaved {

  /** One side: a name, an operation, and how long each of its slices lasts. */
  record Side(String name, Runnable operation, long sliceNanos, int minimumOperations) {}

  private final List<Side> sides = new ArrayList<>();

  Interleaved add(String name, Runnable operation, double sliceSeconds, int minimumOperations) {
    sides.add(new Side(name, operation, (long) (sliceSeconds * 1e9), minimumOperations));
    return this;
  }

  /** Warms each side up for {@code warmupRounds} rounds, then measures {@code rounds}. */
  Map<String, Samples> run(int threads, int warmupRounds, int rounds) {
    Map<String, Samples> results = new LinkedHashMap<>();
    for (Side side : sides) {
      results.put(side.name(), new Samples());
    }
    for (int round = 0; round < warmupRounds; round++) {
      for (Side side : sides) {
        slice(side, threads, new Samples());
      }
    }
    for (int round = 0; round < rounds; round++) {
      for (Side side : sides) {
        slice(side, threads, results.get(side.name()));
      }
    }
    return results;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void slice(Side side, int threads, Samples samples) {
    CountDownLatch start = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread worker =
          new Thread(
              () -> {
                try {
                  start.await();
                  long begin = System.nanoTime();
                  int done = 0;
                  while (done < side.minimumOperations()
                      || System.nanoTime() - begin < side.sliceNanos()) {
                    long before = System.nanoTime();
                    side.operation().run();
                    samples.add(System.nanoTime() - before);
                    done++;
                  }
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                }
              },
              "bench-" + side.name() + "-" + i);
      workers.add(worker);
      worker.start();
    }
    long cpuBefore = processCpuNanos();
    long begin = System.nanoTime();
    start.countDown();
    for (Thread worker : workers) {
      try {
        worker.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    samples.addElapsed(System.nanoTime() - begin);
    samples.addCpu(processCpuNanos() - cpuBefore);
    if (failure.get() != null) {
      throw new IllegalStateException("side " + side.name() + " failed", failure.get());
    }
  }
}
