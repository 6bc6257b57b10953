package org.rexec.runtime;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * A worker of one of the cell's fork/join pools: counted against the thread limit when the pool
 * makes it, and reports what it used as it ends. Its stack is the JVM's default: a fork/join
 * worker cannot be given another.
 */
final class CellWorkerThread extends ForkJoinWorkerThread {

  private final CellContext cell;

  private CellWorkerThread(ForkJoinPool pool, CellContext cell) {
    super(pool);
    this.cell = cell;
  }

  /** The cell's factory of workers: each is admitted, or the cell is stopped. */
  static ForkJoinPool.ForkJoinWorkerThreadFactory factory(CellContext cell) {
    return pool -> {
      CellWorkerThread worker = new CellWorkerThread(pool, cell);
      cell.threads().admit(worker);
      return worker;
    };
  }

  @Override
  protected void onTermination(Throwable exception) {
    try {
      cell.stopOnLimitError(exception);
      super.onTermination(exception);
    } finally {
      cell.threads().ended();
    }
  }
}
