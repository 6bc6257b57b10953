package org.rexec.runtime;

import java.lang.ref.Cleaner;
import java.util.zip.Inflater;
import org.rexec.fs.VisibleClasses;

/**
 * The cell's {@code Inflater}: counted among the cell's {@link NativeCompressors} from its
 * construction until {@code end()} or until it is unreachable.
 */
@Substitutes(Inflater.class)
public class CellInflater extends Inflater {

  private final Cleaner.Cleanable reservation;

  public CellInflater(CellContext cell) {
    this(false, cell);
  }

  public CellInflater(boolean nowrap, CellContext cell) {
    super(reserved(nowrap, cell));
    this.reservation = cell.compressors().track(this);
  }

  /** Counts the inflater before the JDK allocates its native memory. */
  private static boolean reserved(boolean nowrap, CellContext cell) {
    Guards.check(cell);
    cell.compressors().reserve("java.util.zip.Inflater");
    return nowrap;
  }

  @Override
  public void end() {
    jdkEnd();
  }

  /** {@code Inflater.end()} of the JDK, whatever a subclass overrides. */
  final void jdkEnd() {
    try {
      super.end();
    } finally {
      reservation.clean();
    }
  }

  /** As the JDK's {@code toString}, with the JDK's class name in place of rexec's. */
  @Override
  public String toString() {
    return VisibleClasses.shown(this, super.toString());
  }
}
