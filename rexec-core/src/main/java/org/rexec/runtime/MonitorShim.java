package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;
import static org.rexec.runtime.Interposes.Kind.VIRTUAL_METHOD;

/**
 * The waits and notifications of monitors, on the monitor the cell locks for an object (see
 * {@link StandIns}), so they pair with the cell's {@code synchronized} blocks.
 */
public final class MonitorShim {

  private MonitorShim() {}

  @Interposes(owner = Object.class, kind = VIRTUAL_METHOD)
  public static void wait(Object object, CellContext cell) throws InterruptedException {
    cell.monitorOf(object).wait();
  }

  @Interposes(owner = Object.class, member = "wait", kind = VIRTUAL_METHOD)
  public static void waitMillis(Object object, long millis, CellContext cell)
      throws InterruptedException {
    cell.monitorOf(object).wait(millis);
  }

  @Interposes(owner = Object.class, member = "wait", kind = VIRTUAL_METHOD)
  public static void waitNanos(Object object, long millis, int nanos, CellContext cell)
      throws InterruptedException {
    cell.monitorOf(object).wait(millis, nanos);
  }

  @Interposes(owner = Object.class, kind = VIRTUAL_METHOD)
  public static void notify(Object object, CellContext cell) {
    cell.monitorOf(object).notify();
  }

  @Interposes(owner = Object.class, kind = VIRTUAL_METHOD)
  public static void notifyAll(Object object, CellContext cell) {
    cell.monitorOf(object).notifyAll();
  }

  @Interposes(owner = Thread.class, kind = STATIC_METHOD)
  public static boolean holdsLock(Object object, CellContext cell) {
    return Thread.holdsLock(cell.monitorOf(object));
  }
}
