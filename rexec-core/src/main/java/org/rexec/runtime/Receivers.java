package org.rexec.runtime;

import java.util.Objects;

/** Helpers for shims that stand in for instance methods. */
final class Receivers {

  private Receivers() {}

  /** The null check the JVM does before an instance call: a null receiver is a plain NPE. */
  static <T> T require(T receiver) {
    return Objects.requireNonNull(receiver);
  }

  /**
   * Whether the class of {@code receiver} overrides the given method of {@code declaringType} (a
   * class or an interface) in code that is not the JDK's, so that a virtual call must reach the
   * override. Otherwise a virtual call reaches the JDK's method, which the shim stands in for.
   */
  static boolean overriddenOutsideJdk(
      Object receiver, Class<?> declaringType, String name, Class<?>... parameterTypes) {
    for (Class<?> type = receiver.getClass();
        type != null && type != declaringType;
        type = type.getSuperclass()) {
      ClassLoader loader = type.getClassLoader();
      if (loader == null || loader == ClassLoader.getPlatformClassLoader()) {
        continue;
      }
      try {
        type.getDeclaredMethod(name, parameterTypes);
        return true;
      } catch (NoSuchMethodException notDeclaredHere) {
        // Keep walking up.
      }
    }
    return false;
  }
}
