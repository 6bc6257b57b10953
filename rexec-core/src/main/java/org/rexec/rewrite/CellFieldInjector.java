package org.rexec.rewrite;

import java.util.List;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.rexec.runtime.CellContext;
import org.rexec.runtime.RefusalSite;

/**
 * Gives the class its cell: {@code static final} fields that the static initializer fills,
 * first thing, with the cell, from {@link CellContext#of(Class)}, and the cell's loop guard,
 * followed by the class-level refusals (a
 * refused supertype makes the class impossible to initialize, hence to instantiate or call).
 *
 * <p>Class files older than Java 5 are raised to version 49, the first that can load a class
 * constant; versions below 50 carry no stack map frames, so nothing else changes.
 */
final class CellFieldInjector extends ClassVisitor {

  private static final int OLDEST_VERSION = Opcodes.V1_5;

  private final ClassRewrite rewrite;
  private boolean hasInitializer;

  CellFieldInjector(ClassVisitor next, ClassRewrite rewrite) {
    super(Opcodes.ASM9, next);
    this.rewrite = rewrite;
  }

  @Override
  public void visit(
      int version,
      int access,
      String name,
      String signature,
      String superName,
      String[] interfaces) {
    int raised = (version & 0xFFFF) < OLDEST_VERSION ? OLDEST_VERSION : version;
    super.visit(raised, access, name, signature, superName, interfaces);
  }

  @Override
  public MethodVisitor visitMethod(
      int access, String name, String descriptor, String signature, String[] exceptions) {
    MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
    if (next == null || !"<clinit>".equals(name)) {
      return next;
    }
    hasInitializer = true;
    return new MethodVisitor(Opcodes.ASM9, next) {
      @Override
      public void visitCode() {
        super.visitCode();
        emitPrologue(mv);
      }

      @Override
      public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(GuardCode.addStack(maxStack, GuardCode.MAX_EXTRA_STACK), maxLocals);
      }
    };
  }

  @Override
  public void visitEnd() {
    int access =
        Opcodes.ACC_STATIC
            | Opcodes.ACC_FINAL
            | Opcodes.ACC_SYNTHETIC
            // Interface fields must be public (JVMS 4.5); untrusted code still cannot name it.
            | (rewrite.isInterface ? Opcodes.ACC_PUBLIC : Opcodes.ACC_PRIVATE);
    super.visitField(access, GuardCode.CELL_FIELD, GuardCode.CELL_DESCRIPTOR, null, null)
        .visitEnd();
    super.visitField(access, GuardCode.LOOP_FIELD, GuardCode.HANDLE_DESCRIPTOR, null, null)
        .visitEnd();
    if (!hasInitializer) {
      MethodVisitor initializer =
          super.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
      initializer.visitCode();
      emitPrologue(initializer);
      initializer.visitInsn(Opcodes.RETURN);
      initializer.visitMaxs(GuardCode.MAX_EXTRA_STACK, 0);
      initializer.visitEnd();
    }
    super.visitEnd();
  }

  private void emitPrologue(MethodVisitor method) {
    String className = rewrite.className;
    method.visitLdcInsn(Type.getObjectType(className));
    method.visitMethodInsn(
        Opcodes.INVOKESTATIC,
        GuardCode.CONTEXT_OWNER,
        "of",
        "(Ljava/lang/Class;)" + GuardCode.CELL_DESCRIPTOR,
        false);
    method.visitInsn(Opcodes.DUP);
    method.visitFieldInsn(
        Opcodes.PUTSTATIC, className, GuardCode.CELL_FIELD, GuardCode.CELL_DESCRIPTOR);
    method.visitMethodInsn(
        Opcodes.INVOKEVIRTUAL,
        GuardCode.CONTEXT_OWNER,
        "loopGuard",
        "()" + GuardCode.HANDLE_DESCRIPTOR,
        false);
    method.visitFieldInsn(
        Opcodes.PUTSTATIC, className, GuardCode.LOOP_FIELD, GuardCode.HANDLE_DESCRIPTOR);
    List<RefusalSite> refusals = rewrite.initializerRefusals;
    for (RefusalSite site : refusals) {
      GuardCode.refused(method, className, site);
    }
  }
}
