package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;

import java.io.IOError;
import java.io.IOException;
import java.io.PrintStream;
import org.rexec.fs.StackTraces;

/**
 * The cell's {@code java.lang.IO} (Java 25): the JDK's writes to the JVM's own
 * {@code System.out}; the cell's writes to the cell's.
 */
public final class ConsoleIoShim {

  private static final String IO = "java/lang/IO";

  private ConsoleIoShim() {}

  @Interposes(ownerName = IO, kind = STATIC_METHOD)
  public static void println(Object value, CellContext cell) {
    PrintStream out = cell.out();
    out.println(value);
    out.flush();
  }

  @Interposes(ownerName = IO, kind = STATIC_METHOD)
  public static void println(CellContext cell) {
    PrintStream out = cell.out();
    out.println();
    out.flush();
  }

  @Interposes(ownerName = IO, kind = STATIC_METHOD)
  public static void print(Object value, CellContext cell) {
    PrintStream out = cell.out();
    out.print(value);
    out.flush();
  }

  @Interposes(ownerName = IO, kind = STATIC_METHOD)
  public static String readln(CellContext cell) {
    try {
      return cell.lineReader().readLine();
    } catch (IOException e) {
      throw StackTraces.forCell(new IOError(e));
    }
  }

  @Interposes(ownerName = IO, kind = STATIC_METHOD)
  public static String readln(String prompt, CellContext cell) {
    print(prompt, cell);
    return readln(cell);
  }
}
