package org.rexec;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The JVM's one watchdog: a daemon thread that samples the budget of every active run every
 * {@value #PERIOD_MILLIS} ms. The guards in cell code only read the cell's state; all the
 * accounting happens here, off the cell's threads.
 */
final class Watchdog {

  static final long PERIOD_MILLIS = 10;

  private static final Set<Budget> WATCHED = ConcurrentHashMap.newKeySet();
  private static Thread thread;

  private Watchdog() {}

  /** Watches {@code budget} until {@link #unwatch}. */
  static void watch(Budget budget) {
    WATCHED.add(budget);
    synchronized (Watchdog.class) {
      // Started again if it ever died, though nothing should end it (see loop()).
      if (thread == null || !thread.isAlive()) {
        thread = new Thread(null, Watchdog::loop, "rexec-watchdog", 0, false);
        thread.setContextClassLoader(Watchdog.class.getClassLoader());
        thread.setDaemon(true);
        thread.start();
      }
    }
    LockSupport.unpark(thread);
  }

  static void unwatch(Budget budget) {
    WATCHED.remove(budget);
  }

  private static void loop() {
    while (true) {
      try {
        if (WATCHED.isEmpty()) {
          LockSupport.park();
          continue;
        }
        for (Budget budget : WATCHED) {
          try {
            budget.sample();
          } catch (RuntimeException | Error unexpected) {
            // One run's sampling must not end the watchdog of all runs; it is tried again.
          }
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS));
      } catch (Throwable unexpected) {
        // Even running out of heap, which a cell can cause (its memory is accounted, not
        // isolated), must not end the one thread that enforces every cell's limits. Caught and
        // not rethrown on purpose: the next turn tries again, once the cell stopped has let go.
      }
    }
  }
}
