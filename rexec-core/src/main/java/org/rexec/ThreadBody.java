package org.rexec;

import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import java.util.function.LongConsumer;

/**
 * The body of a cell's main thread: calls the program's entry point, then reports the thread's
 * CPU time.
 *
 * <p>Never loaded as an ordinary class: {@link HiddenThreadBody} defines these bytes as a hidden
 * class, and the JVM leaves frames of hidden classes (and of method handles) out of stack
 * traces. So a cell that prints a stack trace sees no frame of rexec below its {@code main}.
 */
final class ThreadBody implements Runnable {

  private final MethodHandle entry;
  private final LongConsumer cpuNanosAtEnd;

  /** @param entry a handle of type {@code ()void} */
  ThreadBody(MethodHandle entry, LongConsumer cpuNanosAtEnd) {
    this.entry = entry;
    this.cpuNanosAtEnd = cpuNanosAtEnd;
  }

  @Override
  public void run() {
    try {
      entry.invokeExact();
    } catch (Throwable thrown) {
      // Rethrown unchanged, checked or not, for the thread's uncaught-exception handler.
      throw ThreadBody.<RuntimeException>sneaky(thrown);
    } finally {
      cpuNanosAtEnd.accept(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable thrown) throws T {
    throw (T) thrown;
  }
}
