package org.rexec.rewrite;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.rexec.runtime.CellContext;
import org.rexec.runtime.Interposes;
import org.rexec.runtime.Shims;

/**
 * The table of interposed JDK members and their shims, read from the {@link Interposes}
 * annotations of the runtime's shim classes. Interposition takes precedence over the
 * allow-list: an interposed member always reaches its shim.
 */
final class Interpositions {

  /** A static method of the runtime that stands in for a JDK member. */
  record Shim(String owner, String name, String descriptor) {}

  // Static because it is derived from the runtime's annotations, constant for the JVM's life.
  static final Interpositions INSTANCE = read();

  private static final String CONTEXT_DESCRIPTOR = Type.getDescriptor(CellContext.class);

  private final Map<String, Shim> shims;

  private Interpositions(Map<String, Shim> shims) {
    this.shims = Map.copyOf(shims);
  }

  /**
   * The shim for a method call with {@code opcode}, or {@code null}. A {@code super} call
   * ({@code invokespecial}) uses a dedicated shim where one exists, else the virtual one.
   */
  Shim forMethod(int opcode, String declaringClass, String name, String descriptor) {
    String member = declaringClass + '.' + name + descriptor;
    switch (opcode) {
      case Opcodes.INVOKESTATIC:
        return shims.get(Interposes.Kind.STATIC_METHOD + member);
      case Opcodes.INVOKESPECIAL:
        Shim special = shims.get(Interposes.Kind.SPECIAL_METHOD + member);
        return special != null ? special : shims.get(Interposes.Kind.VIRTUAL_METHOD + member);
      default:
        return shims.get(Interposes.Kind.VIRTUAL_METHOD + member);
    }
  }

  /** The shim for a {@code getstatic} of the field, or {@code null}. */
  Shim forStaticFieldRead(String declaringClass, String name, String descriptor) {
    return shims.get(Interposes.Kind.STATIC_FIELD_GET + declaringClass + '.' + name + descriptor);
  }

  private static Interpositions read() {
    Map<String, Shim> shims = new HashMap<>();
    for (Class<?> shimClass : Shims.CLASSES) {
      for (Method method : shimClass.getDeclaredMethods()) {
        Interposes interposes = method.getAnnotation(Interposes.class);
        if (interposes == null) {
          continue;
        }
        String key = interposes.kind() + interposedMember(method, interposes);
        Shim shim =
            new Shim(
                Type.getInternalName(shimClass), method.getName(), Type.getMethodDescriptor(method));
        if (shims.put(key, shim) != null) {
          throw new IllegalStateException("two shims for " + key);
        }
      }
    }
    return new Interpositions(shims);
  }

  /** {@code owner.name(descriptor)} of the JDK member a shim stands in for, from its signature. */
  private static String interposedMember(Method shim, Interposes interposes) {
    Class<?>[] parameters = shim.getParameterTypes();
    boolean wellFormed =
        Modifier.isStatic(shim.getModifiers())
            && Modifier.isPublic(shim.getModifiers())
            && parameters.length > 0
            && parameters[parameters.length - 1] == CellContext.class;
    if (!wellFormed) {
      throw new IllegalStateException(
          "shim " + shim + " must be public static and take the CellContext last");
    }
    String owner = Type.getInternalName(interposes.owner());
    String name = interposes.member().isEmpty() ? shim.getName() : interposes.member();
    Class<?>[] withoutContext = Arrays.copyOf(parameters, parameters.length - 1);
    switch (interposes.kind()) {
      case STATIC_FIELD_GET:
        if (withoutContext.length != 0) {
          throw new IllegalStateException("field shim " + shim + " takes only the context");
        }
        return owner + '.' + name + Type.getDescriptor(shim.getReturnType());
      case STATIC_METHOD:
        return owner + '.' + name + descriptor(withoutContext, shim.getReturnType());
      case VIRTUAL_METHOD:
      case SPECIAL_METHOD:
        if (withoutContext.length == 0 || withoutContext[0] != interposes.owner()) {
          throw new IllegalStateException("instance shim " + shim + " must take the receiver first");
        }
        Class<?>[] arguments = Arrays.copyOfRange(withoutContext, 1, withoutContext.length);
        return owner + '.' + name + descriptor(arguments, shim.getReturnType());
      default:
        throw new IllegalStateException("unknown kind " + interposes.kind());
    }
  }

  private static String descriptor(Class<?>[] parameters, Class<?> returnType) {
    Type[] types = Arrays.stream(parameters).map(Type::getType).toArray(Type[]::new);
    return Type.getMethodDescriptor(Type.getType(returnType), types);
  }

  /** Every interposed member as {@code KIND owner.name(descriptor)}, for tests. */
  java.util.Set<String> interposedMembers() {
    return shims.keySet();
  }
}
