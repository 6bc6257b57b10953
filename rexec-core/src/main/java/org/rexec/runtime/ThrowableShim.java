package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.SPECIAL_METHOD;
import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;
import static org.rexec.runtime.Interposes.Kind.VIRTUAL_METHOD;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.rexec.fs.StackTraces;

/** Stack traces printed "to System.err" go to the cell's {@code System.err}. */
public final class ThrowableShim {

  private ThrowableShim() {}

  // Every way cell code reads a trace first drops rexec's frames from it, its causes and its
  // suppressed exceptions: the JDK may have thrown it through a shim (a NullPointerException of
  // an argument check, an IOException of the file system).

  /**
   * {@code t.printStackTrace()}: reaches a cell's override, else prints to the cell's err,
   * bounded as {@link ThrowableText} says.
   */
  @Interposes(owner = Throwable.class, kind = VIRTUAL_METHOD)
  public static void printStackTrace(Throwable thrown, CellContext cell) {
    StackTraces.forCellWhole(Receivers.require(thrown));
    if (Receivers.overriddenOutsideJdk(thrown, Throwable.class, "printStackTrace")) {
      thrown.printStackTrace();
    } else {
      printStackTraceSpecial(thrown, cell);
    }
  }

  /** {@code super.printStackTrace()}: what {@code Throwable}'s own method does, on cell err. */
  @Interposes(owner = Throwable.class, member = "printStackTrace", kind = SPECIAL_METHOD)
  public static void printStackTraceSpecial(Throwable thrown, CellContext cell) {
    if (Receivers.overriddenOutsideJdk(
        thrown, Throwable.class, "printStackTrace", PrintStream.class)) {
      // The JDK's method calls this one, which the program overrides.
      thrown.printStackTrace(cell.err());
    } else {
      cell.err().print(ThrowableText.trace(thrown, cell));
      // The description may have seen the run end (an exit in the program's toString()).
      Guards.check(cell);
    }
  }

  @Interposes(owner = Throwable.class, member = "printStackTrace", kind = VIRTUAL_METHOD)
  public static void printStackTraceTo(Throwable thrown, PrintStream stream, CellContext cell) {
    StackTraces.forCellWhole(Receivers.require(thrown)).printStackTrace(stream);
  }

  @Interposes(owner = Throwable.class, member = "printStackTrace", kind = VIRTUAL_METHOD)
  public static void printStackTraceToWriter(
      Throwable thrown, PrintWriter writer, CellContext cell) {
    StackTraces.forCellWhole(Receivers.require(thrown)).printStackTrace(writer);
  }

  @Interposes(owner = Throwable.class, kind = VIRTUAL_METHOD)
  public static StackTraceElement[] getStackTrace(Throwable thrown, CellContext cell) {
    return StackTraces.forCellWhole(Receivers.require(thrown)).getStackTrace();
  }

  @Interposes(owner = Thread.class, kind = STATIC_METHOD)
  public static void dumpStack(CellContext cell) {
    StackTraces.forCell(new Exception("Stack trace")).printStackTrace(cell.err());
  }
}
