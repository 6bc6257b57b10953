package org.rexec.rewrite;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.objectweb.asm.Type;

/**
 * The JDK's classes as the rewriter sees them: the classes a cell's loader would find through
 * its parent, described by reflection (loading a JDK class does not initialize it).
 */
final class JdkTypes {

  // Static because the JDK is JVM-global: its classes are the same for every cell and every
  // policy. Entries are immutable; the map only grows with the JDK classes that cells name.
  private static final ConcurrentMap<String, Optional<TypeInfo>> TYPES = new ConcurrentHashMap<>();

  // The runtime's substitutes for JDK classes, apart: a cell never resolves a name to them.
  private static final ConcurrentMap<Class<?>, Optional<TypeInfo>> SUBSTITUTES =
      new ConcurrentHashMap<>();

  private JdkTypes() {}

  /** The JDK class with this internal name, or empty if the JDK has none. */
  static Optional<TypeInfo> find(String internalName) {
    return TYPES.computeIfAbsent(internalName, JdkTypes::describe);
  }

  /**
   * A class of rexec's runtime that stands in for a JDK class (a substitute), described like
   * the JDK's: a cell class that extends the JDK class extends it once rewritten.
   */
  static Optional<TypeInfo> substitute(Class<?> substitute) {
    return SUBSTITUTES.computeIfAbsent(substitute, JdkTypes::describe);
  }

  private static Optional<TypeInfo> describe(String internalName) {
    Class<?> type;
    try {
      type =
          Class.forName(
              internalName.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
    } catch (ClassNotFoundException | LinkageError absent) {
      return Optional.empty();
    }
    if (type.isArray() || type.isPrimitive()) {
      return Optional.empty();
    }
    return describe(type);
  }

  private static Optional<TypeInfo> describe(Class<?> type) {
    String internalName = Type.getInternalName(type);
    Map<String, Integer> methods = new HashMap<>();
    Set<String> fields = new HashSet<>();
    try {
      for (Method method : type.getDeclaredMethods()) {
        methods.put(method.getName() + Type.getMethodDescriptor(method), method.getModifiers());
      }
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        methods.put("<init>" + Type.getConstructorDescriptor(constructor), constructor.getModifiers());
      }
      for (Field field : type.getDeclaredFields()) {
        fields.add(field.getName() + ":" + Type.getDescriptor(field.getType()));
      }
    } catch (LinkageError unlinkable) {
      // A JDK class whose members name classes this JDK lacks: nothing of it is resolvable.
      return Optional.empty();
    }
    Class<?> superclass = type.getSuperclass();
    List<String> interfaces =
        Arrays.stream(type.getInterfaces()).map(Type::getInternalName).toList();
    return Optional.of(
        new TypeInfo(
            internalName,
            superclass == null ? null : Type.getInternalName(superclass),
            interfaces,
            type.isInterface(),
            Modifier.isPublic(type.getModifiers()),
            false,
            Map.copyOf(methods),
            Set.copyOf(fields)));
  }
}
