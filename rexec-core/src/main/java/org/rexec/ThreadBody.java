package org.rexec;

import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;

/**
 * The body of a thread the cell runs: calls an entry point (the program's {@code main}, a
 * shutdown hook's {@code run}), then reports how it ended and the thread's CPU time, still on
 * the thread, before the exception (if any) reaches the thread's uncaught-exception handler.
 *
 * <p>Never loaded as an ordinary class: {@link HiddenThreadBody} defines these bytes as a hidden
 * class, and the JVM leaves frames of hidden classes (and of method handles) out of stack
 * traces. So a cell that prints a stack trace sees no frame of rexec below its {@code main}.
 */
final class ThreadBody implements Runnable {

  private final MethodHandle entry;
  private final ThreadEnd end;

  /** @param entry a handle of type {@code ()void} */
  ThreadBody(MethodHandle entry, ThreadEnd end) {
    this.entry = entry;
    this.end = end;
  }

  @Override
  public void run() {
    Throwable thrown = null;
    try {
      entry.invokeExact();
    } catch (Throwable escaped) {
      thrown = escaped;
      // Rethrown unchanged, checked or not, for the thread's uncaught-exception handler.
      throw ThreadBody.<RuntimeException>sneaky(escaped);
    } finally {
      end.ended(thrown, ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable thrown) throws T {
    throw (T) thrown;
  }
}
