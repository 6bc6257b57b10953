package org.rexec.cell;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.rexec.bug.RexecBugException;
import org.rexec.runtime.CellContext;
import org.rexec.runtime.Guards;
import org.rexec.runtime.Waits;

/**
 * The supervisor's threads for work a cell thread must not do itself: rewriting a class (which
 * touches the JVM-wide rewrite cache) and initializing the JDK classes it names. A cell thread
 * may be at the edge of its stack; a stack overflow there could leave shared state half-changed
 * or a JDK class unusable in the whole JVM. These threads have a full stack of their own.
 */
final class LoaderThreads {

  private static final long STACK_BYTES = 4L << 20;
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          task -> {
            // Made on a cell thread's call: inherits nothing of it, so it holds no cell.
            Thread thread =
                new Thread(
                    null, task, "rexec-loader-" + NAMES.incrementAndGet(), STACK_BYTES, false);
            thread.setContextClassLoader(LoaderThreads.class.getClassLoader());
            thread.setDaemon(true);
            return thread;
          });

  /** JDK classes already initialized: initialization happens once per JVM anyway. */
  private static final Set<String> INITIALIZED = ConcurrentHashMap.newKeySet();

  private LoaderThreads() {}

  /**
   * Runs {@code work} on a loader thread and waits for it. The wait ends early only when the
   * cell is stopped, at a guard; another interrupt is kept for later.
   */
  static <T> T call(Callable<T> work, CellContext cell) {
    Future<T> result = POOL.submit(work);
    return Waits.uninterruptibly(
        () -> outcome(result),
        () -> {
          if (cell.isStopped()) {
            result.cancel(false);
            Guards.check(cell);
          }
        });
  }

  /** What {@code work} returned or threw. */
  private static <T> T outcome(Future<T> result) throws InterruptedException {
    try {
      return result.get();
    } catch (ExecutionException failed) {
      Throwable cause = failed.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new RexecBugException("loader-thread work threw a checked exception", cause);
    }
  }

  /**
   * Initializes one JDK class for a cell thread, on a loader thread unless done already: the
   * cell's {@code Class.forName} may name a class its code never did, at any depth of its stack.
   */
  static void initializeFor(String jdkClass, CellContext cell) {
    if (!INITIALIZED.contains(jdkClass)) {
      call(
          () -> {
            initialize(Set.of(jdkClass));
            return null;
          },
          cell);
    }
  }

  /** Initializes the JDK classes named, each once per JVM; one that fails stays as the JDK left it. */
  static void initialize(Iterable<String> jdkClasses) {
    for (String name : jdkClasses) {
      if (INITIALIZED.add(name)) {
        try {
          Class.forName(name, true, ClassLoader.getPlatformClassLoader());
        } catch (ClassNotFoundException | LinkageError unusable) {
          // The cell gets the same error when it uses the class.
        }
      }
    }
  }
}
