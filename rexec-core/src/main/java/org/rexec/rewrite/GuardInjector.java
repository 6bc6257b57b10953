package org.rexec.rewrite;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Plants the kill check at every method entry and every backward jump (loops, including
 * {@code ret}), and the handler guard at the start of every exception handler, typed or
 * catch-all (so also in the handlers {@code finally} compiles to).
 *
 * <p>A backward jump is one to a label already visited: ASM visits labels in code order.
 */
final class GuardInjector extends ClassVisitor {

  private final ClassRewrite rewrite;

  GuardInjector(ClassVisitor next, ClassRewrite rewrite) {
    super(Opcodes.ASM9, next);
    this.rewrite = rewrite;
  }

  @Override
  public MethodVisitor visitMethod(
      int access, String name, String descriptor, String signature, String[] exceptions) {
    MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
    boolean hasCode = (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0;
    return next == null || !hasCode ? next : new Injector(next);
  }

  private final class Injector extends MethodVisitor {
    private final Set<Label> visited = new HashSet<>();
    private final Set<Label> handlers = new HashSet<>();
    private boolean handlerPending;

    Injector(MethodVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visitCode() {
      super.visitCode();
      GuardCode.check(mv, rewrite.className);
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
      handlers.add(handler);
      super.visitTryCatchBlock(start, end, handler, type);
    }

    @Override
    public void visitLabel(Label label) {
      super.visitLabel(label);
      visited.add(label);
      if (handlers.contains(label)) {
        handlerPending = true;
      }
    }

    /** Called before every instruction: the handler guard goes after the handler's frame. */
    private void beforeInstruction() {
      if (handlerPending) {
        handlerPending = false;
        GuardCode.caught(mv, rewrite.className);
      }
    }

    private void checkIfBackward(Label target) {
      if (visited.contains(target)) {
        GuardCode.check(mv, rewrite.className);
      }
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
      beforeInstruction();
      checkIfBackward(label);
      super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
      beforeInstruction();
      checkSwitch(dflt, labels);
      super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
      beforeInstruction();
      checkSwitch(dflt, labels);
      super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    private void checkSwitch(Label dflt, Label[] labels) {
      boolean backward = visited.contains(dflt);
      for (Label label : labels) {
        backward |= visited.contains(label);
      }
      if (backward) {
        GuardCode.check(mv, rewrite.className);
      }
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
      beforeInstruction();
      if (opcode == Opcodes.RET) {
        // A subroutine return may go backward; treat it as a back-edge.
        GuardCode.check(mv, rewrite.className);
      }
      super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitInsn(int opcode) {
      beforeInstruction();
      super.visitInsn(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
      beforeInstruction();
      super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      beforeInstruction();
      super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      beforeInstruction();
      super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String descriptor, boolean isInterface) {
      beforeInstruction();
      super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(
        String name, String descriptor, Handle bootstrapMethod, Object... arguments) {
      beforeInstruction();
      super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethod, arguments);
    }

    @Override
    public void visitLdcInsn(Object value) {
      beforeInstruction();
      super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
      beforeInstruction();
      super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
      beforeInstruction();
      super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      super.visitMaxs(GuardCode.addStack(maxStack, GuardCode.MAX_EXTRA_STACK), maxLocals);
    }
  }
}
