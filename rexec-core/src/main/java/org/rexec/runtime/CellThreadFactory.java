package org.rexec.runtime;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.rexec.fs.VisibleClasses;

/**
 * The cell's default thread factory, where the JDK's would be used: makes {@link CellThread}s
 * named as the JDK names pool threads ({@code pool-1-thread-1}), numbered per cell. Each
 * thread is admitted as it is made: since JDK 21 pools start their threads without calling
 * {@code Thread.start()}.
 */
final class CellThreadFactory implements ThreadFactory {

  private final CellContext cell;
  private final String prefix;
  private final AtomicInteger threads = new AtomicInteger();

  CellThreadFactory(CellContext cell) {
    this.cell = cell;
    this.prefix = "pool-" + cell.threads().nextPoolNumber() + "-thread-";
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new CellThread(null, task, prefix + threads.incrementAndGet(), 0, cell);
    cell.threads().admit(thread);
    return thread;
  }

  /** A program's factory whose threads are admitted as they are made, for a pool's use. */
  static ThreadFactory admitting(ThreadFactory programs, CellContext cell) {
    return new Admitting(programs, cell);
  }

  /** See {@link #admitting}; a class, not a lambda, so that it can be shown as the JDK's. */
  private static final class Admitting implements ThreadFactory {
    private final ThreadFactory programs;
    private final CellContext cell;

    Admitting(ThreadFactory programs, CellContext cell) {
      this.programs = programs;
      this.cell = cell;
    }

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = programs.newThread(task);
      if (thread != null) {
        cell.threads().admit(thread);
      }
      return thread;
    }

    @Override
    public String toString() {
      return VisibleClasses.toString(this);
    }
  }

  /** As {@code Object.toString()} names it on a plain JVM (see {@link VisibleClasses}). */
  @Override
  public String toString() {
    return VisibleClasses.toString(this);
  }
}
