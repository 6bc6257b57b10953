package org.rexec.rewrite;

import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Routes interposed JDK members to their shims, passing the calling class's cell last. A
 * method handle to an interposed member (a method reference such as {@code System::exit})
 * becomes a handle to a synthetic bridge method of the class whose body makes the ordinary
 * call, which this visitor then routes like any other.
 */
final class Interposer extends ClassVisitor {

  private static final String BRIDGE_PREFIX = "$rexec$bridge$";

  private final ClassRewrite rewrite;
  private final Map<Handle, Handle> bridges = new LinkedHashMap<>();

  Interposer(ClassVisitor next, ClassRewrite rewrite) {
    super(Opcodes.ASM9, next);
    this.rewrite = rewrite;
  }

  @Override
  public MethodVisitor visitMethod(
      int access, String name, String descriptor, String signature, String[] exceptions) {
    MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
    return next == null ? null : new Router(next);
  }

  @Override
  public void visitEnd() {
    // Bridges are emitted through this visitor, so their bodies are routed (and guarded
    // downstream) like the class's own code.
    for (Map.Entry<Handle, Handle> bridge : Map.copyOf(bridges).entrySet()) {
      emitBridge(bridge.getKey(), bridge.getValue());
    }
    super.visitEnd();
  }

  private static boolean isPlanted(String owner, String name) {
    return Packages.isRexec(owner) || name.startsWith("$rexec$");
  }

  private final class Router extends MethodVisitor {
    Router(MethodVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      if (opcode == Opcodes.GETSTATIC && !isPlanted(owner, name)) {
        Decision decision = rewrite.rules.field(opcode, owner, name, descriptor);
        if (decision.verdict() == Decision.Verdict.INTERPOSE) {
          callShim(decision.shim());
          return;
        }
      }
      super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String descriptor, boolean isInterface) {
      if (!isPlanted(owner, name)) {
        Decision decision = rewrite.rules.method(opcode, owner, name, descriptor);
        if (decision.verdict() == Decision.Verdict.INTERPOSE) {
          callShim(decision.shim());
          return;
        }
      }
      super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    private void callShim(Interpositions.Shim shim) {
      GuardCode.loadCell(mv, rewrite.className);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, shim.owner(), shim.name(), shim.descriptor(), false);
    }

    @Override
    public void visitInvokeDynamicInsn(
        String name, String descriptor, Handle bootstrapMethod, Object... arguments) {
      super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethod, bridged(arguments));
    }

    @Override
    public void visitLdcInsn(Object value) {
      super.visitLdcInsn(bridged(value));
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      super.visitMaxs(GuardCode.addStack(maxStack, 1), maxLocals);
    }
  }

  private Object[] bridged(Object[] constants) {
    Object[] mapped = constants.clone();
    for (int i = 0; i < mapped.length; i++) {
      mapped[i] = bridged(mapped[i]);
    }
    return mapped;
  }

  /** The constant with every handle to an interposed member replaced by a bridge handle. */
  private Object bridged(Object constant) {
    if (constant instanceof Handle handle) {
      return rewrite.rules.handle(handle).verdict() == Decision.Verdict.INTERPOSE
          ? bridges.computeIfAbsent(handle, this::bridgeHandle)
          : handle;
    }
    if (constant instanceof ConstantDynamic dynamic) {
      Object[] arguments = new Object[dynamic.getBootstrapMethodArgumentCount()];
      for (int i = 0; i < arguments.length; i++) {
        arguments[i] = bridged(dynamic.getBootstrapMethodArgument(i));
      }
      return new ConstantDynamic(
          dynamic.getName(), dynamic.getDescriptor(), dynamic.getBootstrapMethod(), arguments);
    }
    return constant;
  }

  private Handle bridgeHandle(Handle target) {
    String descriptor =
        switch (target.getTag()) {
          case Opcodes.H_GETSTATIC -> "()" + target.getDesc();
          case Opcodes.H_INVOKESTATIC -> target.getDesc();
          case Opcodes.H_NEWINVOKESPECIAL -> Type.getMethodDescriptor(
              Type.getObjectType(target.getOwner()), Type.getArgumentTypes(target.getDesc()));
          case Opcodes.H_INVOKEVIRTUAL, Opcodes.H_INVOKEINTERFACE -> withReceiver(target);
          default -> throw new IllegalStateException("no bridge for handle kind " + target);
        };
    return new Handle(
        Opcodes.H_INVOKESTATIC,
        rewrite.className,
        BRIDGE_PREFIX + bridges.size(),
        descriptor,
        rewrite.isInterface);
  }

  private static String withReceiver(Handle target) {
    Type[] arguments = Type.getArgumentTypes(target.getDesc());
    Type[] withReceiver = new Type[arguments.length + 1];
    withReceiver[0] = Type.getObjectType(target.getOwner());
    System.arraycopy(arguments, 0, withReceiver, 1, arguments.length);
    return Type.getMethodDescriptor(Type.getReturnType(target.getDesc()), withReceiver);
  }

  private void emitBridge(Handle target, Handle bridge) {
    MethodVisitor method =
        visitMethod(
            Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
            bridge.getName(),
            bridge.getDesc(),
            null,
            null);
    method.visitCode();
    if (target.getTag() == Opcodes.H_NEWINVOKESPECIAL) {
      method.visitTypeInsn(Opcodes.NEW, target.getOwner());
      method.visitInsn(Opcodes.DUP);
    }
    int slot = 0;
    for (Type argument : Type.getArgumentTypes(bridge.getDesc())) {
      method.visitVarInsn(argument.getOpcode(Opcodes.ILOAD), slot);
      slot += argument.getSize();
    }
    switch (target.getTag()) {
      case Opcodes.H_GETSTATIC:
        method.visitFieldInsn(
            Opcodes.GETSTATIC, target.getOwner(), target.getName(), target.getDesc());
        break;
      case Opcodes.H_INVOKESTATIC:
        method.visitMethodInsn(
            Opcodes.INVOKESTATIC,
            target.getOwner(),
            target.getName(),
            target.getDesc(),
            target.isInterface());
        break;
      case Opcodes.H_NEWINVOKESPECIAL:
        method.visitMethodInsn(
            Opcodes.INVOKESPECIAL, target.getOwner(), "<init>", target.getDesc(), false);
        break;
      case Opcodes.H_INVOKEINTERFACE:
        method.visitMethodInsn(
            Opcodes.INVOKEINTERFACE, target.getOwner(), target.getName(), target.getDesc(), true);
        break;
      default:
        method.visitMethodInsn(
            Opcodes.INVOKEVIRTUAL, target.getOwner(), target.getName(), target.getDesc(), false);
        break;
    }
    Type returnType = Type.getReturnType(bridge.getDesc());
    method.visitInsn(returnType.getOpcode(Opcodes.IRETURN));
    // Arguments, plus the new object twice, plus the cell the shim takes.
    method.visitMaxs(slot + 3, slot);
    method.visitEnd();
  }
}
