package org.rexec.runtime;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.rexec.fs.VisibleClasses;

/**
 * The cell's {@code ThreadPoolExecutor}: without a factory of the program's, its threads come
 * from the cell's; and it is shut down when the run ends, so that no idle worker outlives it.
 */
@Substitutes(ThreadPoolExecutor.class)
public class CellThreadPoolExecutor extends ThreadPoolExecutor {

  public CellThreadPoolExecutor(
      int core,
      int max,
      long keepAlive,
      TimeUnit unit,
      BlockingQueue<Runnable> queue,
      CellContext cell) {
    this(core, max, keepAlive, unit, queue, new CellThreadFactory(cell), cell);
  }

  public CellThreadPoolExecutor(
      int core,
      int max,
      long keepAlive,
      TimeUnit unit,
      BlockingQueue<Runnable> queue,
      ThreadFactory factory,
      CellContext cell) {
    super(core, max, keepAlive, unit, queue, CellThreadFactory.admitting(factory, cell));
    cell.threads().atRunEnd(this::terminate);
  }

  public CellThreadPoolExecutor(
      int core,
      int max,
      long keepAlive,
      TimeUnit unit,
      BlockingQueue<Runnable> queue,
      RejectedExecutionHandler handler,
      CellContext cell) {
    this(core, max, keepAlive, unit, queue, new CellThreadFactory(cell), handler, cell);
  }

  public CellThreadPoolExecutor(
      int core,
      int max,
      long keepAlive,
      TimeUnit unit,
      BlockingQueue<Runnable> queue,
      ThreadFactory factory,
      RejectedExecutionHandler handler,
      CellContext cell) {
    super(core, max, keepAlive, unit, queue, CellThreadFactory.admitting(factory, cell), handler);
    cell.threads().atRunEnd(this::terminate);
  }

  /** The JDK's shutdownNow, whatever a subclass of the program's overrides. */
  private void terminate() {
    super.shutdownNow();
  }

  /** As the JDK's, naming the JDK class this stands for (see {@link VisibleClasses}). */
  @Override
  public String toString() {
    return VisibleClasses.shown(this, super.toString());
  }
}
