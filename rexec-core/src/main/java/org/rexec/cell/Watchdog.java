package org.rexec.cell;

import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.rexec.bug.RexecBugException;

/**
 * The JVM's one watchdog: a daemon thread that samples every {@link Watched} run every {@value
 * #PERIOD_MILLIS} ms. The guards in cell code only read the cell's state; all the accounting
 * happens here, off the cell's threads.
 *
 * <p>Lifetime: the thread is started by the first {@link #watch} while none runs and ends by
 * itself within one period once nothing is watched, so that no rexec thread outlives the last
 * run. Static because one thread serves every cell of the JVM (the CPU and allocation counters
 * it reads are the JVM's) and cells have no common owner that could hold it; it holds no cell's
 * state beyond the runs watched.
 *
 * <p>Failures: a {@link RuntimeException} from sampling one run is rexec's bug; that run is told
 * ({@link Watched#samplingFailed}, which stops it: a run whose limits cannot be enforced must
 * not go on) and the failure is logged; the other runs are still sampled. An {@link
 * OutOfMemoryError} is expected, since a cell can fill the shared heap (its memory is
 * accounted, not isolated): the thread carries on, as it is what stops that cell, and the error
 * is logged at {@code DEBUG} once the heap allows. Any other {@link Error} (a {@link
 * StackOverflowError} among them) is rexec's bug and is not caught: it ends the thread, a new
 * watchdog thread replaces it while anything is watched, and the error is logged at {@code
 * ERROR}. If even the new thread cannot start, each run waiting starts one ({@link
 * #ensureRunning}). The log is the {@link System.Logger} {@code org.rexec.cell.Watchdog}.
 */
final class Watchdog {

  static final long PERIOD_MILLIS = 10;

  /** What the watchdog samples: one run. */
  interface Watched {
    /** Samples the run and stops it if it passed a limit. */
    void sample();

    /** Sampling threw {@code bug}; the run must stop, as its limits are no longer enforced. */
    void samplingFailed(RexecBugException bug);
  }

  private static final System.Logger LOG = System.getLogger(Watchdog.class.getName());
  private static final Set<Watched> WATCHED = ConcurrentHashMap.newKeySet();
  private static final Object LOCK = new Object();
  /** The running watchdog thread, or null; guarded by LOCK. */
  private static Thread thread;

  private Watchdog() {}

  /** Watches {@code run} until {@link #unwatch}, starting the watchdog thread if none runs. */
  static void watch(Watched run) {
    synchronized (LOCK) {
      WATCHED.add(run);
      ensureRunning();
    }
  }

  /** No longer watches {@code run}; the thread ends once nothing is watched. */
  static void unwatch(Watched run) {
    WATCHED.remove(run);
  }

  /** Starts a watchdog thread if runs are watched and none is alive. Cheap; may be called often. */
  static void ensureRunning() {
    synchronized (LOCK) {
      if (!WATCHED.isEmpty() && (thread == null || !thread.isAlive())) {
        thread = new Thread(null, Watchdog::loop, "rexec-watchdog", 0, false);
        thread.setContextClassLoader(Watchdog.class.getClassLoader());
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler(Watchdog::died);
        thread.start();
      }
    }
  }

  /** The watchdog thread, while one runs; for tests and diagnostics. */
  static Optional<Thread> thread() {
    synchronized (LOCK) {
      return Optional.ofNullable(thread).filter(Thread::isAlive);
    }
  }

  private static void loop() {
    OutOfMemoryError unreported = null;
    while (true) {
      try {
        if (unreported != null) {
          LOG.log(Level.DEBUG, "the heap was full on the rexec watchdog thread", unreported);
          unreported = null;
        }
        synchronized (LOCK) {
          if (WATCHED.isEmpty()) {
            thread = null;
            return;
          }
        }
        sampleAll();
      } catch (OutOfMemoryError heapFull) {
        // Expected: a cell can fill the shared heap (its memory is accounted, not isolated), and
        // this thread is what stops it. It carries on in place, since a new thread would need
        // the heap that is full, and reports the error once the heap allows.
        unreported = heapFull;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS));
    }
  }

  private static void sampleAll() {
    for (Watched run : WATCHED) {
      try {
        run.sample();
      } catch (RuntimeException unexpected) {
        RexecBugException bug =
            new RexecBugException("the watchdog could not sample a run", unexpected);
        LOG.log(Level.ERROR, "rexec bug: stopping a run whose limits cannot be sampled", bug);
        run.samplingFailed(bug);
        WATCHED.remove(run);
      }
    }
  }

  /** The watchdog thread ended with {@code error}: replaced first (it is needed), then logged. */
  private static void died(Thread dead, Throwable error) {
    boolean replaced;
    synchronized (LOCK) {
      if (thread == dead) {
        thread = null;
      }
      try {
        ensureRunning();
      } catch (Error noThread) {
        // The JVM may throw one preallocated OutOfMemoryError again: never suppress itself.
        if (noThread != error) {
          error.addSuppressed(noThread);
        }
      }
      replaced = thread != null;
    }
    LOG.log(
        Level.ERROR,
        replaced
            ? "the rexec watchdog thread failed; a new one replaced it"
            : "the rexec watchdog thread failed; the next run waiting starts a new one",
        error);
  }
}
