package org.rexec;

import org.rexec.cell.RunOutcome;
import org.rexec.runtime.StopReason;

/** How a run of a cell ended. */
public enum RunStatus {
  /** {@code main} returned normally. */
  COMPLETED("completed", 0),
  /** The program called {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt}. */
  EXITED("exited", 0),
  /** An exception escaped {@code main}. */
  EXCEPTION("exception", RunResult.EXIT_EXCEPTION),
  /** A class of the program was refused at load: see the violations. */
  REJECTED("rejected", RunResult.EXIT_REJECTED),
  /** The run could not start: no such main class or method, or a malformed class file. */
  ERROR("error", RunResult.EXIT_ERROR),
  /** The run took longer than its wall time limit. */
  TIMEOUT("timeout", RunResult.EXIT_TIMEOUT),
  /** The cell's threads used more CPU time than the limit. */
  CPU_LIMIT("cpu-limit", RunResult.EXIT_TIMEOUT),
  /** The cell's threads allocated more than the limit, or the program ran out of heap. */
  MEMORY_LIMIT("memory-limit", RunResult.EXIT_MEMORY_LIMIT),
  /** The program started more threads than the limit. */
  THREAD_LIMIT("thread-limit", RunResult.EXIT_THREAD_LIMIT),
  /** The program wrote more output than the limit; what it wrote up to the limit is kept. */
  OUTPUT_LIMIT("output-limit", RunResult.EXIT_OUTPUT_LIMIT),
  /** A thread of the program overflowed its stack. */
  STACK("stack", RunResult.EXIT_STACK),
  /** The supervisor killed the run ({@code Cell.kill()}) or closed the cell during it. */
  KILLED("killed", RunResult.EXIT_KILLED);

  private final String label;
  private final int exitCode;

  RunStatus(String label, int exitCode) {
    this.label = label;
    this.exitCode = exitCode;
  }

  /**
   * The status of a run that ended so: the one mapping from how the machinery saw a run end to
   * statuses. The switches are exhaustive, so a new ending or reason does not compile until it
   * is mapped here.
   */
  static RunStatus of(RunOutcome outcome) {
    return switch (outcome.ending()) {
      case COMPLETED -> COMPLETED;
      case EXITED -> EXITED;
      case THREW -> EXCEPTION;
      case REJECTED -> REJECTED;
      case ERROR -> ERROR;
      case STOPPED -> after(outcome.stopReason());
    };
  }

  /**
   * How a run that was stopped ended: the one mapping from the runtime's reasons to statuses.
   * The switch is exhaustive, so a new reason does not compile until it is mapped here.
   */
  static RunStatus after(StopReason reason) {
    return switch (reason) {
      case TIMEOUT -> TIMEOUT;
      case CPU_LIMIT -> CPU_LIMIT;
      case MEMORY_LIMIT -> MEMORY_LIMIT;
      case THREAD_LIMIT -> THREAD_LIMIT;
      case OUTPUT_LIMIT -> OUTPUT_LIMIT;
      case STACK -> STACK;
      case KILLED, CLOSED -> KILLED;
    };
  }

  /**
   * The exit code of a run that ended so (see {@link RunResult#exitCode()}); for {@link #EXITED}
   * the program's own status replaces it.
   */
  int exitCode() {
    return exitCode;
  }

  /**
   * The one-word name used by the CLI and in JSON, e.g. {@code completed}.
   *
   * @return the label: lower case, words joined by {@code -}
   */
  public String label() {
    return label;
  }
}
