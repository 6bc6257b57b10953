package org.rexec.rewrite;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.rexec.runtime.Guards;

/**
 * Plants the made-error mark ({@link Guards#made}) after each {@code new} of one of the JDK's
 * {@link VirtualMachineError} classes in cell code: the program's own {@code new
 * OutOfMemoryError()} is an ordinary exception, not the memory limit. Errors of classes the cell
 * defines need no mark: the JVM never throws them.
 *
 * <p>The mark takes the instance on top of the stack right after the constructor call, so it is
 * planted only where the bytecode guarantees that this is the instance just constructed: a
 * {@code new X} followed at once by {@code dup}, then, in code order, only instructions that
 * leave the two uninitialized references where they are, up to the {@code invokespecial
 * X.<init>} that consumes the upper one. Anything that could move, store, drop or consume an
 * uninitialized reference, or enter or leave that stretch other than straight through (stack
 * shuffles, {@code astore}, monitors, jumps, switches, a frame, which marks a jump target), or a
 * constructor call of another class than the innermost pending {@code new}, forgets every
 * pending {@code new}: no mark. The verifier lets no other instruction take an uninitialized
 * reference. Class files without frames (before Java 6) are not marked at all, since their jump
 * targets cannot be seen before the jumps. Without a mark, the program's own error counts as the
 * JVM's, as before: a program can lose its own exception to a limit, never hide a limit.
 */
final class ErrorMark extends CodeRewriter {

  private static final String GUARDS = Type.getInternalName(Guards.class);
  private static final String MADE = "(Ljava/lang/Throwable;" + GuardCode.CELL_DESCRIPTOR + ")V";
  private static final String VM_ERROR = "java/lang/VirtualMachineError";

  private boolean hasFrames;

  ErrorMark(ClassVisitor next, ClassRewrite rewrite) {
    super(next, rewrite);
  }

  @Override
  public void visit(
      int version,
      int access,
      String name,
      String signature,
      String superName,
      String[] interfaces) {
    hasFrames = (version & 0xFFFF) >= Opcodes.V1_6;
    super.visit(version, access, name, signature, superName, interfaces);
  }

  @Override
  MethodVisitor method(MethodVisitor next, int access, String name) {
    return hasFrames ? new Marking(next) : next;
  }

  /** Whether {@code internalName} is one of the JDK's {@link VirtualMachineError} classes. */
  static boolean isJdkVmError(String internalName) {
    String type = internalName;
    while (type != null) {
      if (type.equals(VM_ERROR)) {
        return true;
      }
      Optional<TypeInfo> info = JdkTypes.find(type);
      if (info.isEmpty()) {
        return false;
      }
      type = info.get().superName();
    }
    return false;
  }

  private final class Marking extends MethodVisitor {
    /** The {@code new}s whose constructor call is pending, innermost last: their class. */
    private final Deque<String> pending = new ArrayDeque<>();
    /** The class of the {@code new} just visited, until the next instruction; else null. */
    private String justNew;

    Marking(MethodVisitor next) {
      super(Opcodes.ASM9, next);
    }

    /** Forgets every pending {@code new}: what follows may not keep their references in place. */
    private void forget() {
      pending.clear();
      justNew = null;
    }

    /** Before any instruction but the {@code dup} right after a {@code new}. */
    private void next() {
      if (justNew != null) {
        // A new not followed by dup: the shape this mark relies on is not there.
        forget();
      }
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      next();
      super.visitTypeInsn(opcode, type);
      if (opcode == Opcodes.NEW) {
        justNew = type;
      }
    }

    @Override
    public void visitInsn(int opcode) {
      if (opcode == Opcodes.DUP && justNew != null) {
        pending.addLast(justNew);
        justNew = null;
      } else {
        next();
        switch (opcode) {
          case Opcodes.DUP, Opcodes.DUP_X1, Opcodes.DUP_X2, Opcodes.DUP2, Opcodes.DUP2_X1,
              Opcodes.DUP2_X2, Opcodes.SWAP, Opcodes.POP, Opcodes.POP2, Opcodes.MONITORENTER,
              Opcodes.MONITOREXIT -> forget();
          default -> {}
        }
      }
      super.visitInsn(opcode);
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String descriptor, boolean isInterface) {
      next();
      super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
      if (opcode != Opcodes.INVOKESPECIAL || !name.equals("<init>") || pending.isEmpty()) {
        return;
      }
      String constructed = pending.removeLast();
      if (!constructed.equals(owner)) {
        // A constructor call of another object (a super call inside the stretch): no mark.
        forget();
        return;
      }
      if (isJdkVmError(owner)) {
        // [error] -> [error, error, cell] -> [error]: straight-line, no frame changes.
        mv.visitInsn(Opcodes.DUP);
        GuardCode.loadCell(mv, rewrite.className);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, GUARDS, "made", MADE, false);
      }
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
      next();
      if (opcode == Opcodes.ASTORE || opcode == Opcodes.RET) {
        forget();
      }
      super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
      forget();
      super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
      forget();
      super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
      forget();
      super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
      forget();
      super.visitFrame(type, numLocal, local, numStack, stack);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
      next();
      super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      next();
      super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitInvokeDynamicInsn(
        String name, String descriptor, Handle bootstrapMethod, Object... arguments) {
      next();
      super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethod, arguments);
    }

    @Override
    public void visitLdcInsn(Object value) {
      next();
      super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
      next();
      super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
      next();
      super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      super.visitMaxs(GuardCode.addStack(maxStack, GuardCode.MAX_EXTRA_STACK), maxLocals);
    }
  }
}
