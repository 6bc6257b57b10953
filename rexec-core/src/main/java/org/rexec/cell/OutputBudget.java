package org.rexec.cell;

import org.rexec.text.Units;
import org.rexec.runtime.StopReason;
import org.rexec.runtime.control.CellControl;

/**
 * The bytes a run may still write to its standard output and error together. Past the limit,
 * output is cut and the cell is stopped; the writer is not thrown at here (it may be JDK code
 * holding a lock), its next guard throws.
 */
final class OutputBudget {

  private final CellControl cell;
  private final long limit;
  // Guarded by this.
  private long used;
  // Guarded by this.
  private boolean closed;
  private volatile boolean truncated;

  OutputBudget(CellControl cell) {
    this.cell = cell;
    this.limit = cell.context().limits().outputBytes();
  }

  /**
   * How many of {@code length} bytes may be written; stops the cell if not all. None once the
   * run has ended: a stream of the run kept by the program is written to by no later run.
   */
  int take(int length) {
    int allowed;
    synchronized (this) {
      if (closed) {
        return 0;
      }
      allowed = (int) Math.min(length, limit - used);
      used += allowed;
    }
    if (allowed < length) {
      truncated = true;
      cell.stop(
          StopReason.OUTPUT_LIMIT,
          "the run wrote more than " + Units.bytes(limit) + " of output (output limit)");
    }
    return allowed;
  }

  /** Ends the run's output: nothing more is written, and writing stops nothing. */
  synchronized void close() {
    closed = true;
  }

  /** Whether output was cut at the limit. */
  boolean truncated() {
    return truncated;
  }
}
