package org.rexec.rewrite;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** A visitor of the rewriter's chain that works on the code of each method it passes on. */
abstract class CodeRewriter extends ClassVisitor {

  /** The state of this class's rewrite, shared along the chain. */
  final ClassRewrite rewrite;

  CodeRewriter(ClassVisitor next, ClassRewrite rewrite) {
    super(Opcodes.ASM9, next);
    this.rewrite = rewrite;
  }

  @Override
  public final MethodVisitor visitMethod(
      int access, String name, String descriptor, String signature, String[] exceptions) {
    MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
    return next == null ? null : method(next, access, name, descriptor);
  }

  /** Whether a method with these access flags has code: neither abstract nor native. */
  static boolean hasCode(int access) {
    return (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0;
  }

  /** The visitor of one method's code, passing it on to {@code next}. */
  abstract MethodVisitor method(MethodVisitor next, int access, String name);

  /** As {@link #method(MethodVisitor, int, String)}, for a visitor that needs the descriptor. */
  MethodVisitor method(MethodVisitor next, int access, String name, String descriptor) {
    return method(next, access, name);
  }
}
