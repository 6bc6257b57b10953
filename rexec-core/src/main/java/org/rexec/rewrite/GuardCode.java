package org.rexec.rewrite;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.rexec.runtime.CellContext;
import org.rexec.runtime.Guards;
import org.rexec.runtime.RefusalSite;

/** The bytecode sequences the rewriter plants. None of them branches, so frames stay valid. */
final class GuardCode {

  /** The static field through which a rewritten class reaches its cell. */
  static final String CELL_FIELD = "$rexec$cell";

  /** The static field holding the class's loop guard ({@link CellContext#loopGuard()}). */
  static final String LOOP_FIELD = "$rexec$loop";

  static final String CELL_DESCRIPTOR = Type.getDescriptor(CellContext.class);
  static final String HANDLE_DESCRIPTOR = "Ljava/lang/invoke/MethodHandle;";
  static final String CONTEXT_OWNER = Type.getInternalName(CellContext.class);

  private static final String GUARDS = Type.getInternalName(Guards.class);

  /** Extra operand stack that any one planted sequence needs. */
  static final int MAX_EXTRA_STACK = 2;

  private GuardCode() {}

  /**
   * Whether a member reference is one the rewriter planted (rexec's runtime, or a {@code $rexec$}
   * member of the class): never judged, routed or bridged again.
   */
  static boolean isPlanted(String owner, String name) {
    return Packages.isRexec(owner) || name.startsWith("$rexec$");
  }

  /** Pushes the class's {@link CellContext}. */
  static void loadCell(MethodVisitor method, String className) {
    method.visitFieldInsn(Opcodes.GETSTATIC, className, CELL_FIELD, CELL_DESCRIPTOR);
  }

  /** The kill check: stack unchanged. */
  static void check(MethodVisitor method, String className) {
    loadCell(method, className);
    method.visitMethodInsn(
        Opcodes.INVOKESTATIC, GUARDS, "check", "(" + CELL_DESCRIPTOR + ")V", false);
  }

  /**
   * The kill check at a loop back-edge: the class's loop guard, a method handle that compiled
   * code does not execute while the cell runs. Stack unchanged.
   */
  static void loopCheck(MethodVisitor method, String className) {
    method.visitFieldInsn(Opcodes.GETSTATIC, className, LOOP_FIELD, HANDLE_DESCRIPTOR);
    method.visitMethodInsn(
        Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", "()V", false);
  }

  /** The handler guard, with the caught throwable on top of the stack: stack unchanged. */
  static void caught(MethodVisitor method, String className) {
    method.visitInsn(Opcodes.DUP);
    loadCell(method, className);
    method.visitMethodInsn(
        Opcodes.INVOKESTATIC,
        GUARDS,
        "caught",
        "(Ljava/lang/Throwable;" + CELL_DESCRIPTOR + ")V",
        false);
  }

  /** The refusal guard: always throws, so the instruction after it never runs. */
  static void refused(MethodVisitor method, String className, RefusalSite site) {
    method.visitLdcInsn(site.encode());
    loadCell(method, className);
    method.visitMethodInsn(
        Opcodes.INVOKESTATIC,
        GUARDS,
        "refused",
        "(Ljava/lang/String;" + CELL_DESCRIPTOR + ")V",
        false);
  }

  /**
   * Plants {@code guard} (which maps the value on top to itself) for the argument {@code depth}
   * (0 to 2) one-slot values below the top, rotating it up and back: no local, so no frame
   * changes. The rotation needs two more slots of stack than the guard.
   */
  static void aroundArgument(MethodVisitor method, int depth, Runnable guard) {
    switch (depth) {
      case 0 -> guard.run();
      case 1 -> {
        method.visitInsn(Opcodes.SWAP);
        guard.run();
        method.visitInsn(Opcodes.SWAP);
      }
      default -> {
        method.visitInsn(Opcodes.DUP2_X1);
        method.visitInsn(Opcodes.POP2);
        guard.run();
        method.visitInsn(Opcodes.DUP_X2);
        method.visitInsn(Opcodes.POP);
      }
    }
  }

  /** {@code maxStack + extra}, kept within the class file's limit. */
  static int addStack(int maxStack, int extra) {
    return Math.min(maxStack + extra, 0xFFFF);
  }
}
