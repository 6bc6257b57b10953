package org.rexec.cell;

import org.rexec.bug.RexecBugException;
import org.rexec.policy.Limits;
import org.rexec.text.Units;
import org.rexec.runtime.CellThreads;
import org.rexec.runtime.StopReason;
import org.rexec.runtime.control.CellControl;

/**
 * What one run may use and what it has used: the {@link Watchdog} samples it, and it stops the
 * cell when the run's wall time, CPU time or allocated bytes pass their limits.
 */
final class Budget implements Watchdog.Watched {

  private final CellControl cell;
  private final Limits limits;
  private final long startNanos = System.nanoTime();
  private volatile CellThreads.Usage used = new CellThreads.Usage(0, 0);

  Budget(CellControl cell) {
    this.cell = cell;
    this.limits = cell.context().limits();
  }

  /** Samples the run and stops the cell if a limit is passed; keeps a stopped run interrupted. */
  @Override
  public void sample() {
    if (cell.context().isStopped()) {
      // A thread that swallowed the interrupt and blocked again is interrupted again.
      cell.interruptThreads();
      return;
    }
    if (!cell.context().isActive()) {
      return;
    }
    CellThreads.Usage now = cell.usage();
    used = now;
    if (System.nanoTime() - startNanos > limits.wallTime().toNanos()) {
      cell.stop(
          StopReason.TIMEOUT,
          "the run took longer than " + Units.duration(limits.wallTime()) + " (wall time limit)");
    } else if (now.cpuNanos() > limits.cpuTime().toNanos()) {
      cell.stop(
          StopReason.CPU_LIMIT,
          "the run used more than " + Units.duration(limits.cpuTime()) + " of CPU time (CPU limit)");
    } else if (now.allocatedBytes() > limits.memoryBytes()) {
      cell.stop(
          StopReason.MEMORY_LIMIT,
          "the run allocated more than " + Units.bytes(limits.memoryBytes()) + " (memory limit)");
    }
  }

  @Override
  public void samplingFailed(RexecBugException bug) {
    cell.stop(
        StopReason.KILLED,
        "rexec could not enforce the run's limits (a bug of rexec): " + bug.getCause());
  }

  /** What the run used, sampled now. */
  CellThreads.Usage used() {
    CellThreads.Usage now = cell.usage();
    used = now;
    return now;
  }

  long elapsedNanos() {
    return System.nanoTime() - startNanos;
  }
}
