package org.rexec.rewrite;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.rexec.jdk.FormatCalls;
import org.rexec.runtime.Guards;

/**
 * Checks the format string before every JDK call that formats ({@link FormatCalls}): a width or
 * precision sizes the string the JDK builds, so {@link Guards#format} ends the run with the
 * memory limit for one that would be larger than the largest allowed. The format string is just
 * below the arguments array, rotated to the top and back. Calls are matched by the owner the
 * bytecode names, and the JDK member itself still runs.
 *
 * <p>Reads {@code rewrite.className}.
 */
final class FormatGuard extends CodeRewriter {

  private static final String GUARDS = Type.getInternalName(Guards.class);
  private static final String FORMAT =
      "(Ljava/lang/String;" + GuardCode.CELL_DESCRIPTOR + ")Ljava/lang/String;";

  FormatGuard(ClassVisitor next, ClassRewrite rewrite) {
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
      if (FormatCalls.isFormat(owner, name, descriptor)) {
        GuardCode.aroundArgument(mv, 1, this::guardFormat);
      }
      super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    private void guardFormat() {
      GuardCode.loadCell(mv, rewrite.className);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, GUARDS, "format", FORMAT, false);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      // The cell.
      super.visitMaxs(GuardCode.addStack(maxStack, 1), maxLocals);
    }
  }
}
