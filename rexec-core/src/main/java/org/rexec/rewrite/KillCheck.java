package org.rexec.rewrite;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.rexec.jdk.LeafClasses;

/**
 * Plants the kill check at every method entry and every backward jump (loops, including {@code
 * ret}), so that a stopped cell's code stops at the next call or turn of a loop.
 *
 * <p>A backward jump is one to a label already visited: ASM visits labels in code order. A loop
 * whose body makes no call gets the loop guard, which compiled code does not execute; one that
 * calls gets the volatile kill check (see {@link #backEdgeCheck}). Calls of {@link LeafClasses}
 * and the cast guard count as no call.
 *
 * <p>Reads {@code rewrite.className}.
 */
final class KillCheck extends CodeRewriter {

  KillCheck(ClassVisitor next, ClassRewrite rewrite) {
    super(next, rewrite);
  }

  @Override
  MethodVisitor method(MethodVisitor next, int access, String name) {
    return hasCode(access) ? new Checking(next) : next;
  }

  /** Whether a static call is one the JIT inlines or replaces by an instruction. */
  private static boolean isLeaf(String owner, String name) {
    return LeafClasses.isLeaf(owner)
        || (owner.equals(CastGuard.GUARDS) && name.equals(CastGuard.METHOD));
  }

  private final class Checking extends MethodVisitor {
    private final Set<Label> visited = new HashSet<>();
    /** Where each visited label is, counted in instructions. */
    private final Map<Label, Integer> positions = new HashMap<>();
    private int position;
    /** Where the last call was, counted in instructions; -1 before the first. */
    private int lastCall = -1;

    Checking(MethodVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visitCode() {
      super.visitCode();
      GuardCode.check(mv, rewrite.className);
    }

    @Override
    public void visitLabel(Label label) {
      super.visitLabel(label);
      visited.add(label);
      positions.put(label, position);
    }

    private void checkIfBackward(Label target) {
      if (visited.contains(target)) {
        backEdgeCheck(positions.get(target));
      }
    }

    /**
     * The check at a back-edge to {@code target}: a loop whose body makes no call gets the loop
     * guard, which compiled code does not execute (there the volatile read would cost the most:
     * it keeps the JIT from vectorizing); a loop with a call in it pays a call anyway, and gets
     * the kill check, which is cheaper before the JIT compiles the loop.
     */
    private void backEdgeCheck(int target) {
      if (lastCall < target) {
        GuardCode.loopCheck(mv, rewrite.className);
      } else {
        GuardCode.check(mv, rewrite.className);
      }
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
      position++;
      checkIfBackward(label);
      super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
      position++;
      checkSwitch(dflt, labels);
      super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
      position++;
      checkSwitch(dflt, labels);
      super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    private void checkSwitch(Label dflt, Label[] labels) {
      int earliest = visited.contains(dflt) ? positions.get(dflt) : Integer.MAX_VALUE;
      for (Label label : labels) {
        if (visited.contains(label)) {
          earliest = Math.min(earliest, positions.get(label));
        }
      }
      if (earliest != Integer.MAX_VALUE) {
        backEdgeCheck(earliest);
      }
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
      position++;
      if (opcode == Opcodes.RET) {
        // A subroutine return may go backward; treat it as a back-edge.
        GuardCode.check(mv, rewrite.className);
      }
      super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String descriptor, boolean isInterface) {
      position++;
      if (opcode != Opcodes.INVOKESTATIC || !isLeaf(owner, name)) {
        lastCall = position;
      }
      super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(
        String name, String descriptor, Handle bootstrapMethod, Object... arguments) {
      position++;
      lastCall = position;
      super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethod, arguments);
    }

    // The other instructions only count.

    @Override
    public void visitInsn(int opcode) {
      position++;
      super.visitInsn(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
      position++;
      super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      position++;
      super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      position++;
      super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitLdcInsn(Object value) {
      position++;
      super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
      position++;
      super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
      position++;
      super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      super.visitMaxs(GuardCode.addStack(maxStack, GuardCode.MAX_EXTRA_STACK), maxLocals);
    }
  }
}
