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
  ERROR("error");

  private final String label;

  RunStatus(String label) {
    this.label = label;
  }

  /** The one-word name used by the CLI and in JSON, e.g. {@code completed}. */
  public String label() {
    return label;
  }
}
