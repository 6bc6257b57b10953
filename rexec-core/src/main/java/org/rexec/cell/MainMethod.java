package org.rexec.cell;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.rexec.bug.RexecBugException;

/**
 * Finds a program's entry point as the java launcher of the running JDK does: a
 * {@code public static void main(String[])}; on Java 25 and later also the other forms of JEP
 * 512 (a non-private static or instance {@code main}, with or without the arguments), in its
 * order of preference.
 */
final class MainMethod {

  private static final int INSTANCE_MAIN_SINCE = 25;

  private MainMethod() {}

  /**
   * A handle of type {@code ()void} that runs the program: calls its main method, first making
   * an instance if the method is an instance method.
   *
   * @throws NoSuchMethodException if the class has no main method the launcher would accept
   */
  static MethodHandle entry(Class<?> mainClass, String[] args) throws NoSuchMethodException {
    boolean launchProtocol = Runtime.version().feature() >= INSTANCE_MAIN_SINCE;
    Method main = find(mainClass, launchProtocol);
    try {
      main.setAccessible(true);
      MethodHandle handle = MethodHandles.lookup().unreflect(main);
      if (main.getParameterCount() == 1) {
        handle = MethodHandles.insertArguments(handle, handle.type().parameterCount() - 1,
            (Object) args.clone());
      }
      if (!Modifier.isStatic(main.getModifiers())) {
        Constructor<?> constructor = mainClass.getDeclaredConstructor();
        if (Modifier.isPrivate(constructor.getModifiers())) {
          throw new NoSuchMethodException(
              mainClass.getName() + " needs a non-private constructor without parameters");
        }
        constructor.setAccessible(true);
        handle = MethodHandles.filterReturnValue(
            MethodHandles.lookup().unreflectConstructor(constructor),
            handle.asType(MethodType.methodType(void.class, mainClass)));
      }
      return handle.asType(MethodType.methodType(void.class));
    } catch (IllegalAccessException impossible) {
      throw new RexecBugException("main was made accessible", impossible);
    }
  }

  private static Method find(Class<?> mainClass, boolean launchProtocol)
      throws NoSuchMethodException {
    if (!launchProtocol) {
      Method main = mainClass.getMethod("main", String[].class);
      if (!Modifier.isStatic(main.getModifiers()) || main.getReturnType() != void.class) {
        throw new NoSuchMethodException("main must be static and return void");
      }
      return main;
    }
    Method withArgs = nonPrivate(mainClass, String[].class);
    Method withoutArgs = nonPrivate(mainClass);
    for (Method candidate : new Method[] {withArgs, withoutArgs}) {
      if (candidate != null && Modifier.isStatic(candidate.getModifiers())) {
        return candidate;
      }
    }
    for (Method candidate : new Method[] {withArgs, withoutArgs}) {
      if (candidate != null) {
        return candidate;
      }
    }
    throw new NoSuchMethodException("no main method");
  }

  /** A non-private void main with these parameters, declared or inherited, or null. */
  private static Method nonPrivate(Class<?> type, Class<?>... parameters) {
    for (Class<?> current = type; current != null; current = current.getSuperclass()) {
      try {
        Method method = current.getDeclaredMethod("main", parameters);
        boolean inheritable = current == type || !Modifier.isStatic(method.getModifiers());
        if (!Modifier.isPrivate(method.getModifiers())
            && method.getReturnType() == void.class
            && inheritable) {
          return method;
        }
      } catch (NoSuchMethodException notHere) {
        // Look in the superclass.
      }
    }
    return null;
  }
}
