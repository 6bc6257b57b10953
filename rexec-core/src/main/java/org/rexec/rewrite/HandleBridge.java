package org.rexec.rewrite;

import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.rexec.bug.RexecBugException;
import org.rexec.fs.StackTraces;

/**
 * Turns method handles into calls: a method handle to an interposed member (a method reference
 * such as {@code System::exit}), and a lambda's implementation that names a JDK member, become a
 * handle to a synthetic bridge method of the class whose body makes the ordinary call. The
 * bridges are passed down the chain like the class's own methods, so the {@link Interposer}
 * routes their calls and the guards guard them.
 *
 * <p>Reads {@code rewrite.rules} (which handles are interposed), {@code className} and {@code
 * isInterface} (the bridges' owner).
 */
final class HandleBridge extends CodeRewriter {

  /**
   * A bridge to make: its target, and the type its receiver parameter has (for a method
   * reference bound to a receiver, the type the call site captures it as; the lambda
   * metafactory wants exactly that type), or {@code null} for the target's owner.
   */
  private record BridgeKey(Handle target, Type receiver) {}

  private final Map<BridgeKey, Handle> bridges = new LinkedHashMap<>();

  HandleBridge(ClassVisitor next, ClassRewrite rewrite) {
    super(next, rewrite);
  }

  @Override
  MethodVisitor method(MethodVisitor next, int access, String name) {
    return new Bridging(next);
  }

  @Override
  public void visitEnd() {
    // Bridges are emitted through this visitor, so their bodies are routed (and guarded
    // downstream) like the class's own code.
    for (Map.Entry<BridgeKey, Handle> bridge : Map.copyOf(bridges).entrySet()) {
      emitBridge(bridge.getKey().target(), bridge.getValue());
    }
    super.visitEnd();
  }

  private final class Bridging extends MethodVisitor {
    Bridging(MethodVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visitInvokeDynamicInsn(
        String name, String descriptor, Handle bootstrapMethod, Object... arguments) {
      Object[] mapped = arguments.clone();
      for (int i = 0; i < mapped.length; i++) {
        mapped[i] =
            i == 1
                    && LambdaClass.isMetafactory(bootstrapMethod)
                    && mapped[i] instanceof Handle target
                ? lambdaTarget(target, capturedReceiver(descriptor, target))
                : bridged(mapped[i]);
      }
      super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethod, mapped);
    }

    @Override
    public void visitLdcInsn(Object value) {
      super.visitLdcInsn(bridged(value));
    }
  }

  /**
   * The implementation of a lambda: a method reference to a JDK member ({@code ArrayList::new},
   * {@code Math::random}) becomes a bridge of the class, so every call of the function runs cell
   * code, with its kill check and with the guards and shims of an ordinary call of that member.
   * Otherwise a JDK walk that calls the function (an endless {@code Stream.generate}) would run
   * no check at all.
   */
  private Handle lambdaTarget(Handle target, Type receiver) {
    boolean jdk =
        Packages.isReserved(target.getOwner()) || target.getOwner().startsWith("[");
    int tag = target.getTag();
    boolean bridgeable =
        tag == Opcodes.H_INVOKESTATIC
            || tag == Opcodes.H_INVOKEVIRTUAL
            || tag == Opcodes.H_INVOKEINTERFACE
            || tag == Opcodes.H_NEWINVOKESPECIAL;
    boolean interposed = rewrite.rules.handle(target).verdict() == Decision.Verdict.INTERPOSE;
    return interposed || (jdk && bridgeable && !GuardCode.isPlanted(target.getOwner(), target.getName()))
        ? bridge(target, receiver)
        : target;
  }

  /**
   * For a method reference bound to its receiver ({@code thread::getClass}, {@code
   * array::clone}), the type the call site captures the receiver as: the first parameter of the
   * factory's type, a class, interface or array type. Else {@code null}. The metafactory
   * requires a static implementation's captured parameters to be exactly the captured types.
   */
  private static Type capturedReceiver(String factoryDescriptor, Handle target) {
    Type[] captured = Type.getArgumentTypes(factoryDescriptor);
    boolean virtual =
        target.getTag() == Opcodes.H_INVOKEVIRTUAL || target.getTag() == Opcodes.H_INVOKEINTERFACE;
    boolean reference =
        captured.length > 0
            && (captured[0].getSort() == Type.OBJECT || captured[0].getSort() == Type.ARRAY);
    return virtual && reference ? captured[0] : null;
  }

  private Handle bridge(Handle target, Type receiver) {
    return bridges.computeIfAbsent(
        new BridgeKey(target, receiver), key -> bridgeHandle(key.target(), key.receiver()));
  }

  /** The constant with every handle to an interposed member replaced by a bridge handle. */
  private Object bridged(Object constant) {
    if (constant instanceof Handle handle) {
      return rewrite.rules.handle(handle).verdict() == Decision.Verdict.INTERPOSE
          ? bridge(handle, null)
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

  private Handle bridgeHandle(Handle target, Type receiver) {
    String descriptor =
        switch (target.getTag()) {
          case Opcodes.H_GETSTATIC -> "()" + target.getDesc();
          case Opcodes.H_INVOKESTATIC -> target.getDesc();
          case Opcodes.H_NEWINVOKESPECIAL -> Type.getMethodDescriptor(
              Type.getObjectType(target.getOwner()), Type.getArgumentTypes(target.getDesc()));
          case Opcodes.H_INVOKEVIRTUAL, Opcodes.H_INVOKEINTERFACE -> withReceiver(
              target, receiver == null ? Type.getObjectType(target.getOwner()) : receiver);
          default -> throw new RexecBugException("no bridge for handle kind " + target);
        };
    return new Handle(
        Opcodes.H_INVOKESTATIC,
        rewrite.className,
        StackTraces.BRIDGE_PREFIX + bridges.size(),
        descriptor,
        rewrite.isInterface);
  }

  private static String withReceiver(Handle target, Type receiver) {
    Type[] arguments = Type.getArgumentTypes(target.getDesc());
    Type[] withReceiver = new Type[arguments.length + 1];
    withReceiver[0] = receiver;
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
    if (target.getTag() == Opcodes.H_INVOKEVIRTUAL
        || target.getTag() == Opcodes.H_INVOKEINTERFACE) {
      requireReceiver(method, Type.getArgumentTypes(bridge.getDesc()));
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

  /**
   * A null receiver throws a {@code NullPointerException} without a message, as a plain JVM's
   * lambda does before the call (a call on null here would get a helpful message naming the
   * bridge's parameter).
   */
  private static void requireReceiver(MethodVisitor method, Type[] parameters) {
    Label present = new Label();
    method.visitVarInsn(Opcodes.ALOAD, 0);
    method.visitJumpInsn(Opcodes.IFNONNULL, present);
    method.visitTypeInsn(Opcodes.NEW, "java/lang/NullPointerException");
    method.visitInsn(Opcodes.DUP);
    method.visitMethodInsn(
        Opcodes.INVOKESPECIAL, "java/lang/NullPointerException", "<init>", "()V", false);
    method.visitInsn(Opcodes.ATHROW);
    method.visitLabel(present);
    Object[] locals = new Object[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      locals[i] = frameType(parameters[i]);
    }
    method.visitFrame(Opcodes.F_FULL, locals.length, locals, 0, new Object[0]);
  }

  /** The stack map entry of a local of {@code type}. */
  private static Object frameType(Type type) {
    return switch (type.getSort()) {
      case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> Opcodes.INTEGER;
      case Type.LONG -> Opcodes.LONG;
      case Type.FLOAT -> Opcodes.FLOAT;
      case Type.DOUBLE -> Opcodes.DOUBLE;
      default -> type.getInternalName();
    };
  }
}
