package org.rexec.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.rexec.bug.RexecBugException;
import org.rexec.jdk.JdkPackages;
import org.rexec.policy.AllowList;
import org.rexec.policy.Rule;
import org.rexec.runtime.RefusalSite;

/**
 * Rewrites untrusted class files for a cell: one pass of small visitors, each with one job, in
 * the order of {@link #STAGES} (DESIGN.md §4: check, reject, interpose, guard):
 *
 * <ol>
 *   <li>{@link StructureCheck}: version, package, supertypes, declared members; drops unknown
 *       attributes; renames {@code finalize()}.
 *   <li>{@link DispatchBridge}: bridges for the JDK methods a class inherits where virtual
 *       dispatch would select them, or the class's refusal.
 *   <li>{@link ReferenceCheck}: every reference against the allow-list; plants refusal guards.
 *   <li>{@link HandleBridge}: method handles to interposed members and lambdas naming JDK members
 *       become handles to bridge methods that make the ordinary call.
 *   <li>{@link Interposer}: routes interposed members to shims; substitutes.
 *   <li>{@link MonitorGuard}: the monitor guard before {@code monitorenter}.
 *   <li>{@link ErrorMark}: the made-error mark after the program's own {@code new
 *       OutOfMemoryError()} and the like.
 *   <li>{@link AllocationGuard}: the allocation guard before array allocations and JDK calls
 *       that allocate by a size argument.
 *   <li>{@link FormatGuard}: the format check before JDK calls that format.
 *   <li>{@link StreamGuard}: the walk guard on streams of random numbers.
 *   <li>{@link CastGuard}: the cast guard before {@code checkcast}.
 *   <li>{@link KillCheck}: kill checks at method entries and back-edges.
 *   <li>{@link HandlerGuard}: handler guards, with the exits that release monitors.
 *   <li>{@link CellFieldInjector}: the cell field and the static initializer prologue.
 * </ol>
 *
 * <p>The reason for each stage's place is beside it in {@link #STAGES}. The stages share one
 * {@link ClassRewrite}, the record of the class being rewritten; its javadoc says which stage
 * writes what.
 *
 * <p>Frames are never recomputed: every planted sequence is straight-line code inserted where
 * no frame changes, so the original stack map frames stay valid and no class is ever loaded to
 * compute a common superclass. Thread-safe; rewriting is cached (see {@link RewriteCache}).
 */
public final class Rewriter {

  /** The newest class file major version the rewriter models: Java 25. */
  public static final int MAX_MAJOR_VERSION = Opcodes.V25;

  /** One visitor of the chain, made with the visitor it passes on to and the class's rewrite. */
  @FunctionalInterface
  interface Stage {
    ClassVisitor wrap(ClassVisitor next, ClassRewrite rewrite);
  }

  /** The chain, first to last; the last passes on to the class writer. */
  static final List<Stage> STAGES =
      List.of(
          (next, rewrite) -> new StructureCheck(next, rewrite, MAX_MAJOR_VERSION),
          // Before the check, so that the bridges are judged and routed like the class's own
          // calls.
          DispatchBridge::new,
          // It must see the original code, before anything is routed or planted.
          ReferenceCheck::new,
          // After the check; before the interposer, which routes the calls in the bridges, and
          // before the guards, which guard the bridges like any method.
          HandleBridge::new,
          // After the check, so refused sites are already fenced; before the guards, so that
          // what it plants is guarded too.
          Interposer::new,
          // It must see the compilers' locking shape, before the guards add code between its
          // instructions.
          MonitorGuard::new,
          // It must see the compilers' shape of new, before the guards add code between its
          // instructions.
          ErrorMark::new,
          AllocationGuard::new,
          FormatGuard::new,
          StreamGuard::new,
          // After the check, so that a refused cast is fenced before its class constant is ever
          // loaded.
          CastGuard::new,
          // After every stage that plants calls, so that it counts them when it chooses a loop's
          // check (the cast guard's excepted).
          KillCheck::new,
          // After the kill check, which must not count the handler guard's call as the
          // program's; the guard still goes first in its handler, ahead of any check there.
          HandlerGuard::new,
          // Last, so that the prologue runs before any guard of the static initializer.
          CellFieldInjector::new);

  private static final int MAGIC = 0xCAFEBABE;
  private static final int CONSTANT_CLASS = 7;

  private final AllowList allowList;
  private final int maxClassFileBytes;
  private final RewriteCache cache;
  private final String fingerprint;

  /**
   * @param allowList what cell code may reference
   * @param maxClassFileBytes larger class files are rejected
   * @param cache where rewritten classes are kept
   */
  /**
   * Whether a JDK member (binary class name, member name or {@code <init>}) is interposed: the
   * cell's builtin answers it, whatever the allow-list says.
   */
  public static boolean isInterposed(String className, String memberName) {
    return Interpositions.INSTANCE.interposesAny(className.replace('.', '/'), memberName);
  }

  public Rewriter(AllowList allowList, int maxClassFileBytes, RewriteCache cache) {
    this.allowList = Objects.requireNonNull(allowList, "allowList");
    if (maxClassFileBytes <= 0) {
      throw new IllegalArgumentException("maxClassFileBytes must be > 0, was " + maxClassFileBytes);
    }
    this.maxClassFileBytes = maxClassFileBytes;
    this.cache = Objects.requireNonNull(cache, "cache");
    this.fingerprint =
        allowList.fingerprint() + "/" + maxClassFileBytes + "/" + MAX_MAJOR_VERSION;
  }

  /**
   * Rewrites the cell class {@code internalName} from the cell's class path.
   *
   * @throws ClassFormatError if the bytes are not a well-formed class file of that name
   * @throws IllegalArgumentException if the cell has no such class
   */
  public RewriteResult rewrite(String internalName, CellClasses cellClasses) {
    CellClassPath classPath = cellClasses.classPath();
    byte[] classFile = classPath.classBytes(internalName);
    if (classFile == null) {
      throw new IllegalArgumentException("the cell has no class " + internalName);
    }
    String key = classPath.classHash(internalName) + "/" + fingerprint;
    RewriteResult cached = cache.find(key, classPath);
    if (cached != null) {
      return cached;
    }
    RewriteResult result = transform(internalName, classFile, cellClasses);
    cache.put(key, result);
    return result;
  }

  private RewriteResult transform(String internalName, byte[] classFile, CellClasses cellClasses) {
    Resolver resolver = new Resolver(cellClasses);
    ClassRewrite rewrite =
        new ClassRewrite(
            new ReferenceRules(allowList, Interpositions.INSTANCE, resolver, internalName),
            resolver,
            new Selection(resolver, Interpositions.INSTANCE));
    rewrite.className = internalName;
    if (classFile.length > maxClassFileBytes) {
      rewrite.reject(
          "define",
          classFile.length + " bytes, more than the limit of " + maxClassFileBytes,
          Rule.CLASS_SIZE);
      return rejected(rewrite);
    }
    checkHeader(internalName, classFile);
    ClassReader reader;
    try {
      reader = new ClassReader(classFile);
    } catch (RuntimeException malformed) {
      throw malformed(internalName, malformed);
    }
    if (!internalName.equals(reader.getClassName())) {
      throw new ClassFormatError(
          internalName.replace('/', '.')
              + ".class defines "
              + reader.getClassName().replace('/', '.')
              + " (wrong name)");
    }
    ClassWriter writer = new FrameFreeClassWriter();
    ClassVisitor chain = writer;
    for (int stage = STAGES.size() - 1; stage >= 0; stage--) {
      chain = STAGES.get(stage).wrap(chain, rewrite);
    }
    try {
      reader.accept(chain, 0);
    } catch (RuntimeException malformed) {
      throw malformed(internalName, malformed);
    }
    if (!rewrite.rejections.isEmpty()) {
      return rejected(rewrite);
    }
    byte[] rewritten;
    try {
      rewritten = writer.toByteArray();
    } catch (RuntimeException tooLarge) {
      // ASM refuses to write a method or constant pool beyond the class file's limits.
      rewrite.reject("define", "rewritten class too large: " + tooLarge.getMessage(),
          Rule.CLASS_SIZE);
      return rejected(rewrite);
    }
    return new RewriteResult(
        rewritten, rewrite.refusals, List.of(), rewrite.known, resolver.dependencies(),
        jdkClasses(rewritten));
  }

  private static RewriteResult rejected(ClassRewrite rewrite) {
    return new RewriteResult(
        null, rewrite.refusals, rewrite.rejections, rewrite.known,
        rewrite.resolver.dependencies(), List.of());
  }

  /** The allowed JDK classes among the class constants of {@code classFile}. */
  private List<String> jdkClasses(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    char[] buffer = new char[reader.getMaxStringLength()];
    List<String> classes = new ArrayList<>();
    for (int item = 1; item < reader.getItemCount(); item++) {
      int offset = reader.getItem(item);
      if (offset > 0 && classFile[offset - 1] == CONSTANT_CLASS) {
        String name = reader.readUTF8(offset, buffer);
        if (JdkPackages.isJdkClass(name) && allowList.allowsClass(name)) {
          classes.add(name.replace('/', '.'));
        }
      }
    }
    return classes;
  }

  /** Checks magic and version before ASM sees the bytes: ASM's errors are less clear. */
  private static void checkHeader(String internalName, byte[] classFile) {
    if (classFile.length < 10 || readInt(classFile, 0) != MAGIC) {
      throw new ClassFormatError(
          internalName.replace('/', '.') + ".class is not a class file (bad magic number)");
    }
  }

  private static int readInt(byte[] bytes, int offset) {
    return ((bytes[offset] & 0xFF) << 24)
        | ((bytes[offset + 1] & 0xFF) << 16)
        | ((bytes[offset + 2] & 0xFF) << 8)
        | (bytes[offset + 3] & 0xFF);
  }

  private static ClassFormatError malformed(String internalName, RuntimeException cause) {
    ClassFormatError error =
        new ClassFormatError(
            internalName.replace('/', '.') + ".class is malformed: " + cause);
    error.initCause(cause);
    return error;
  }

  /** A writer that never computes frames, hence never needs to load a class. */
  private static final class FrameFreeClassWriter extends ClassWriter {
    FrameFreeClassWriter() {
      super(0);
    }

    @Override
    protected String getCommonSuperClass(String type1, String type2) {
      throw new RexecBugException("the rewriter never computes frames");
    }
  }

  /** For diagnostics: how a refusal site reads in a listing. */
  static String describe(RefusalSite site) {
    return site.className() + "." + site.methodName() + ": " + site.message();
  }
}
