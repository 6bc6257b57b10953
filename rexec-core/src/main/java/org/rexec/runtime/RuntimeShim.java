package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.VIRTUAL_METHOD;

/**
 * The cell's {@code java.lang.Runtime}: exit and halt end the cell's run, never the JVM;
 * shutdown hooks belong to the cell. ({@code Runtime} cannot be subclassed, so no call needs
 * dynamic dispatch.)
 */
public final class RuntimeShim {

  private RuntimeShim() {}

  @Interposes(owner = Runtime.class, kind = VIRTUAL_METHOD)
  public static void exit(Runtime runtime, int status, CellContext cell) {
    Receivers.require(runtime);
    throw cell.exit(status, false);
  }

  @Interposes(owner = Runtime.class, kind = VIRTUAL_METHOD)
  public static void halt(Runtime runtime, int status, CellContext cell) {
    Receivers.require(runtime);
    throw cell.exit(status, true);
  }

  @Interposes(owner = Runtime.class, kind = VIRTUAL_METHOD)
  public static void addShutdownHook(Runtime runtime, Thread hook, CellContext cell) {
    Receivers.require(runtime);
    cell.addShutdownHook(Receivers.require(hook));
  }

  @Interposes(owner = Runtime.class, kind = VIRTUAL_METHOD)
  public static boolean removeShutdownHook(Runtime runtime, Thread hook, CellContext cell) {
    Receivers.require(runtime);
    return cell.removeShutdownHook(Receivers.require(hook));
  }

  @Interposes(owner = Runtime.class, kind = VIRTUAL_METHOD)
  public static void gc(Runtime runtime, CellContext cell) {
    Receivers.require(runtime);
  }

  @Interposes(owner = Runtime.class, kind = VIRTUAL_METHOD)
  public static void runFinalization(Runtime runtime, CellContext cell) {
    Receivers.require(runtime);
  }
}
