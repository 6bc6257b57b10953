package org.rexec.runtime;

/**
 * What ends a thread of the cell (a {@link CellThread}, a worker of a {@link CellForkJoinPool}):
 * stops the cell if it is a limit error, then goes to the program's handler, or is printed on
 * the cell's standard error as the JVM's default handler would print it on the JVM's, within
 * the bounds of {@link ThrowableText}. Without it, the JVM's default would print the program's
 * exception on the supervisor's own standard error, unbounded.
 */
final class CellUncaughtHandler implements Thread.UncaughtExceptionHandler {
  private final CellContext cell;
  private final Thread.UncaughtExceptionHandler programs;

  /** @param programs the handler the program set, or {@code null} */
  CellUncaughtHandler(CellContext cell, Thread.UncaughtExceptionHandler programs) {
    this.cell = cell;
    this.programs = programs;
  }

  @Override
  public void uncaughtException(Thread thread, Throwable thrown) {
    cell.stopOnLimitError(thrown);
    if (programs != null) {
      programs.uncaughtException(thread, thrown);
    } else if (!(thrown instanceof CellTermination)) {
      cell.err().print(
          "Exception in thread \"" + thread.getName() + "\" " + ThrowableText.trace(thrown, cell));
    }
  }
}
