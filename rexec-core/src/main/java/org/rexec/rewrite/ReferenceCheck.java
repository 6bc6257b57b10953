package org.rexec.rewrite;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.rexec.policy.Rule;
import org.rexec.runtime.RefusalSite;

/**
 * Checks every reference in every method: member and class references, constants, bootstrap
 * methods and their arguments. A refused reference gets a throwing guard right in front of it
 * (no label lies between the two, so nothing can jump past the guard); a rejected one is
 * recorded for the whole class.
 */
final class ReferenceCheck extends CodeRewriter {

  ReferenceCheck(ClassVisitor next, ClassRewrite rewrite) {
    super(next, rewrite);
  }

  @Override
  MethodVisitor method(MethodVisitor next, int access, String name) {
    return new MethodCheck(next, name);
  }

  private final class MethodCheck extends MethodVisitor {
    private final String methodName;
    private int line = -1;

    MethodCheck(MethodVisitor next, String methodName) {
      super(Opcodes.ASM9, next);
      this.methodName = methodName;
    }

    private void act(Decision decision) {
      RefusalSite site = rewrite.record(decision, methodName, line);
      if (site != null) {
        GuardCode.refused(mv, rewrite.className, site);
      }
    }

    @Override
    public void visitLineNumber(int line, Label start) {
      this.line = line;
      super.visitLineNumber(line, start);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      act(
          opcode == Opcodes.NEW
              ? rewrite.rules.classUse("new", Type.getObjectType(type))
              : rewrite.rules.mention(type));
      super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      act(rewrite.rules.field(opcode, owner, name, descriptor));
      super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    /** A handle to an interposed member whose shim refuses every call is as known as a call. */
    private void knownHandle(Object constant) {
      if (constant instanceof Handle handle) {
        rewrite.recordRefusingShim(rewrite.rules.handle(handle), "method-handle",
            ReferenceRules.describe(handle), methodName, line);
      }
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String descriptor, boolean isInterface) {
      Decision decision = rewrite.rules.method(opcode, owner, name, descriptor);
      act(decision);
      rewrite.recordRefusingShim(decision, "call",
          ReferenceRules.describeMethod(owner, name, descriptor), methodName, line);
      super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(
        String name, String descriptor, Handle bootstrapMethod, Object... arguments) {
      Decision decision = rewrite.rules.mention(descriptor);
      if (decision.verdict() == Decision.Verdict.ALLOW) {
        decision = rewrite.rules.bootstrap(bootstrapMethod, arguments);
      }
      if (decision.verdict() == Decision.Verdict.ALLOW
          && LambdaClass.isMetafactory(bootstrapMethod)) {
        decision = lambda(name, descriptor, arguments);
      }
      act(decision);
      if (decision.verdict() == Decision.Verdict.ALLOW) {
        for (Object argument : arguments) {
          knownHandle(argument);
        }
      }
      super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethod, arguments);
    }

    /**
     * A lambda's class implements its interfaces as surely as a class that names them as
     * supertypes, and the JDK makes it: no bridge can be planted in it, so a JDK method that it
     * would inherit where a call judged elsewhere selects it refuses the call site.
     */
    private Decision lambda(String name, String descriptor, Object[] arguments) {
      TypeInfo lambdaClass =
          LambdaClass.of(rewrite.className, name, descriptor, arguments).orElse(null);
      if (lambdaClass == null) {
        // LambdaMetafactory refuses such arguments too: the call site never links.
        return rewrite.rules.classUse("extend", Type.getReturnType(descriptor));
      }
      for (String implemented : lambdaClass.interfaces()) {
        Decision decision = rewrite.rules.classUse("extend", Type.getObjectType(implemented));
        if (decision.verdict() != Decision.Verdict.ALLOW) {
          return decision;
        }
      }
      for (Selection.Inherited inherited : rewrite.selection.inheritedJdkMethods(lambdaClass)) {
        if (rewrite.rules.inherited(inherited).verdict() != Decision.Verdict.ALLOW) {
          return Decision.refuse(
              "inherit", DispatchBridge.describe(inherited), Rule.DISPATCH);
        }
      }
      return Decision.ALLOWED;
    }

    @Override
    public void visitLdcInsn(Object value) {
      act(rewrite.rules.constant(value));
      knownHandle(value);
      super.visitLdcInsn(value);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
      act(rewrite.rules.mention(descriptor));
      super.visitMultiANewArrayInsn(descriptor, dimensions);
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
      // Only a rejection is possible here; nothing is planted before the code starts.
      rewrite.record(rewrite.rules.mention(type), methodName, -1);
      super.visitTryCatchBlock(start, end, handler, type);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      super.visitMaxs(GuardCode.addStack(maxStack, GuardCode.MAX_EXTRA_STACK), maxLocals);
    }
  }
}
