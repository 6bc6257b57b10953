package org.rexec.runtime;

import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import org.rexec.fs.VisibleClasses;

/** The cell's {@code ScheduledThreadPoolExecutor}: see {@link CellThreadPoolExecutor}. */
@Substitutes(ScheduledThreadPoolExecutor.class)
public class CellScheduledThreadPoolExecutor extends ScheduledThreadPoolExecutor {

  public CellScheduledThreadPoolExecutor(int core, CellContext cell) {
    this(core, new CellThreadFactory(cell), cell);
  }

  public CellScheduledThreadPoolExecutor(int core, ThreadFactory factory, CellContext cell) {
    super(core, CellThreadFactory.admitting(factory, cell));
    cell.threads().atRunEnd(this::terminate);
  }

  public CellScheduledThreadPoolExecutor(
      int core, RejectedExecutionHandler handler, CellContext cell) {
    this(core, new CellThreadFactory(cell), handler, cell);
  }

  public CellScheduledThreadPoolExecutor(
      int core, ThreadFactory factory, RejectedExecutionHandler handler, CellContext cell) {
    super(core, CellThreadFactory.admitting(factory, cell), handler);
    cell.threads().atRunEnd(this::terminate);
  }

  private void terminate() {
    super.shutdownNow();
  }

  /** As the JDK's, naming the JDK class this stands for (see {@link VisibleClasses}). */
  @Override
  public String toString() {
    return VisibleClasses.shown(this, super.toString());
  }
}
