package org.rexec;

/** How a run of a cell ended. */
public enum RunStatus {
  /** {@code main} returned normally. */
  COMPLETED("completed"),
  /** The program called {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt}. */
  EXITED("exited"),
  /** An exception escaped {@code main}. */
  EXCEPTION("exception"),
  /** A class of the program was refused at load: see the violations. */
  REJECTED("rejected"),
  /** The run could not start: no such main class or method, or a malformed class file. */
  ERROR("error"),
  /** The run took longer than its wall time limit. */
  TIMEOUT("timeout"),
  /** The cell's threads used more CPU time than the limit. */
  CPU_LIMIT("cpu-limit"),
  /** The cell's threads allocated more than the limit, or the program ran out of heap. */
  MEMORY_LIMIT("memory-limit"),
  /** The program started more threads than the limit. */
  THREAD_LIMIT("thread-limit"),
  /** The program wrote more output than the limit; what it wrote up to the limit is kept. */
  OUTPUT_LIMIT("output-limit"),
  /** A thread of the program overflowed its stack. */
  STACK("stack"),
  /** The supervisor killed the run ({@code Cell.kill()}) or closed the cell during it. */
  KILLED("killed");

  private final String label;

  RunStatus(String label) {
    this.label = label;
  }

  /** The one-word name used by the CLI and in JSON, e.g. {@code completed}. */
  public String label() {
    return label;
  }
}
