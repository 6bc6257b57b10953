package org.rexec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/** Finds a program's {@code public static void main(String[])}, as the java launcher does. */
final class MainMethod {

  private MainMethod() {}

  /**
   * A handle of type {@code ()void} that calls {@code mainClass.main(args)}. The class need not
   * be public, as for the java launcher.
   *
   * @throws NoSuchMethodException if the class has no public static void main(String[])
   */
  static MethodHandle entry(Class<?> mainClass, String[] args) throws NoSuchMethodException {
    Method main = mainClass.getMethod("main", String[].class);
    if (!Modifier.isStatic(main.getModifiers()) || main.getReturnType() != void.class) {
      throw new NoSuchMethodException("main must be static and return void");
    }
    main.setAccessible(true);
    try {
      MethodHandle handle = MethodHandles.lookup().unreflect(main);
      return MethodHandles.insertArguments(handle, 0, (Object) args.clone())
          .asType(MethodType.methodType(void.class));
    } catch (IllegalAccessException impossible) {
      throw new IllegalStateException("main was made accessible", impossible);
    }
  }
}
