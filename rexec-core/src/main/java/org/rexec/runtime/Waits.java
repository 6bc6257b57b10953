package org.rexec.runtime;

/**
 * Waiting as the JDK's uninterruptible waits do, except that a kill ends the wait: an interrupt
 * runs {@code onInterrupt} (which throws to end the wait) and is otherwise kept for later.
 */
public final class Waits {

  private Waits() {}

  /** A wait that an interrupt ends. */
  public interface Wait<T> {
    T await() throws InterruptedException;
  }

  /** Waits until {@code wait} returns; after an interrupt, {@code onInterrupt} may throw. */
  public static <T> T uninterruptibly(Wait<T> wait, Runnable onInterrupt) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return wait.await();
        } catch (InterruptedException e) {
          interrupted = true;
          onInterrupt.run();
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** As {@link #uninterruptibly(Wait, Runnable)}, ended by a kill check of {@code cell}. */
  public static <T> T uninterruptibly(Wait<T> wait, CellContext cell) {
    return uninterruptibly(wait, () -> Guards.check(cell));
  }
}
