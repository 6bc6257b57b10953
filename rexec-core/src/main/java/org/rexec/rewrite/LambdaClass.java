package org.rexec.rewrite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The class that the JDK's {@code LambdaMetafactory} makes for an {@code invokedynamic}, as the
 * rewriter sees classes: it extends {@code Object}, implements the functional interface (the
 * call site's return type) and, for {@code altMetafactory}, the marker interfaces (and {@code
 * Serializable}), and declares the interface method under its own and each bridge descriptor.
 * The arguments are read as {@code LambdaMetafactory} reads them (its javadoc).
 */
final class LambdaClass {

  static final String METAFACTORY = "java/lang/invoke/LambdaMetafactory";

  // LambdaMetafactory's flags.
  private static final int FLAG_SERIALIZABLE = 1;
  private static final int FLAG_MARKERS = 2;
  private static final int FLAG_BRIDGES = 4;

  private LambdaClass() {}

  /**
   * The class the call site makes, or empty if the arguments are not what {@code
   * LambdaMetafactory} accepts (it then fails to link).
   *
   * @param callerName the internal name of the class that holds the call site
   */
  static Optional<TypeInfo> of(
      String callerName, String methodName, String callSiteDescriptor, Object[] arguments) {
    Type functional = Type.getReturnType(callSiteDescriptor);
    if (functional.getSort() != Type.OBJECT
        || arguments.length < 3
        || !(arguments[0] instanceof Type samType)
        || samType.getSort() != Type.METHOD) {
      return Optional.empty();
    }
    List<String> interfaces = new ArrayList<>(List.of(functional.getInternalName()));
    Map<String, Integer> methods = new HashMap<>();
    methods.put(methodName + samType.getDescriptor(), Opcodes.ACC_PUBLIC);
    if (arguments.length > 3) {
      if (!(arguments[3] instanceof Integer flags)) {
        return Optional.empty();
      }
      int next = 4;
      if ((flags & FLAG_SERIALIZABLE) != 0) {
        interfaces.add("java/io/Serializable");
      }
      if ((flags & FLAG_MARKERS) != 0) {
        List<Type> markers = counted(arguments, next);
        if (markers == null) {
          return Optional.empty();
        }
        for (Type marker : markers) {
          if (marker.getSort() != Type.OBJECT) {
            return Optional.empty();
          }
          interfaces.add(marker.getInternalName());
        }
        next += 1 + markers.size();
      }
      if ((flags & FLAG_BRIDGES) != 0) {
        List<Type> bridges = counted(arguments, next);
        if (bridges == null) {
          return Optional.empty();
        }
        for (Type bridge : bridges) {
          if (bridge.getSort() != Type.METHOD) {
            return Optional.empty();
          }
          methods.put(methodName + bridge.getDescriptor(), Opcodes.ACC_PUBLIC);
        }
      }
    }
    return Optional.of(
        new TypeInfo(
            callerName + "$$Lambda",
            "java/lang/Object",
            List.copyOf(interfaces),
            false,
            false,
            true,
            Map.copyOf(methods),
            Set.of()));
  }

  /** {@code count, type...} at {@code index}, or null if malformed. */
  private static List<Type> counted(Object[] arguments, int index) {
    if (index >= arguments.length || !(arguments[index] instanceof Integer count)
        || count < 0 || index + 1 + count > arguments.length) {
      return null;
    }
    List<Type> types = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (!(arguments[index + 1 + i] instanceof Type type)) {
        return null;
      }
      types.add(type);
    }
    return types;
  }

  /** Whether the bootstrap method is {@code LambdaMetafactory}'s. */
  static boolean isMetafactory(Handle bootstrapMethod) {
    return bootstrapMethod.getOwner().equals(METAFACTORY);
  }
}
