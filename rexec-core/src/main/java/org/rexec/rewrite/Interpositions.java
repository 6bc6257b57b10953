package org.rexec.rewrite;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
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

  /** An interposed JDK member and how it is reached. */
  record Member(Interposes.Kind kind, String owner, String name, String descriptor) {}

  // Static because it is derived from the runtime's annotations, constant for the JVM's life.
  static final Interpositions INSTANCE = read();

  private static final String CONTEXT_DESCRIPTOR = Type.getDescriptor(CellContext.class);

  private final Map<Member, Shim> shims;

  private Interpositions(Map<Member, Shim> shims) {
    this.shims = Map.copyOf(shims);
  }

  /**
   * The shim for a method call with {@code opcode}, or {@code null}. A {@code super} call
   * ({@code invokespecial}) uses a dedicated shim where one exists, else the virtual one.
   */
  Shim forMethod(int opcode, String declaringClass, String name, String descriptor) {
    switch (opcode) {
      case Opcodes.INVOKESTATIC:
        return find(Interposes.Kind.STATIC_METHOD, declaringClass, name, descriptor);
      case Opcodes.INVOKESPECIAL:
        Shim special = find(Interposes.Kind.SPECIAL_METHOD, declaringClass, name, descriptor);
        return special != null
            ? special
            : find(Interposes.Kind.VIRTUAL_METHOD, declaringClass, name, descriptor);
      default:
        return find(Interposes.Kind.VIRTUAL_METHOD, declaringClass, name, descriptor);
    }
  }

  /** The shim for a {@code getstatic} of the field, or {@code null}. */
  Shim forStaticFieldRead(String declaringClass, String name, String descriptor) {
    return find(Interposes.Kind.STATIC_FIELD_GET, declaringClass, name, descriptor);
  }

  private Shim find(Interposes.Kind kind, String owner, String name, String descriptor) {
    return shims.get(new Member(kind, owner, name, descriptor));
  }

  private static Interpositions read() {
    Map<Member, Shim> shims = new HashMap<>();
    for (Class<?> shimClass : Shims.CLASSES) {
      for (Method method : shimClass.getDeclaredMethods()) {
        Interposes interposes = method.getAnnotation(Interposes.class);
        if (interposes == null) {
          continue;
        }
        Member key = interposedMember(method, interposes);
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

  /** The JDK member a shim stands in for, derived from the shim's signature. */
  private static Member interposedMember(Method shim, Interposes interposes) {
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
    String owner =
        interposes.ownerName().isEmpty()
            ? Type.getInternalName(interposes.owner())
            : interposes.ownerName();
    String name = interposes.member().isEmpty() ? shim.getName() : interposes.member();
    Class<?>[] withoutContext = Arrays.copyOf(parameters, parameters.length - 1);
    switch (interposes.kind()) {
      case STATIC_FIELD_GET:
        if (withoutContext.length != 0) {
          throw new IllegalStateException("field shim " + shim + " takes only the context");
        }
        return new Member(
            interposes.kind(), owner, name, Type.getDescriptor(shim.getReturnType()));
      case STATIC_METHOD:
        return new Member(
            interposes.kind(), owner, name, descriptor(withoutContext, shim.getReturnType()));
      case VIRTUAL_METHOD:
      case SPECIAL_METHOD:
        if (withoutContext.length == 0
            || !Type.getInternalName(withoutContext[0]).equals(owner)) {
          throw new IllegalStateException("instance shim " + shim + " must take the receiver first");
        }
        Class<?>[] arguments = Arrays.copyOfRange(withoutContext, 1, withoutContext.length);
        return new Member(
            interposes.kind(), owner, name, descriptor(arguments, shim.getReturnType()));
      default:
        throw new IllegalStateException("unknown kind " + interposes.kind());
    }
  }

  private static String descriptor(Class<?>[] parameters, Class<?> returnType) {
    Type[] types = Arrays.stream(parameters).map(Type::getType).toArray(Type[]::new);
    return Type.getMethodDescriptor(Type.getType(returnType), types);
  }

  /** Every interposed member, for tests. */
  Set<Member> interposedMembers() {
    return shims.keySet();
  }
}
