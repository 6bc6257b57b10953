package org.rexec.rewrite;

import java.util.List;
import java.util.Optional;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.rexec.jdk.BootstrapClasses;

/**
 * The JDK's bootstrap methods as the rewriter judges them: the classes of {@link
 * BootstrapClasses} are reachable only as bootstrap methods, and some of {@code
 * ConstantBootstraps}'s methods read or write a field that their constant names: a field
 * reference like any other.
 */
final class Bootstraps {

  private static final String CONSTANT_BOOTSTRAPS = BootstrapClasses.CONSTANT_BOOTSTRAPS;

  /**
   * A field that a dynamic constant reads or writes.
   *
   * @param opcode {@code GETSTATIC}, {@code PUTSTATIC}, {@code GETFIELD} or {@code PUTFIELD}
   */
  record FieldUse(int opcode, String owner, String name, String descriptor) {}

  private Bootstraps() {}

  /** Whether the methods of this JDK class may be reached only as bootstrap methods. */
  static boolean isBootstrapClass(String internalName) {
    return BootstrapClasses.isBootstrapClass(internalName);
  }

  /**
   * The fields a dynamic constant of {@code ConstantBootstraps} reads or writes (a VarHandle can
   * do both), named by its name, its type and its class arguments; empty for other bootstrap
   * methods. Empty optional when a class the field depends on is not a class literal (a dynamic
   * constant computing it): nothing can be judged then.
   */
  static Optional<List<FieldUse>> fieldUses(ConstantDynamic constant) {
    if (!constant.getBootstrapMethod().getOwner().equals(CONSTANT_BOOTSTRAPS)) {
      return Optional.of(List.of());
    }
    String name = constant.getName();
    Type type = Type.getType(constant.getDescriptor());
    int count = constant.getBootstrapMethodArgumentCount();
    switch (constant.getBootstrapMethod().getName()) {
      case "enumConstant":
        return Optional.of(
            List.of(new FieldUse(Opcodes.GETSTATIC, owner(type), name, type.getDescriptor())));
      case "getStaticFinal":
        {
          // Without a declaring class, the type's own (a primitive's: its box) declares it.
          Type declaring = count == 0 ? boxed(type) : classArgument(constant, 0);
          return declaring == null
              ? Optional.empty()
              : Optional.of(
                  List.of(
                      new FieldUse(
                          Opcodes.GETSTATIC, owner(declaring), name, type.getDescriptor())));
        }
      case "fieldVarHandle":
      case "staticFieldVarHandle":
        {
          Type declaring = classArgument(constant, 0);
          Type fieldType = classArgument(constant, 1);
          if (declaring == null || fieldType == null) {
            return Optional.empty();
          }
          boolean isStatic = constant.getBootstrapMethod().getName().startsWith("static");
          String owner = owner(declaring);
          String descriptor = fieldType.getDescriptor();
          return Optional.of(
              List.of(
                  new FieldUse(
                      isStatic ? Opcodes.GETSTATIC : Opcodes.GETFIELD, owner, name, descriptor),
                  new FieldUse(
                      isStatic ? Opcodes.PUTSTATIC : Opcodes.PUTFIELD, owner, name, descriptor)));
        }
      default:
        // invoke, explicitCast, nullConstant, primitiveClass, arrayVarHandle: their arguments
        // and their type are all they use, and those are judged as constants.
        return Optional.of(List.of());
    }
  }

  /** The class argument at {@code index}: a class literal, or null. */
  private static Type classArgument(ConstantDynamic constant, int index) {
    if (index >= constant.getBootstrapMethodArgumentCount()) {
      return null;
    }
    return constant.getBootstrapMethodArgument(index) instanceof Type type
            && (type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY)
        ? type
        : null;
  }

  private static String owner(Type type) {
    return type.getSort() == Type.OBJECT ? type.getInternalName() : type.getDescriptor();
  }

  private static Type boxed(Type type) {
    return switch (type.getSort()) {
      case Type.BOOLEAN -> Type.getType(Boolean.class);
      case Type.BYTE -> Type.getType(Byte.class);
      case Type.CHAR -> Type.getType(Character.class);
      case Type.SHORT -> Type.getType(Short.class);
      case Type.INT -> Type.getType(Integer.class);
      case Type.LONG -> Type.getType(Long.class);
      case Type.FLOAT -> Type.getType(Float.class);
      case Type.DOUBLE -> Type.getType(Double.class);
      default -> type;
    };
  }
}
