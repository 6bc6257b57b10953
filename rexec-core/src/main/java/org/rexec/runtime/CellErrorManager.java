package org.rexec.runtime;

import java.util.logging.ErrorManager;
import org.rexec.fs.VisibleClasses;

/**
 * The cell's {@code ErrorManager}: reports a handler's first failure on the cell's standard
 * error, as the JDK's does on the JVM's (where the cell must not write). Every handler of the
 * cell has one (see {@link CellHandler}), and {@code new ErrorManager()} makes one.
 */
@Substitutes(ErrorManager.class)
public class CellErrorManager extends ErrorManager {

  private final CellContext cell;
  private boolean reported;

  public CellErrorManager(CellContext cell) {
    this.cell = cell;
  }

  @Override
  public synchronized void error(String message, Exception exception, int code) {
    if (reported) {
      return;
    }
    reported = true;
    StringBuilder text = new StringBuilder("java.util.logging.ErrorManager: ").append(code);
    if (message != null) {
      text.append(": ").append(message);
    }
    text.append(System.lineSeparator());
    if (exception != null) {
      text.append(ThrowableText.trace(exception, cell));
    }
    cell.err().print(text);
  }

  /** As the JDK's {@code toString}, with the JDK's class name in place of rexec's. */
  @Override
  public String toString() {
    return VisibleClasses.shown(this, super.toString());
  }
}
