package org.rexec.runtime;

import java.io.OutputStream;
import java.util.logging.Formatter;
import java.util.logging.StreamHandler;
import org.rexec.fs.VisibleClasses;

/**
 * The cell's {@code StreamHandler}: the JDK's, writing to a stream of the cell's, with its
 * failures reported on the cell's standard error ({@link CellErrorManager}).
 */
@Substitutes(StreamHandler.class)
public class CellStreamHandler extends StreamHandler {

  public CellStreamHandler(CellContext cell) {
    setErrorManager(new CellErrorManager(cell));
  }

  public CellStreamHandler(OutputStream out, Formatter formatter, CellContext cell) {
    super(out, formatter);
    setErrorManager(new CellErrorManager(cell));
  }

  /** As the JDK's {@code toString}, with the JDK's class name in place of rexec's. */
  @Override
  public String toString() {
    return VisibleClasses.shown(this, super.toString());
  }
}
