package org.rexec.runtime;

import org.rexec.fs.VisibleClasses;

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
  public String toString() {
    return VisibleClasses.toString(this);
  }

  @Override
  public void uncaughtException(Thread thread, Throwable thrown) {
    try {
      cell.stopOnLimitError(thrown);
      if (thrown instanceof CellTermination) {
        // The cell's own unwinding: nothing to tell, and the program never sees it.
        return;
      }
      if (programs != null) {
        programs.uncaughtException(thread, thrown);
        return;
      }
      // As the JVM does for a thread without a handler: its group's uncaughtException, which
      // may be a program's override, and otherwise passes it up to the cell's root group.
      ThreadGroup group = thread.getThreadGroup();
      if (cell.threadGroups().contains(group) && !cell.threadGroups().isRoot(group)) {
        group.uncaughtException(thread, thrown);
      } else {
        print(cell, thread, thrown);
      }
    } catch (Throwable failed) {
      handlerFailed(thread, failed);
    }
  }

  /**
   * What the cell's root group does with an exception that reaches it: the JVM's default
   * printing, on the cell's standard error.
   */
  static void printUncaught(CellContext cell, Thread thread, Throwable thrown) {
    cell.stopOnLimitError(thrown);
    if (!(thrown instanceof CellTermination)) {
      print(cell, thread, thrown);
    }
  }

  private static void print(CellContext cell, Thread thread, Throwable thrown) {
    cell.err().print(
        "Exception in thread \"" + thread.getName() + "\" " + ThrowableText.trace(thrown, cell));
  }

  /**
   * What the JVM does when a handler throws, done in the cell: the JVM would print a line on
   * its own standard error, where the cell must not write (and which would name the cell's
   * termination). Nothing escapes: a stack overflow or running out of heap here is the
   * cell's, and stops it.
   */
  private void handlerFailed(Thread thread, Throwable failed) {
    try {
      cell.stopOnLimitError(failed);
      if (!(failed instanceof CellTermination) && !cell.isJvmError(failed)) {
        cell.err()
            .print(
                "\nException: "
                    + VisibleClasses.name(failed.getClass())
                    + " thrown from the UncaughtExceptionHandler in thread \""
                    + thread.getName()
                    + "\"\n");
      }
    } catch (Throwable again) {
      // Printing failed (the cell stopped, or the heap ran out): nothing more to tell.
    }
  }
}
