package org.rexec.rewrite;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.rexec.bug.RexecBugException;

/**
 * Routes interposed JDK members to their shims, passing the calling class's cell last; a cell
 * class that extends or instantiates a substituted JDK class gets its substitute. Method
 * handles to interposed members reach here as calls in the bridges of {@link HandleBridge}.
 *
 * <p>Reads {@code rewrite.rules} (what is interposed, and how) and {@code className}.
 */
final class Interposer extends CodeRewriter {

  Interposer(ClassVisitor next, ClassRewrite rewrite) {
    super(next, rewrite);
  }

  /** A cell class that extends a substituted JDK class extends its substitute instead. */
  @Override
  public void visit(
      int version,
      int access,
      String name,
      String signature,
      String superName,
      String[] interfaces) {
    String substitute = superName == null ? null : rewrite.rules.substituteFor(superName);
    super.visit(
        version, access, name, signature, substitute == null ? superName : substitute, interfaces);
  }

  @Override
  MethodVisitor method(MethodVisitor next, int access, String name) {
    return new Router(next);
  }

  private final class Router extends MethodVisitor {
    Router(MethodVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      if (opcode == Opcodes.GETSTATIC && !GuardCode.isPlanted(owner, name)) {
        Decision decision = rewrite.rules.field(opcode, owner, name, descriptor);
        if (decision.verdict() == Decision.Verdict.INTERPOSE) {
          callShim(decision.shim());
          return;
        }
      }
      super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      String substitute = opcode == Opcodes.NEW ? rewrite.rules.substituteFor(type) : null;
      super.visitTypeInsn(opcode, substitute == null ? type : substitute);
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String descriptor, boolean isInterface) {
      if (!GuardCode.isPlanted(owner, name)) {
        Decision decision = rewrite.rules.method(opcode, owner, name, descriptor);
        if (decision.verdict() == Decision.Verdict.INTERPOSE) {
          route(decision.shim(), owner, descriptor);
          return;
        }
      }
      super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    /** Emits what takes the place of a call to {@code owner} with {@code descriptor}. */
    private void route(Interpositions.Shim shim, String owner, String descriptor) {
      switch (shim.form()) {
        case SUBSTITUTE:
          GuardCode.loadCell(mv, rewrite.className);
          mv.visitMethodInsn(Opcodes.INVOKESPECIAL, shim.owner(), "<init>", shim.descriptor(), false);
          return;
        case REDIRECT_ALL:
          callShim(shim);
          break;
        case REDIRECT_SPREAD:
          callShim(shim);
          spread(Type.getArgumentTypes(shim.target()));
          break;
        case REDIRECT_FIRST:
          mapFirstArgument(shim, Type.getArgumentTypes(descriptor).length);
          break;
        case REDIRECT_FIRST_INSERT_FALSE:
          // [name, charset] -> [stream, charset] -> [stream, charset, false] -> [stream, false, charset]
          mapFirstArgument(shim, 2);
          mv.visitInsn(Opcodes.ICONST_0);
          mv.visitInsn(Opcodes.SWAP);
          break;
        default:
          callShim(shim);
          return;
      }
      mv.visitMethodInsn(Opcodes.INVOKESPECIAL, owner, "<init>", shim.target(), false);
    }

    private void callShim(Interpositions.Shim shim) {
      GuardCode.loadCell(mv, rewrite.className);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, shim.owner(), shim.name(), shim.descriptor(), false);
    }

    /**
     * Replaces the {@code Object[]} on the stack by its elements cast to {@code types}, without
     * a local: {@code dup; iconst i; aaload; checkcast; swap} for each but the last. The stack
     * grows by at most three over the original arguments ({@code Interpositions} admits only
     * such redirects), which {@link #visitMaxs} allows for.
     */
    private void spread(Type[] types) {
      for (int i = 0; i < types.length; i++) {
        boolean last = i == types.length - 1;
        if (!last) {
          mv.visitInsn(Opcodes.DUP);
        }
        mv.visitInsn(Opcodes.ICONST_0 + i);
        mv.visitInsn(Opcodes.AALOAD);
        mv.visitTypeInsn(Opcodes.CHECKCAST, types[i].getInternalName());
        if (!last) {
          mv.visitInsn(Opcodes.SWAP);
        }
      }
    }

    /**
     * Maps the deepest of {@code count} (at most three, one-slot) arguments on the stack,
     * rotating it to the top and back: no local variable is needed, so no frame changes.
     */
    private void mapFirstArgument(Interpositions.Shim shim, int count) {
      switch (count) {
        case 1:
          callShim(shim);
          break;
        case 2:
          mv.visitInsn(Opcodes.SWAP);
          callShim(shim);
          mv.visitInsn(Opcodes.SWAP);
          break;
        case 3:
          mv.visitInsn(Opcodes.DUP2_X1);
          mv.visitInsn(Opcodes.POP2);
          callShim(shim);
          mv.visitInsn(Opcodes.DUP_X2);
          mv.visitInsn(Opcodes.POP);
          break;
        default:
          throw new RexecBugException("cannot map the first of " + count + " arguments");
      }
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      // The cell, and two more while arguments are rotated.
      super.visitMaxs(GuardCode.addStack(maxStack, 3), maxLocals);
    }
  }
}
