package org.rexec.cell;

import org.rexec.runtime.CellContext;

/**
 * The parent of every cell's class loader: the JDK's platform classes and rexec's runtime
 * package, nothing else. The supervisor's classes, rexec's other packages and the libraries on
 * the host's class path stay invisible to cells.
 */
public final class CellParentLoader extends ClassLoader {

  private static final String RUNTIME_PACKAGE = CellContext.class.getPackageName() + ".";

  static {
    registerAsParallelCapable();
  }

  public CellParentLoader() {
    super("rexec-cell-parent", ClassLoader.getPlatformClassLoader());
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith(RUNTIME_PACKAGE) && name.indexOf('.', RUNTIME_PACKAGE.length()) < 0) {
      return Class.forName(name, false, CellContext.class.getClassLoader());
    }
    return super.loadClass(name, resolve);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    throw new ClassNotFoundException(name);
  }
}
