package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;
import org.rexec.fs.StackTraces;

/**
 * {@code Class.forName} finds the cell's own classes and the JDK classes its policy allows; any
 * other name is, for the cell, a class that does not exist.
 */
public final class ClassShim {

  private ClassShim() {}

  @Interposes(owner = Class.class, kind = STATIC_METHOD)
  public static Class<?> forName(String name, CellContext cell) throws ClassNotFoundException {
    return find(name, true, cell);
  }

  /** The loader argument cannot name another loader: cell code holds no loader but null. */
  @Interposes(owner = Class.class, kind = STATIC_METHOD)
  public static Class<?> forName(
      String name, boolean initialize, ClassLoader loader, CellContext cell)
      throws ClassNotFoundException {
    return find(name, initialize, cell);
  }

  private static Class<?> find(String name, boolean initialize, CellContext cell)
      throws ClassNotFoundException {
    Receivers.require(name);
    try {
      return cell.host().classForName(name, initialize);
    } catch (ClassNotFoundException notVisible) {
      ClassProbes.notFound(cell, name);
      throw StackTraces.forCell(new ClassNotFoundException(name));
    }
  }
}
