package org.rexec.rewrite;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.rexec.runtime.Guards;

/**
 * Plants the cast guard before every {@code checkcast}: a cast that fails throws the {@code
 * ClassCastException} the JVM would, but naming the classes the cell sees, since the JVM's
 * message names the class of the object (one of rexec's, for the cell's threads and the
 * substitutes) and the cell's class loader. The cast itself stays, so frames and types are as
 * before; the guard makes it never fail.
 *
 * <p>Class files older than Java 5 cannot load a class constant and keep their casts as they
 * are.
 */
final class CastGuard extends CodeRewriter {

  static final String GUARDS = Type.getInternalName(Guards.class);
  static final String METHOD = "cast";
  static final String DESCRIPTOR = "(Ljava/lang/Object;Ljava/lang/Class;)Ljava/lang/Object;";

  private boolean canLoadClassConstants;

  CastGuard(ClassVisitor next, ClassRewrite rewrite) {
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
    canLoadClassConstants = (version & 0xFFFF) >= Opcodes.V1_5;
    super.visit(version, access, name, signature, superName, interfaces);
  }

  @Override
  MethodVisitor method(MethodVisitor next, int access, String name) {
    return canLoadClassConstants ? new Guarding(next) : next;
  }

  private static final class Guarding extends MethodVisitor {
    Guarding(MethodVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      if (opcode == Opcodes.CHECKCAST) {
        // [value] -> [value, type] -> [value]: straight-line, no frame changes.
        mv.visitLdcInsn(Type.getObjectType(type));
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, GUARDS, METHOD, DESCRIPTOR, false);
      }
      super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      super.visitMaxs(GuardCode.addStack(maxStack, 1), maxLocals);
    }
  }
}
