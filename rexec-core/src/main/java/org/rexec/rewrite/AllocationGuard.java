package org.rexec.rewrite;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.rexec.jdk.SizedCalls;
import org.rexec.jdk.SizedCalls.SizedCall;
import org.rexec.policy.Rule;
import org.rexec.runtime.Guards;

/**
 * Plants the allocation guard where cell code chooses the size of one allocation: before every
 * array allocation whose length is not a small constant, and before the JDK calls that allocate
 * by a size argument (the table {@link SizedCalls}). The guard ends the run with the memory
 * limit when the allocation would be larger than the largest allowed, before the JVM tries it.
 * Calls are matched by the owner the bytecode names, so {@code super} calls of subclasses are
 * guarded too, and the JDK member itself still runs. The JDK also allocates by what an object
 * says its size is ({@code toArray}, {@code new ArrayDeque<>(collection)}, {@code new
 * HashMap<>(map)}, {@code StringBuilder.append(text)}): the result of {@code size()} of the
 * cell's collections and maps and of {@code length()} of its texts passes the same guard
 * before it is returned ({@code claimedSizes}), so no caller ever sees a larger one.
 *
 * <p>A multi-dimensional {@code multianewarray} becomes a call to {@link Guards#newArray}, which
 * counts every level before allocating; more than four dimensions are refused.
 *
 * <p>Reads {@code rewrite.className}; writes a rejection for too many dimensions.
 */
final class AllocationGuard extends CodeRewriter {

  private static final String GUARDS = Type.getInternalName(Guards.class);
  private static final String ALLOCATION = "(II" + GuardCode.CELL_DESCRIPTOR + ")I";
  private static final int MAX_DIMENSIONS = 4;

  AllocationGuard(ClassVisitor next, ClassRewrite rewrite) {
    super(next, rewrite);
  }

  @Override
  MethodVisitor method(MethodVisitor next, int access, String name) {
    return new Guarding(next, null);
  }

  @Override
  MethodVisitor method(MethodVisitor next, int access, String name, String descriptor) {
    Integer claimed =
        (access & Opcodes.ACC_STATIC) == 0 ? rewrite.claimedSizes.get(name + descriptor) : null;
    return new Guarding(next, claimed);
  }

  private final class Guarding extends MethodVisitor {
    /** The last instruction pushed a constant no larger than a {@code sipush} can. */
    private boolean smallConstant;

    /** The shift of the size this method returns, if the JDK allocates by it; else null. */
    private final Integer claimed;

    Guarding(MethodVisitor next, Integer claimed) {
      super(Opcodes.ASM9, next);
      this.claimed = claimed;
    }

    private void guard(int shift) {
      if (shift >= 0) {
        mv.visitInsn(Opcodes.ICONST_0 + shift);
      } else {
        mv.visitIntInsn(Opcodes.BIPUSH, shift);
      }
      GuardCode.loadCell(mv, rewrite.className);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, GUARDS, "allocation", ALLOCATION, false);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
      if (opcode == Opcodes.NEWARRAY) {
        if (!smallConstant) {
          guard(shiftOf(operand));
        }
        super.visitIntInsn(opcode, operand);
        smallConstant = false;
        return;
      }
      super.visitIntInsn(opcode, operand);
      smallConstant = opcode == Opcodes.BIPUSH || opcode == Opcodes.SIPUSH;
    }

    @Override
    public void visitInsn(int opcode) {
      if (opcode == Opcodes.IRETURN && claimed != null) {
        // [size] -> [size]: a size the JDK would allocate by is within the largest allocation.
        guard(claimed);
      }
      super.visitInsn(opcode);
      smallConstant = opcode >= Opcodes.ICONST_M1 && opcode <= Opcodes.ICONST_5;
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      if (opcode == Opcodes.ANEWARRAY && !smallConstant) {
        guard(2);
      }
      super.visitTypeInsn(opcode, type);
      smallConstant = false;
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
      smallConstant = false;
      if (dimensions == 1) {
        guard(shiftOf(Type.getType(descriptor).getElementType(), 1, descriptor));
        super.visitMultiANewArrayInsn(descriptor, dimensions);
        return;
      }
      if (dimensions > MAX_DIMENSIONS) {
        rewrite.reject(
            "define",
            "an array allocation of " + dimensions + " dimensions at once",
            Rule.CLASS_VERSION);
        super.visitMultiANewArrayInsn(descriptor, dimensions);
        return;
      }
      // [d1 .. dn] -> [d1 .. dn, component, cell] -> [array]
      pushClass(Type.getType(descriptor.substring(dimensions)));
      GuardCode.loadCell(mv, rewrite.className);
      mv.visitMethodInsn(
          Opcodes.INVOKESTATIC,
          GUARDS,
          "newArray",
          "("
              + "I".repeat(dimensions)
              + "Ljava/lang/Class;"
              + GuardCode.CELL_DESCRIPTOR
              + ")Ljava/lang/Object;",
          false);
      mv.visitTypeInsn(Opcodes.CHECKCAST, descriptor);
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String descriptor, boolean isInterface) {
      for (SizedCall sized : SizedCalls.find(owner, name, descriptor)) {
        GuardCode.aroundArgument(mv, sized.depth(), () -> guard(sized.shift()));
      }
      super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
      smallConstant = false;
    }

    /** Pushes the class of {@code type}: a primitive's is its wrapper's {@code TYPE}. */
    private void pushClass(Type type) {
      String wrapper =
          switch (type.getSort()) {
            case Type.BOOLEAN -> "java/lang/Boolean";
            case Type.BYTE -> "java/lang/Byte";
            case Type.CHAR -> "java/lang/Character";
            case Type.SHORT -> "java/lang/Short";
            case Type.INT -> "java/lang/Integer";
            case Type.FLOAT -> "java/lang/Float";
            case Type.LONG -> "java/lang/Long";
            case Type.DOUBLE -> "java/lang/Double";
            default -> null;
          };
      if (wrapper == null) {
        mv.visitLdcInsn(type);
      } else {
        mv.visitFieldInsn(Opcodes.GETSTATIC, wrapper, "TYPE", "Ljava/lang/Class;");
      }
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
      super.visitVarInsn(opcode, varIndex);
      smallConstant = false;
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      super.visitFieldInsn(opcode, owner, name, descriptor);
      smallConstant = false;
    }

    @Override
    public void visitInvokeDynamicInsn(
        String name, String descriptor, Handle bootstrapMethod, Object... arguments) {
      super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethod, arguments);
      smallConstant = false;
    }

    @Override
    public void visitLdcInsn(Object value) {
      super.visitLdcInsn(value);
      smallConstant = false;
    }

    @Override
    public void visitLabel(Label label) {
      // A jump may arrive here with another length on the stack.
      super.visitLabel(label);
      smallConstant = false;
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      // The shift and the cell, plus two more while an argument is rotated.
      super.visitMaxs(GuardCode.addStack(maxStack, 4), maxLocals);
    }
  }

  private static int shiftOf(int newArrayType) {
    return switch (newArrayType) {
      case Opcodes.T_BOOLEAN, Opcodes.T_BYTE -> 0;
      case Opcodes.T_CHAR, Opcodes.T_SHORT -> 1;
      case Opcodes.T_INT, Opcodes.T_FLOAT -> 2;
      default -> 3;
    };
  }

  /** The shift of an array's elements: references count four bytes. */
  private static int shiftOf(Type element, int dimensions, String descriptor) {
    if (Type.getType(descriptor).getDimensions() > dimensions) {
      return 2;
    }
    return switch (element.getSort()) {
      case Type.BOOLEAN, Type.BYTE -> 0;
      case Type.CHAR, Type.SHORT -> 1;
      case Type.LONG, Type.DOUBLE -> 3;
      default -> 2;
    };
  }
}
