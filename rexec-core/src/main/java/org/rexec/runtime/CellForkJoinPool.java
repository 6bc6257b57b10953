package org.rexec.runtime;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.rexec.fs.VisibleClasses;

/**
 * The cell's {@code ForkJoinPool}: its workers are the cell's ({@link CellWorkerThread}), and
 * it is shut down when the run ends. Also the cell's stand-in for the JVM's common pool, which
 * cell code never reaches. The constructors taking a program's worker factory are refused.
 */
@Substitutes(ForkJoinPool.class)
public class CellForkJoinPool extends ForkJoinPool {

  public CellForkJoinPool(CellContext cell) {
    this(defaultParallelism(cell), cell);
  }

  public CellForkJoinPool(int parallelism, CellContext cell) {
    this(parallelism, false, cell);
  }

  /**
   * A pool of at most {@code parallelism} workers: a worker blocked in a join is not replaced
   * by a spare thread beyond them, which would count against the thread limit.
   */
  CellForkJoinPool(int parallelism, boolean asyncMode, CellContext cell) {
    super(
        parallelism,
        CellWorkerThread.factory(cell),
        new CellUncaughtHandler(cell, null),
        asyncMode,
        0,
        parallelism,
        1,
        pool -> true,
        60,
        TimeUnit.SECONDS);
    cell.threads().atRunEnd(this::terminate);
  }

  /** The processors, but no more than the threads the cell may start (and at least one). */
  static int defaultParallelism(CellContext cell) {
    return Math.max(
        1, Math.min(Runtime.getRuntime().availableProcessors(), cell.limits().threads()));
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
