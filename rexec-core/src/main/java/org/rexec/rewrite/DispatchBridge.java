package org.rexec.rewrite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.rexec.policy.Rule;

/**
 * Routes the JDK methods that a cell class inherits where a call judged elsewhere reaches them
 * (see {@link Selection}): for each one that a direct call would not reach as it is (refused or
 * interposed), the class gets an overriding bridge whose body is a {@code super} call to it,
 * which the visitors downstream then judge and route like any call of cell code: a refusal
 * guard, or the shim. Where no bridge can be planted (the JDK method is final, the class
 * declares the signature itself as private or static, the interface is not accessible, or the
 * class file is too old for a super call to an interface) the class is refused in its static
 * initializer, so that no instance of it can exist.
 *
 * <p>It runs before {@link ReferenceCheck}, so the bridges pass through the whole chain.
 */
final class DispatchBridge extends ClassVisitor {

  private final ClassRewrite rewrite;
  private final List<Selection.Inherited> bridges = new ArrayList<>();
  private String superName;

  DispatchBridge(ClassVisitor next, ClassRewrite rewrite) {
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
    this.superName = superName;
    List<String> direct =
        new ArrayList<>(interfaces == null ? List.of() : Arrays.asList(interfaces));
    if ((access & Opcodes.ACC_INTERFACE) == 0 && rewrite.rejections.isEmpty()) {
      Optional<TypeInfo> self = rewrite.resolver.type(name);
      if (self.isEmpty() || !self.get().inCell()) {
        // Unreadable where the full reader succeeded: nothing to judge it by.
        rewrite.reject("define", "a class file the rewriter cannot analyse", Rule.DISPATCH);
      } else {
        plan(self.get(), version & 0xFFFF, direct);
      }
    }
    super.visit(version, access, name, signature, superName, direct.toArray(String[]::new));
  }

  /** Decides each inherited method: nothing, a bridge (adding its interface), or a refusal. */
  private void plan(TypeInfo self, int majorVersion, List<String> directInterfaces) {
    for (Selection.Inherited inherited : rewrite.selection.inheritedJdkMethods(self)) {
      if (rewrite.rules.inherited(inherited).verdict() == Decision.Verdict.ALLOW) {
        continue;
      }
      boolean bridgeable =
          !self.declaresMethod(inherited.name(), inherited.descriptor())
              && (inherited.access() & Opcodes.ACC_FINAL) == 0
              && (!inherited.isDefault()
                  || (inherited.declaring().isPublic() && majorVersion >= Opcodes.V1_8));
      if (!bridgeable) {
        rewrite.initializerRefusals.add(
            rewrite.record(
                Decision.refuse("inherit", describe(inherited), Rule.DISPATCH),
                "<clinit>",
                -1));
        continue;
      }
      if (inherited.isDefault() && !directInterfaces.contains(inherited.declaring().name())) {
        // A super call to a default method must name a direct superinterface (JVMS 4.9.2); the
        // interface is already an indirect one, so the class's supertypes stay the same.
        directInterfaces.add(inherited.declaring().name());
      }
      bridges.add(inherited);
    }
  }

  @Override
  public void visitEnd() {
    for (Selection.Inherited inherited : bridges) {
      emitBridge(inherited);
    }
    super.visitEnd();
  }

  /** {@code public R name(A...) { return super.name(...); }}, the super call naming the JDK. */
  private void emitBridge(Selection.Inherited inherited) {
    MethodVisitor method =
        super.visitMethod(
            Opcodes.ACC_PUBLIC | Opcodes.ACC_SYNTHETIC,
            inherited.name(),
            inherited.descriptor(),
            null,
            null);
    if (method == null) {
      return;
    }
    method.visitCode();
    method.visitVarInsn(Opcodes.ALOAD, 0);
    int slot = 1;
    for (Type argument : Type.getArgumentTypes(inherited.descriptor())) {
      method.visitVarInsn(argument.getOpcode(Opcodes.ILOAD), slot);
      slot += argument.getSize();
    }
    TypeInfo declaring = inherited.declaring();
    // A non-public JDK superclass cannot be named; the direct superclass resolves to it.
    String owner =
        declaring.isInterface() || declaring.isPublic() ? declaring.name() : superName;
    method.visitMethodInsn(
        Opcodes.INVOKESPECIAL,
        owner,
        inherited.name(),
        inherited.descriptor(),
        declaring.isInterface());
    method.visitInsn(Type.getReturnType(inherited.descriptor()).getOpcode(Opcodes.IRETURN));
    method.visitMaxs(slot, slot);
    method.visitEnd();
  }

  /** {@code java.lang.Thread.getThreadGroup() as Main$Grouped.getThreadGroup()}. */
  static String describe(Selection.Inherited inherited) {
    return ReferenceRules.describeMethod(
            inherited.declaring().name(), inherited.name(), inherited.descriptor())
        + " as "
        + ReferenceRules.describeMethod(
            inherited.exposedBy().name(), inherited.name(), inherited.descriptor());
  }
}
