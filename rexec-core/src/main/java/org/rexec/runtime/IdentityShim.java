package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;
import static org.rexec.runtime.Interposes.Kind.VIRTUAL_METHOD;

import java.util.Objects;
import org.rexec.fs.VisibleClasses;

/**
 * What cell code learns of the classes of the objects it holds: for rexec's own (its threads,
 * substitutes, file system objects), the JDK class each stands for (see {@link
 * VisibleClasses}); so {@code Thread.currentThread().getClass()} is {@code java.lang.Thread}, as
 * on a plain JVM, and the superclass of a program's {@code Thread} subclass is {@code Thread}.
 */
public final class IdentityShim {

  private IdentityShim() {}

  @Interposes(owner = Object.class, kind = VIRTUAL_METHOD)
  public static Class<?> getClass(Object object, CellContext cell) {
    return VisibleClasses.of(Receivers.require(object).getClass());
  }

  /** {@code Objects.toIdentityString}, new in Java 19: the class it names is the JDK's. */
  @Interposes(owner = Objects.class, kind = STATIC_METHOD, since = 19)
  public static String toIdentityString(Object object, CellContext cell) {
    return VisibleClasses.name(Receivers.require(object).getClass())
        + "@"
        + Integer.toHexString(System.identityHashCode(object));
  }

  @Interposes(owner = Class.class, kind = VIRTUAL_METHOD)
  public static Class<?> getSuperclass(Class<?> type, CellContext cell) {
    Class<?> superclass = Receivers.require(type).getSuperclass();
    return superclass == null ? null : VisibleClasses.of(superclass);
  }

  @Interposes(owner = Class.class, kind = VIRTUAL_METHOD)
  public static Object cast(Class<?> type, Object object, CellContext cell) {
    if (object != null && !Receivers.require(type).isInstance(object)) {
      throw CastFailures.classCast(object, type);
    }
    return object;
  }
}
