package org.rexec.rewrite;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.rexec.policy.AllowList;
import org.rexec.policy.Rule;

/**
 * Decides what happens to each reference one class makes: allowed, interposed, refused or
 * rejected. Decisions are memoized for the class, so the visitors that act on them ask freely.
 */
final class ReferenceRules {

  private static final String RESERVED_MEMBER_PREFIX = "$rexec$";

  private final AllowList allowList;
  private final Interpositions interpositions;
  private final Resolver resolver;
  /** The internal name of the class whose references these are. */
  private final String className;
  private final Map<String, Decision> memo = new HashMap<>();

  ReferenceRules(
      AllowList allowList, Interpositions interpositions, Resolver resolver, String className) {
    this.allowList = allowList;
    this.interpositions = interpositions;
    this.resolver = resolver;
    this.className = className;
  }

  /** The runtime class that stands in for a JDK class the cell creates or extends, or null. */
  String substituteFor(String jdkClass) {
    return interpositions.substituteFor(jdkClass);
  }

  /** A method instruction: {@code invokevirtual}, {@code invokestatic}, ... */
  Decision method(int opcode, String owner, String name, String descriptor) {
    return memoized(
        "M" + opcode + owner + '.' + name + descriptor,
        () -> decideMethod(opcode, owner, name, descriptor, false));
  }

  /**
   * A JDK method that a class inherits where a call judged elsewhere selects it: judged as a
   * direct virtual or interface call of it.
   */
  Decision inherited(Selection.Inherited inherited) {
    return method(
        inherited.isDefault() ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL,
        inherited.declaring().name(),
        inherited.name(),
        inherited.descriptor());
  }

  /** A field instruction: {@code getstatic}, {@code putfield}, ... */
  Decision field(int opcode, String owner, String name, String descriptor) {
    return memoized(
        "F" + opcode + owner + '.' + name + ':' + descriptor,
        () -> decideField(opcode, owner, name, descriptor));
  }

  /**
   * A use of a class that makes it do something: {@code new}, a class literal, a supertype.
   * Type tests, casts and array types are mere names and only checked by {@link #mention}.
   */
  Decision classUse(String operation, Type type) {
    Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
    if (element.getSort() != Type.OBJECT) {
      return Decision.ALLOWED;
    }
    String internalName = element.getInternalName();
    return memoized(
        "C" + operation + internalName, () -> decideClassUse(operation, internalName));
  }

  /** A method handle constant, in an {@code ldc} or a bootstrap argument. */
  Decision handle(Handle handle) {
    Decision decision =
        switch (handle.getTag()) {
          case Opcodes.H_GETFIELD -> field(
              Opcodes.GETFIELD, handle.getOwner(), handle.getName(), handle.getDesc());
          case Opcodes.H_GETSTATIC -> field(
              Opcodes.GETSTATIC, handle.getOwner(), handle.getName(), handle.getDesc());
          case Opcodes.H_PUTFIELD -> field(
              Opcodes.PUTFIELD, handle.getOwner(), handle.getName(), handle.getDesc());
          case Opcodes.H_PUTSTATIC -> field(
              Opcodes.PUTSTATIC, handle.getOwner(), handle.getName(), handle.getDesc());
          case Opcodes.H_INVOKEVIRTUAL -> method(
              Opcodes.INVOKEVIRTUAL, handle.getOwner(), handle.getName(), handle.getDesc());
          case Opcodes.H_INVOKESTATIC -> method(
              Opcodes.INVOKESTATIC, handle.getOwner(), handle.getName(), handle.getDesc());
          case Opcodes.H_INVOKESPECIAL, Opcodes.H_NEWINVOKESPECIAL -> method(
              Opcodes.INVOKESPECIAL, handle.getOwner(), handle.getName(), handle.getDesc());
          case Opcodes.H_INVOKEINTERFACE -> method(
              Opcodes.INVOKEINTERFACE, handle.getOwner(), handle.getName(), handle.getDesc());
          default -> Decision.reject(
              "method-handle", handle.toString(), Rule.CLASS_VERSION);
        };
    if (decision.verdict() == Decision.Verdict.INTERPOSE
        && handle.getTag() == Opcodes.H_INVOKESPECIAL) {
      // A bridge cannot make a super call; javac never emits such a handle.
      return Decision.refuse("method-handle", describe(handle), Rule.ALLOW_LIST);
    }
    return relabel(decision, "method-handle");
  }

  /**
   * A bootstrap method and its arguments (of an {@code invokedynamic} or a dynamic constant):
   * the first decision that is not {@code ALLOW}, or {@code ALLOW}. Interposed handles among
   * the arguments are allowed here: the interposer bridges them.
   */
  Decision bootstrap(Handle bootstrapMethod, Object[] arguments) {
    Decision decision = relabel(asBootstrap(bootstrapMethod), "bootstrap");
    if (decision.verdict() == Decision.Verdict.INTERPOSE) {
      decision = Decision.refuse("bootstrap", describe(bootstrapMethod), Rule.ALLOW_LIST);
    }
    if (decision.verdict() != Decision.Verdict.ALLOW) {
      return decision;
    }
    for (Object argument : arguments) {
      Decision argumentDecision = constant(argument);
      if (argumentDecision.verdict() == Decision.Verdict.REFUSE
          || argumentDecision.verdict() == Decision.Verdict.REJECT) {
        return argumentDecision;
      }
    }
    return Decision.ALLOWED;
  }

  /** The bootstrap method itself: as a method handle, but the JDK's bootstrap methods pass. */
  private Decision asBootstrap(Handle bootstrapMethod) {
    if (bootstrapMethod.getTag() != Opcodes.H_INVOKESTATIC) {
      return handle(bootstrapMethod);
    }
    return memoized(
        "B" + bootstrapMethod.getOwner() + '.' + bootstrapMethod.getName()
            + bootstrapMethod.getDesc(),
        () ->
            decideMethod(
                Opcodes.INVOKESTATIC,
                bootstrapMethod.getOwner(),
                bootstrapMethod.getName(),
                bootstrapMethod.getDesc(),
                true));
  }

  /** A loadable constant: of an {@code ldc} or a bootstrap argument. */
  Decision constant(Object value) {
    if (value instanceof Type type) {
      return type.getSort() == Type.METHOD ? mention(type.getDescriptor()) : classUse("class", type);
    }
    if (value instanceof Handle handle) {
      return handle(handle);
    }
    if (value instanceof ConstantDynamic dynamic) {
      return dynamicConstant(dynamic);
    }
    return Decision.ALLOWED;
  }

  /**
   * A dynamic constant: its type, which the bootstrap method is handed as a {@code Class} like a
   * class literal; its bootstrap method and arguments; and the fields that {@code
   * ConstantBootstraps} reads or writes for it, judged like {@code getstatic} and friends (an
   * interposed field cannot be routed there, so it is refused).
   */
  private Decision dynamicConstant(ConstantDynamic dynamic) {
    Decision typeMention = mention(dynamic.getDescriptor());
    if (typeMention.verdict() != Decision.Verdict.ALLOW) {
      return typeMention;
    }
    Decision typeUse = classUse("class", Type.getType(dynamic.getDescriptor()));
    if (typeUse.verdict() != Decision.Verdict.ALLOW) {
      return typeUse;
    }
    Object[] arguments = new Object[dynamic.getBootstrapMethodArgumentCount()];
    for (int i = 0; i < arguments.length; i++) {
      arguments[i] = dynamic.getBootstrapMethodArgument(i);
    }
    Decision decision = bootstrap(dynamic.getBootstrapMethod(), arguments);
    if (decision.verdict() != Decision.Verdict.ALLOW) {
      return decision;
    }
    Optional<List<Bootstraps.FieldUse>> uses = Bootstraps.fieldUses(dynamic);
    if (uses.isEmpty()) {
      return Decision.refuse(
          "bootstrap",
          describe(dynamic.getBootstrapMethod()) + " with a computed class",
          Rule.ALLOW_LIST);
    }
    for (Bootstraps.FieldUse use : uses.get()) {
      Decision fieldDecision = field(use.opcode(), use.owner(), use.name(), use.descriptor());
      if (fieldDecision.verdict() == Decision.Verdict.INTERPOSE) {
        return Decision.refuse(
            "field", javaName(use.owner()) + "." + use.name(), Rule.ALLOW_LIST);
      }
      if (fieldDecision.verdict() != Decision.Verdict.ALLOW) {
        return fieldDecision;
      }
    }
    return Decision.ALLOWED;
  }

  /**
   * A type named in a descriptor, a cast, a type test or an exception handler: allowed unless it
   * is one of rexec's own classes.
   */
  Decision mention(String descriptorOrInternalName) {
    if (descriptorOrInternalName != null && descriptorOrInternalName.contains(Packages.REXEC)) {
      return Decision.reject("class", descriptorOrInternalName, Rule.RUNTIME_PACKAGE);
    }
    return Decision.ALLOWED;
  }

  /** A member name the class declares: names reserved for rexec are refused. */
  Decision declaredName(String kind, String name) {
    return name.startsWith(RESERVED_MEMBER_PREFIX)
        ? Decision.reject(kind, name, Rule.RESERVED_NAME)
        : Decision.ALLOWED;
  }

  /** Not computeIfAbsent: deciding one reference may decide others (the owner class). */
  private Decision memoized(String key, Supplier<Decision> decide) {
    Decision decision = memo.get(key);
    if (decision == null) {
      decision = decide.get();
      memo.put(key, decision);
    }
    return decision;
  }

  /**
   * @param asBootstrap whether the method is the bootstrap method of a call site or constant,
   *     the only way the JDK's bootstrap methods may be reached (see {@link Bootstraps})
   */
  private Decision decideMethod(
      int opcode, String owner, String name, String descriptor, boolean asBootstrap) {
    String operation = "<init>".equals(name) ? "new" : "call";
    Decision early = checkNames(operation, owner, name, descriptor);
    if (early != null) {
      return early;
    }
    if (owner.startsWith("[")) {
      // Arrays have Object's methods and a public clone().
      return "clone".equals(name)
          ? Decision.ALLOWED
          : decideMethod(opcode, "java/lang/Object", name, descriptor, asBootstrap);
    }
    Resolver.Resolution resolution = resolver.resolveMethod(owner, name, descriptor);
    String declaring = resolution.declaringClass();
    boolean constructor = "<init>".equals(name);
    if (constructor
        && resolution.origin() == Resolver.Origin.JDK
        && interpositions.substituteFor(declaring) != null
        && interpositions.forConstructor(declaring, descriptor) == null) {
      // A substituted class's constructor that the substitute does not mirror.
      return Decision.refuse(
          operation, describeMethod(declaring, name, descriptor), Rule.ALLOW_LIST);
    }
    if (!asBootstrap
        && resolution.origin() == Resolver.Origin.JDK
        && Bootstraps.isBootstrapClass(declaring)) {
      // Called with arguments computed at run time, nothing of what it links can be judged.
      return Decision.refuse(
          operation, describeMethod(declaring, name, descriptor), Rule.ALLOW_LIST);
    }
    // A super call to a method of a substituted class reaches the substitute's override by the
    // JVM's own rules (the substitute is the direct superclass): nothing to route.
    boolean superCallToSubstitute =
        opcode == Opcodes.INVOKESPECIAL
            && !constructor
            && resolution.origin() == Resolver.Origin.JDK
            && interpositions.substituteFor(declaring) != null;
    return decideResolved(
        resolution,
        owner,
        operation,
        type -> describeMethod(type, name, descriptor),
        () ->
            superCallToSubstitute
                ? null
                : constructor
                    ? interpositions.forConstructor(declaring, descriptor)
                    : interpositions.forMethod(opcode, declaring, name, descriptor),
        () -> allowList.allowsMember(declaring, name, descriptor));
  }

  private Decision decideField(int opcode, String owner, String name, String descriptor) {
    Decision early = checkNames("field", owner, name, descriptor);
    if (early != null) {
      return early;
    }
    Resolver.Resolution resolution = resolver.resolveField(owner, name, descriptor);
    if (resolution.origin() == Resolver.Origin.JDK) {
      Decision underlying =
          CompressingStreamFields.check(resolver, className, resolution.declaringClass(), name);
      if (underlying != null) {
        return underlying;
      }
    }
    return decideResolved(
        resolution,
        owner,
        "field",
        declaring -> javaName(declaring) + "." + name,
        () ->
            opcode == Opcodes.GETSTATIC
                ? interpositions.forStaticFieldRead(resolution.declaringClass(), name, descriptor)
                : null,
        () -> allowList.allowsMember(resolution.declaringClass(), name, null));
  }

  private Decision decideResolved(
      Resolver.Resolution resolution,
      String owner,
      String operation,
      Function<String, String> describe,
      Supplier<Interpositions.Shim> shim,
      BooleanSupplier allowed) {
    switch (resolution.origin()) {
      case CELL:
        return Decision.ALLOWED;
      case NO_CLASS:
        // The class exists nowhere the cell can see: the JVM throws NoClassDefFoundError.
        return Decision.ALLOWED;
      case NO_MEMBER:
        return Decision.refuse(
            operation, describe.apply(owner) + " (no such member)", Rule.ALLOW_LIST);
      case JDK:
      default:
        // An interposed member reaches the cell's shim whatever class names it.
        Interpositions.Shim found = shim.get();
        if (found != null) {
          return Decision.interpose(found);
        }
        Decision ownerUse = classUse("class", Type.getObjectType(owner));
        if (ownerUse.verdict() == Decision.Verdict.REJECT) {
          return ownerUse;
        }
        if (ownerUse.verdict() == Decision.Verdict.REFUSE) {
          // Named through a class off the list: say so with the member as written.
          return Decision.refuse(operation, describe.apply(owner), Rule.ALLOW_LIST);
        }
        return allowed.getAsBoolean()
            ? Decision.ALLOWED
            : Decision.refuse(
                operation, describe.apply(resolution.declaringClass()), Rule.ALLOW_LIST);
    }
  }

  private Decision decideClassUse(String operation, String internalName) {
    if (Packages.isRexec(internalName)) {
      return Decision.reject(operation, javaName(internalName), Rule.RUNTIME_PACKAGE);
    }
    Optional<TypeInfo> type = resolver.type(internalName);
    if (type.isEmpty() || type.get().inCell()) {
      return Decision.ALLOWED;
    }
    if (!allowList.allowsClass(internalName) || extendsPastSubstitute(operation, type.get())) {
      return Decision.refuse(operation, javaName(internalName), Rule.ALLOW_LIST);
    }
    return Decision.ALLOWED;
  }

  /**
   * Whether a cell class would extend a JDK class that extends a substituted one (an allowed
   * {@code ForkJoinWorkerThread} is a {@code Thread}) without a substitute of its own: its
   * instances would be the JDK's class, not rexec's, whatever the list says.
   */
  private boolean extendsPastSubstitute(String operation, TypeInfo jdkClass) {
    if (!"extend".equals(operation) || interpositions.substituteFor(jdkClass.name()) != null) {
      return false;
    }
    // Bounded: a JDK hierarchy is finite and acyclic, but a walk never trusts that.
    String ancestor = jdkClass.superName();
    for (int depth = 0; ancestor != null && depth < 64; depth++) {
      if (interpositions.substituteFor(ancestor) != null) {
        return true;
      }
      ancestor = resolver.type(ancestor).map(TypeInfo::superName).orElse(null);
    }
    return false;
  }

  /** The checks every member reference gets before resolution, or null if it passes them. */
  private Decision checkNames(String operation, String owner, String name, String descriptor) {
    if (Packages.isRexec(owner) || owner.contains("L" + Packages.REXEC)) {
      return Decision.reject(operation, javaName(owner) + "." + name, Rule.RUNTIME_PACKAGE);
    }
    if (name.startsWith(RESERVED_MEMBER_PREFIX)) {
      return Decision.reject(operation, javaName(owner) + "." + name, Rule.RESERVED_NAME);
    }
    Decision typeMention = mention(descriptor);
    return typeMention.verdict() == Decision.Verdict.ALLOW ? null : typeMention;
  }

  private static Decision relabel(Decision decision, String operation) {
    return decision.verdict() == Decision.Verdict.REFUSE
        ? Decision.refuse(operation, decision.detail(), decision.rule())
        : decision;
  }

  static String describe(Handle handle) {
    return describeMethod(handle.getOwner(), handle.getName(), handle.getDesc());
  }

  /** {@code java.lang.Runtime.exec(java.lang.String)}; constructors read {@code new Foo(..)}. */
  static String describeMethod(String owner, String name, String descriptor) {
    StringBuilder text = new StringBuilder(javaName(owner));
    if (!"<init>".equals(name)) {
      text.append('.').append(name);
    }
    if (descriptor.startsWith("(")) {
      text.append('(');
      Type[] arguments = Type.getArgumentTypes(descriptor);
      for (int i = 0; i < arguments.length; i++) {
        text.append(i == 0 ? "" : ", ").append(arguments[i].getClassName());
      }
      text.append(')');
    }
    return text.toString();
  }

  static String javaName(String internalName) {
    return internalName.startsWith("[")
        ? Type.getType(internalName).getClassName()
        : internalName.replace('/', '.');
  }
}
