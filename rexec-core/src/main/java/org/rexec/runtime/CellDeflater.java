package org.rexec.runtime;

import java.lang.ref.Cleaner;
import java.util.zip.Deflater;
import org.rexec.fs.VisibleClasses;

/**
 * The cell's {@code Deflater}: counted among the cell's {@link NativeCompressors} from its
 * construction until {@code end()} or until it is unreachable.
 */
@Substitutes(Deflater.class)
public class CellDeflater extends Deflater {

  private final Cleaner.Cleanable reservation;

  public CellDeflater(CellContext cell) {
    this(DEFAULT_COMPRESSION, false, cell);
  }

  public CellDeflater(int level, CellContext cell) {
    this(level, false, cell);
  }

  public CellDeflater(int level, boolean nowrap, CellContext cell) {
    super(reserved(level, cell), nowrap);
    this.reservation = cell.compressors().track(this);
  }

  /** Counts the deflater before the JDK allocates its native memory. */
  private static int reserved(int level, CellContext cell) {
    Guards.check(cell);
    // A level the JDK refuses allocates nothing: its IllegalArgumentException, nothing reserved.
    if (level >= DEFAULT_COMPRESSION && level <= BEST_COMPRESSION) {
      cell.compressors().reserve("java.util.zip.Deflater");
    }
    return level;
  }

  @Override
  public void end() {
    jdkEnd();
  }

  /** {@code Deflater.end()} of the JDK, whatever a subclass overrides. */
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
