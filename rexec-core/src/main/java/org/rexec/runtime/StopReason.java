package org.rexec.runtime;

/** Why a cell was stopped for good. */
public enum StopReason {
  /** The supervisor called {@code Cell.kill()}. */
  KILLED,
  /** The run took more wall time than its limit. */
  TIMEOUT,
  /** The cell's threads used more CPU time than the limit. */
  CPU_LIMIT,
  /** The cell's threads allocated more than the limit, or the heap ran out. */
  MEMORY_LIMIT,
  /** The cell started more threads than the limit. */
  THREAD_LIMIT,
  /** The cell wrote more output than the limit. */
  OUTPUT_LIMIT,
  /** A thread of the cell overflowed its stack. */
  STACK,
  /** The supervisor closed the cell. */
  CLOSED
}
