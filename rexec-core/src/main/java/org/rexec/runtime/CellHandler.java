package org.rexec.runtime;

import java.util.logging.Handler;
import org.rexec.fs.VisibleClasses;

/**
 * What a cell's {@code class MyHandler extends Handler} extends: a handler whose failures are
 * reported on the cell's standard error ({@link CellErrorManager}), not by the JDK's error
 * manager, which prints on the JVM's.
 */
@Substitutes(Handler.class)
public abstract class CellHandler extends Handler {

  public CellHandler(CellContext cell) {
    setErrorManager(new CellErrorManager(cell));
  }

  /** As the JDK's {@code toString}, with the JDK's class name in place of rexec's. */
  @Override
  public String toString() {
    return VisibleClasses.shown(this, super.toString());
  }
}
