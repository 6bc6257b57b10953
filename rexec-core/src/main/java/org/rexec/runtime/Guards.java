package org.rexec.runtime;

import org.rexec.fs.StackTraces;
/**
 * The checks the rewriter plants in cell code. Each takes the calling class's
 * {@link CellContext}, which that class holds as a constant.
 */
public final class Guards {

  private Guards() {}

  /**
   * The kill check, at every method entry and loop back-edge: one volatile read on the hot path.
   */
  public static void check(CellContext cell) {
    if (cell.state != CellContext.RUNNING) {
      cell.checkRunning();
    }
  }

  /**
   * The handler guard, at the start of every exception handler: rethrows what cell code must not
   * catch (the cell's own termination, also when JDK code wrapped it, and the JVM's errors), then
   * does the kill check, so a loop through a handler is a loop through a guard. A stack overflow
   * or running out of heap stops the cell: the run ends with that limit.
   */
  public static void caught(Throwable thrown, CellContext cell) {
    if (thrown instanceof VirtualMachineError) {
      cell.stopOnLimitError(thrown);
      throw (VirtualMachineError) thrown;
    }
    CellTermination termination = CellTermination.findIn(thrown);
    if (termination != null) {
      throw termination;
    }
    check(cell);
  }

  /**
   * A refused reference: records the violation and throws. Planted in front of the refused
   * instruction, which therefore never executes.
   *
   * @param encodedSite the {@linkplain RefusalSite#encode() encoded} site
   */
  public static void refused(String encodedSite, CellContext cell) {
    check(cell);
    RefusalSite site = RefusalSite.decode(encodedSite);
    cell.host().refused(site);
    throw StackTraces.forCell(new SecurityException(site.message()));
  }

  /**
   * The monitor guard, before {@code monitorenter}: the object to lock instead of {@code
   * object}, a private stand-in if the cell does not own it (see {@link StandIns}).
   */
  public static Object monitor(Object object, CellContext cell) {
    if (object == null) {
      throw new NullPointerException();
    }
    return cell.monitorOf(object);
  }
}
