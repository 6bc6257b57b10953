package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.SPECIAL_METHOD;
import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;
import static org.rexec.runtime.Interposes.Kind.VIRTUAL_METHOD;
import java.io.PrintStream;
import org.rexec.fs.StackTraces;

/** Stack traces printed "to System.err" go to the cell's {@code System.err}. */
public final class ThrowableShim {

  private ThrowableShim() {}

  /**
   * {@code t.printStackTrace()}: reaches a cell's override, else prints to the cell's err,
   * bounded as {@link ThrowableText} says.
   */
  @Interposes(owner = Throwable.class, kind = VIRTUAL_METHOD)
  public static void printStackTrace(Throwable thrown, CellContext cell) {
    Receivers.require(thrown);
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

  @Interposes(owner = Thread.class, kind = STATIC_METHOD)
  public static void dumpStack(CellContext cell) {
    StackTraces.forCell(new Exception("Stack trace")).printStackTrace(cell.err());
  }
}
