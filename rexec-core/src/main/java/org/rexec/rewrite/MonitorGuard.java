package org.rexec.rewrite;

import java.util.BitSet;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.rexec.runtime.CellContext;
import org.rexec.runtime.Guards;

/**
 * Plants the monitor guard: the object a {@code synchronized} block locks goes through {@link
 * Guards#monitor}, which swaps an object the cell does not own for a private stand-in.
 *
 * <p>Compilers lock with {@code dup; astore n; monitorenter} and unlock with {@code aload n;
 * monitorexit}: the guard goes before the {@code dup}, so the local holds what was locked and
 * the unlocks need nothing, and the JIT still sees the locking balanced. Any other shape gets
 * the guard right before each {@code monitorenter} and before each {@code monitorexit} not of
 * that form; the guard gives the same answer for the same object, so the pairs still match.
 */
final class MonitorGuard extends CodeRewriter {

  private static final String DESCRIPTOR =
      "(Ljava/lang/Object;" + Type.getDescriptor(CellContext.class) + ")Ljava/lang/Object;";

  MonitorGuard(ClassVisitor next, ClassRewrite rewrite) {
    super(next, rewrite);
  }

  @Override
  MethodVisitor method(MethodVisitor next, int access, String name) {
    return new Guarding(next);
  }

  private final class Guarding extends MethodVisitor {
    /** A held {@code dup}, then a held {@code astore}: the start of the compilers' shape. */
    private boolean heldDup;
    private int heldStore = -1;
    /** The locals that hold what a compiler-shaped block locked. */
    private final BitSet lockLocals = new BitSet();
    /** The local just loaded, if the last instruction was an {@code aload}. */
    private int loaded = -1;

    Guarding(MethodVisitor next) {
      super(Opcodes.ASM9, next);
    }

    private void guard() {
      GuardCode.loadCell(mv, rewrite.className);
      mv.visitMethodInsn(
          Opcodes.INVOKESTATIC, Type.getInternalName(Guards.class), "monitor", DESCRIPTOR, false);
    }

    /** Emits what is held back: it was not the compilers' shape after all. */
    private void release() {
      if (heldDup) {
        heldDup = false;
        mv.visitInsn(Opcodes.DUP);
      }
      if (heldStore >= 0) {
        mv.visitVarInsn(Opcodes.ASTORE, heldStore);
        heldStore = -1;
      }
    }

    /** Before any instruction but those this visitor follows. */
    private void other() {
      release();
      loaded = -1;
    }

    @Override
    public void visitInsn(int opcode) {
      if (opcode == Opcodes.DUP && !heldDup && heldStore < 0) {
        other();
        heldDup = true;
        return;
      }
      if (opcode == Opcodes.MONITORENTER) {
        if (heldDup && heldStore >= 0) {
          // The compilers' shape: guard the object before it is duplicated and stored.
          heldDup = false;
          guard();
          mv.visitInsn(Opcodes.DUP);
          mv.visitVarInsn(Opcodes.ASTORE, heldStore);
          lockLocals.set(heldStore);
          heldStore = -1;
        } else {
          release();
          guard();
        }
        loaded = -1;
        mv.visitInsn(opcode);
        return;
      }
      if (opcode == Opcodes.MONITOREXIT) {
        boolean shaped = loaded >= 0 && lockLocals.get(loaded) && !heldDup && heldStore < 0;
        release();
        if (!shaped) {
          guard();
        }
        loaded = -1;
        mv.visitInsn(opcode);
        return;
      }
      other();
      mv.visitInsn(opcode);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
      if (opcode == Opcodes.ASTORE && heldDup && heldStore < 0) {
        heldStore = varIndex;
        return;
      }
      other();
      if (opcode == Opcodes.ASTORE) {
        // The local no longer holds what was locked, if it did.
        lockLocals.clear(varIndex);
      }
      mv.visitVarInsn(opcode, varIndex);
      loaded = opcode == Opcodes.ALOAD ? varIndex : -1;
    }

    @Override
    public void visitLabel(Label label) {
      other();
      mv.visitLabel(label);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
      other();
      mv.visitFrame(type, numLocal, local, numStack, stack);
    }

    @Override
    public void visitLineNumber(int line, Label start) {
      other();
      mv.visitLineNumber(line, start);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
      other();
      mv.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      other();
      mv.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      other();
      mv.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String descriptor, boolean isInterface) {
      other();
      mv.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(
        String name, String descriptor, Handle bootstrapMethod, Object... arguments) {
      other();
      mv.visitInvokeDynamicInsn(name, descriptor, bootstrapMethod, arguments);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
      other();
      mv.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object value) {
      other();
      mv.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
      other();
      mv.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
      other();
      mv.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
      other();
      mv.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
      other();
      mv.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
      other();
      mv.visitTryCatchBlock(start, end, handler, type);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      other();
      mv.visitMaxs(maxStack, maxLocals);
    }
  }
}
