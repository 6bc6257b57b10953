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
  /** Whether the body began; read and written on this thread only. */
  private boolean began;

  /** @param entry a handle of type {@code ()void} */
  ThreadBody(ThreadGroup group, String name, long stackSize, MethodHandle entry, ThreadEnd end) {
    super(group, null, name, stackSize);
    this.entry = entry;
    this.end = end;
  }

  /**
   * The body, once, when the JVM starts the thread. The program holds this thread ({@code
   * Thread.currentThread()}) and may call {@code run()} itself, on it or on another thread: then
   * it does what {@code Thread.run()} does for a thread without a task, as the java launcher's
   * main thread is. The entry must not run again, nor the run be told a second time that it
   * ended (which would record an exception the program caught as the run's ending).
   */
  @Override
  public void run() {
    if (Thread.currentThread() != this || began) {
      return;
    }
    began = true;
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
