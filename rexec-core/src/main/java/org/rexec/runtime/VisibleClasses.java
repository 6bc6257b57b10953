package org.rexec.runtime;

/**
 * What cell code sees of rexec's own classes: the JDK class each one stands for. The cell holds
 * objects of rexec's classes (its threads, the substitutes for file streams, sockets and pools,
 * its file system's paths and channels), and must see them as the JDK's, as on a plain JVM.
 */
public final class VisibleClasses {

  private static final String OWN_PACKAGE_PREFIX = "org.rexec.";

  private VisibleClasses() {}

  /** Whether {@code type} is one of rexec's classes (hidden ones included). */
  public static boolean isOwn(Class<?> type) {
    return type.getName().startsWith(OWN_PACKAGE_PREFIX);
  }

  /**
   * {@code type}, or for one of rexec's classes the nearest superclass that is not rexec's: a
   * JDK class, since rexec's classes extend only the JDK's and their own.
   */
  public static Class<?> of(Class<?> type) {
    Class<?> visible = type;
    while (visible != null && isOwn(visible)) {
      visible = visible.getSuperclass();
    }
    return visible == null ? Object.class : visible;
  }

  /** The {@linkplain Class#getName() name} of {@linkplain #of(Class) what the cell sees}. */
  public static String name(Class<?> type) {
    return of(type).getName();
  }
}
