package org.rexec.rewrite;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.rexec.jdk.RandomStreams;
import org.rexec.runtime.Guards;

/**
 * Plants the walk guard after the JDK calls that return a stream of random numbers ({@link
 * RandomStreams}: {@code Random.ints()} and its kin, endless unless limited): the stream the program gets checks the
 * cell at every element, so a JDK walk of it ({@code new Random().ints().sum()}), which calls no
 * code of the cell's, stops with the cell.
 */
final class StreamGuard extends CodeRewriter {

  private static final String GUARDS = Type.getInternalName(Guards.class);

  StreamGuard(ClassVisitor next, ClassRewrite rewrite) {
    super(next, rewrite);
  }

  @Override
  MethodVisitor method(MethodVisitor next, int access, String name) {
    return new Guarding(next);
  }

  private final class Guarding extends MethodVisitor {
    Guarding(MethodVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String descriptor, boolean isInterface) {
      super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
      String returned = Type.getReturnType(descriptor).getDescriptor();
      if (RandomStreams.isRandomStream(owner, returned)) {
        // [stream] -> [stream, cell] -> [guarded stream]
        GuardCode.loadCell(mv, rewrite.className);
        mv.visitMethodInsn(
            Opcodes.INVOKESTATIC,
            GUARDS,
            "walk",
            "(" + returned + GuardCode.CELL_DESCRIPTOR + ")" + returned,
            false);
      }
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      super.visitMaxs(GuardCode.addStack(maxStack, 1), maxLocals);
    }
  }
}
