package org.rexec.rewrite;

import org.objectweb.asm.Attribute;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.ModuleVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.RecordComponentVisitor;
import org.objectweb.asm.Type;
import org.rexec.policy.Rule;
import org.rexec.runtime.CellLoggers;

/**
 * Checks the shape of a class: its version, package, supertypes and declared members. Rejects
 * what no policy allows (native methods, rexec's names and packages, module descriptors, class
 * versions the rewriter does not model); records refused supertypes, which the static
 * initializer then refuses; drops attributes the JVM does not define, which nothing downstream
 * would understand; renames {@code finalize()} so that the JVM never runs it, and a {@code
 * Thread} subclass's {@code getUncaughtExceptionHandler()}, which the JVM calls as a thread
 * dies: the cell's handler (see {@code CellThread}) must be the one the JVM reaches, or an
 * override returning {@code null} or throwing would make the JVM print on its own standard
 * error.
 */
final class StructureCheck extends ClassVisitor {

  /** What a declared {@code finalize()} becomes: a method the JVM does not call. */
  static final String RENAMED_FINALIZE = "$rexec$finalize";

  /** What a {@code Thread} subclass's {@code getUncaughtExceptionHandler()} becomes. */
  static final String RENAMED_HANDLER_GETTER = "$rexec$getUncaughtExceptionHandler";

  private static final String HANDLER_GETTER = "getUncaughtExceptionHandler";
  private static final String HANDLER_GETTER_DESCRIPTOR =
      "()Ljava/lang/Thread$UncaughtExceptionHandler;";

  /**
   * Supertypes a class may have one above the other (superclasses, and interfaces extending
   * interfaces), at most. Real hierarchies are a few dozen deep, and java
   * itself (JDK 17, default stack) fails with a {@code StackOverflowError} below 200: the JVM
   * defines a class's superclasses one inside the other, on the stack of the thread that asked
   * (for a main class, the supervisor's). A class file made to extend a chain of thousands
   * (or an interface extending a chain of thousands) overflowed the supervisor's stack, and rewriting each class of the chain walks the chain
   * above it (quadratic time: 89 s for 20,000). The bound also lets {@link Resolver#isSubclass}
   * find {@code Thread} in every class that loads.
   */
  static final int MAX_SUPERTYPE_DEPTH = 100;

  private boolean isThread;
  private boolean isConsoleHandler;

  private final ClassRewrite rewrite;
  private final int maxMajorVersion;

  StructureCheck(ClassVisitor next, ClassRewrite rewrite, int maxMajorVersion) {
    super(Opcodes.ASM9, next);
    this.rewrite = rewrite;
    this.maxMajorVersion = maxMajorVersion;
  }

  @Override
  public void visit(
      int version,
      int access,
      String name,
      String signature,
      String superName,
      String[] interfaces) {
    rewrite.className = name;
    rewrite.isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
    int major = version & 0xFFFF;
    if (major > maxMajorVersion) {
      rewrite.reject(
          "define",
          "class file version " + major + " (Java " + (major - 44) + ")",
          Rule.CLASS_VERSION);
    }
    if ((version >>> 16) == 0xFFFF) {
      rewrite.reject("define", "class compiled with preview features", Rule.CLASS_VERSION);
    }
    if ((access & Opcodes.ACC_MODULE) != 0) {
      rewrite.reject("define", "a module descriptor", Rule.CLASS_VERSION);
    }
    if (Packages.isRexec(name)) {
      rewrite.reject("define", rewrite.javaName(), Rule.RUNTIME_PACKAGE);
    } else if (Packages.isReserved(name)) {
      rewrite.reject("define", rewrite.javaName(), Rule.RESERVED_PACKAGE);
    }
    if (superName != null) {
      if (rewrite.resolver.hasSupertypesDeeperThan(name, MAX_SUPERTYPE_DEPTH)) {
        rewrite.reject(
            "define",
            "more than " + MAX_SUPERTYPE_DEPTH + " supertypes one above the other",
            Rule.CLASS_SIZE);
      }
      checkSupertype(superName);
      isThread = rewrite.resolver.isSubclass(superName, "java/lang/Thread");
      isConsoleHandler =
          rewrite.resolver.isSubclass(superName, "java/util/logging/ConsoleHandler");
    }
    if (interfaces != null) {
      for (String superinterface : interfaces) {
        checkSupertype(superinterface);
      }
    }
    rewrite.resolver.type(name).ifPresent(self -> claimedSizes(self));
    super.visit(version, access, name, signature, superName, interfaces);
  }

  /**
   * The JDK sizes arrays, tables and strings by what a collection's or map's {@code size()} or a
   * text's {@code length()} returns ({@code toArray}, {@code new HashMap<>(map)}, {@code
   * StringBuilder.append}); a class of the cell's implementing one has its result guarded.
   */
  private void claimedSizes(TypeInfo self) {
    if (rewrite.resolver.isSubtype(self, "java/util/Collection")
        || rewrite.resolver.isSubtype(self, "java/util/Map")) {
      // A hash table holds about two references per mapping, as in SizedCalls.
      rewrite.claimedSizes.put("size()I", 3);
    }
    if (rewrite.resolver.isSubtype(self, "java/lang/CharSequence")) {
      rewrite.claimedSizes.put("length()I", 0);
    }
  }

  private void checkSupertype(String supertype) {
    Decision decision = rewrite.rules.classUse("extend", Type.getObjectType(supertype));
    switch (decision.verdict()) {
      case REFUSE:
        rewrite.initializerRefusals.add(rewrite.record(decision, "<clinit>", -1));
        break;
      case REJECT:
        rewrite.record(decision, "", -1);
        break;
      default:
        break;
    }
  }

  @Override
  public ModuleVisitor visitModule(String name, int access, String version) {
    rewrite.reject("define", "module " + name, Rule.CLASS_VERSION);
    return null;
  }

  @Override
  public void visitAttribute(Attribute attribute) {
    // Dropped: the JVM ignores attributes it does not define, and so does the rewrite.
  }

  @Override
  public RecordComponentVisitor visitRecordComponent(
      String name, String descriptor, String signature) {
    rewrite.record(rewrite.rules.mention(descriptor), "", -1);
    RecordComponentVisitor next = super.visitRecordComponent(name, descriptor, signature);
    return next == null
        ? null
        : new RecordComponentVisitor(Opcodes.ASM9, next) {
          @Override
          public void visitAttribute(Attribute attribute) {}
        };
  }

  @Override
  public FieldVisitor visitField(
      int access, String name, String descriptor, String signature, Object value) {
    rewrite.record(rewrite.rules.declaredName("field", name), "", -1);
    rewrite.record(rewrite.rules.mention(descriptor), "", -1);
    FieldVisitor next = super.visitField(access, name, descriptor, signature, value);
    return next == null
        ? null
        : new FieldVisitor(Opcodes.ASM9, next) {
          @Override
          public void visitAttribute(Attribute attribute) {}
        };
  }

  @Override
  public MethodVisitor visitMethod(
      int access, String name, String descriptor, String signature, String[] exceptions) {
    rewrite.record(rewrite.rules.declaredName("method", name), name, -1);
    rewrite.record(rewrite.rules.mention(descriptor), name, -1);
    if ((access & Opcodes.ACC_NATIVE) != 0) {
      rewrite.reject(
          "native",
          ReferenceRules.describeMethod(rewrite.className, name, descriptor),
          Rule.NATIVE_METHOD);
    }
    boolean instance = (access & Opcodes.ACC_STATIC) == 0;
    if (instance
        && isConsoleHandler
        && "setOutputStream".equals(name)
        && "(Ljava/io/OutputStream;)V".equals(descriptor)) {
      // The JDK's ConsoleHandler constructor calls it with the JVM's System.err (final in the
      // cell's ConsoleHandler, which the JVM would refuse with a less telling error).
      rewrite.reject(
          "define",
          ReferenceRules.describeMethod(rewrite.className, name, descriptor)
              + ": overrides ConsoleHandler.setOutputStream, which the JDK's constructor calls"
              + " with the JVM's standard error",
          Rule.LOGGING);
    }
    String emittedName = name;
    if (instance && "finalize".equals(name) && "()V".equals(descriptor)) {
      emittedName = RENAMED_FINALIZE;
    } else if (instance
        && isThread
        && HANDLER_GETTER.equals(name)
        && HANDLER_GETTER_DESCRIPTOR.equals(descriptor)) {
      emittedName = RENAMED_HANDLER_GETTER;
    }
    MethodVisitor next = super.visitMethod(access, emittedName, descriptor, signature, exceptions);
    return next == null
        ? null
        : new MethodVisitor(Opcodes.ASM9, next) {
          @Override
          public void visitAttribute(Attribute attribute) {}
        };
  }
}
