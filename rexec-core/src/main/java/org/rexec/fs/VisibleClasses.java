package org.rexec.fs;

/**
 * What cell code sees of rexec's own classes: the JDK class each one stands for. A cell holds
 * objects of rexec's classes (its threads, the substitutes for file streams, sockets and pools,
 * its file system's paths and channels); it must see them as the JDK's, as on a plain JVM, and
 * never a name of rexec's. Used by the runtime and the file system alike, as {@link StackTraces}.
 */
public final class VisibleClasses {

  private static final String OWN_PACKAGE_PREFIX = "org.rexec.";

  /**
   * The answer for each class, computed once. Static because it is a fact about classes, the
   * same for every cell; a {@code ClassValue} keeps nothing of a cell's class alive.
   */
  private static final ClassValue<Class<?>> VISIBLE =
      new ClassValue<>() {
        @Override
        protected Class<?> computeValue(Class<?> type) {
          if (type.isArray()) {
            Class<?> component = of(type.getComponentType());
            return component == type.getComponentType() ? type : component.arrayType();
          }
          Class<?> visible = type;
          while (visible != null && isOwn(visible)) {
            visible = visible.getSuperclass();
          }
          return visible == null ? Object.class : visible;
        }
      };

  private VisibleClasses() {}

  /** Whether {@code type} is one of rexec's classes (hidden ones included). */
  public static boolean isOwn(Class<?> type) {
    return type.getName().startsWith(OWN_PACKAGE_PREFIX);
  }

  /**
   * {@code type}, or for one of rexec's classes the nearest superclass that is not rexec's (a
   * JDK class: rexec's classes extend only the JDK's and their own), or an array of such.
   */
  public static Class<?> of(Class<?> type) {
    return VISIBLE.get(type);
  }

  /** The {@linkplain Class#getName() name} of {@linkplain #of(Class) what the cell sees}. */
  public static String name(Class<?> type) {
    return of(type).getName();
  }

  /**
   * What {@code Object.toString()} would return for {@code object} if its class were the one
   * the cell sees: the toString of rexec's objects that a cell may hold.
   */
  public static String toString(Object object) {
    return name(object.getClass()) + "@" + Integer.toHexString(object.hashCode());
  }

  /**
   * {@code text}, what a JDK class's toString made of {@code object}, with the name of
   * object's class, if it is rexec's and {@code text} starts with it ({@code Object.toString()}
   * and the JDK's toStrings built on it), replaced by the name the cell sees. A cell's subclass
   * keeps its own name, as on a plain JVM.
   */
  public static String shown(Object object, String text) {
    Class<?> type = object.getClass();
    String own = type.getName();
    return isOwn(type) && text.startsWith(own) ? name(type) + text.substring(own.length()) : text;
  }
}
