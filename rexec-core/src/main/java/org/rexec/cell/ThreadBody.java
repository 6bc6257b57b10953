package org.rexec.cell;

import java.lang.invoke.MethodHandle;

/**
 * A thread of a cell: calls an entry point (the program's {@code main}, a shutdown hook's
 * {@code run}), then reports how it ended, still on the thread and before the exception (if
 * any) reaches the thread's uncaught-exception handler.
 *
 * <p>Never loaded as an ordinary class: {@link HiddenThreadBody} defines these bytes as a hidden
 * class, and the JVM leaves frames of hidden classes (and of method handles) out of stack
 * traces. As it overrides {@code run()}, not even {@code Thread.run} is on its stack: the stack
 * of a cell's main thread ends at {@code main}, as the java launcher's does, and no frame of
 * rexec is ever visible to cell code.
 */
final class ThreadBody extends Thread {

  private final MethodHandle entry;
  private final ThreadEnd end;

  /** @param entry a handle of type {@code ()void} */
  ThreadBody(ThreadGroup group, String name, long stackSize, MethodHandle entry, ThreadEnd end) {
    super(group, null, name, stackSize);
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
      end.ended(thrown);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable thrown) throws T {
    throw (T) thrown;
  }
}
