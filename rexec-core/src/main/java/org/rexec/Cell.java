package org.rexec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rexec.cell.CellCore;
import org.rexec.cell.CellSetup;
import org.rexec.cell.LoadFailure;
import org.rexec.compile.CompilationException;

/**
 * A padded cell: untrusted JVM code runs in it, sees only what its {@link Policy} grants, and
 * cannot reach the supervisor's classes, objects or the JVM's global state.
 *
 * <pre>{@code
 * try (Cell cell = Cell.create(Policy.defaults())) {
 *   cell.load(Path.of("submission.jar"));
 *   RunResult result = cell.run("Main", "input.txt");
 *   System.out.println(result.status() + ": " + result.stdout());
 * }
 * }</pre>
 *
 * <p>The cell's code is ordinary Java: {@code System.out} is the cell's own stream,
 * {@code System.exit(n)} ends the run with status {@code n}, {@code System.getProperty} sees the
 * cell's properties. What the policy refuses throws the JDK's own exception at the call site
 * ({@code SecurityException} for a member off the allow-list), with a message naming the rule,
 * and is recorded as a {@link Violation}.
 *
 * <p>Security guarantees: cell code can reference only the JDK members of its allow-list and
 * its own classes; the supervisor's classes are invisible to it; it cannot exit the JVM or
 * write the JVM's global properties or streams; its classes run only inside a run of the cell.
 * Not guaranteed: see {@code docs/THREAT-MODEL.md}.
 *
 * <p>Code is loaded first, then run; a cell may run several times, one run at a time. Static
 * state of the cell's classes persists between runs, as in one JVM.
 */
public final class Cell implements AutoCloseable {

  private final Policy policy;
  private final CellCore core;

  private Cell(Builder builder) {
    this.policy = builder.policy;
    this.core =
        new CellCore(
            new CellSetup(
                policy.allowList(),
                policy.strict(),
                policy.maxClassFileBytes(),
                policy.mounts(),
                policy.files(),
                policy.workingDirectory(),
                policy.diskBytes(),
                policy.diskFiles(),
                policy.network(),
                policy.limits(),
                policy.environment(),
                policy.properties(),
                builder.stdin,
                builder.stdout,
                builder.stderr,
                builder.assertions,
                builder.codeCache.rewritten(),
                builder.codeCache.compiled()),
            RunResult.MAX_VIOLATIONS);
  }

  /**
   * A cell with this policy whose output is captured into each {@link RunResult} and whose
   * {@code System.in} is empty.
   *
   * @param policy what the cell's code may do; not null
   * @return a new cell, open, with nothing loaded
   */
  public static Cell create(Policy policy) {
    return builder(policy).create();
  }

  /**
   * A builder for a cell with this policy, to wire its streams.
   *
   * @param policy what the cell's code may do; not null
   * @return a builder whose defaults are those of {@link #create}
   */
  public static Builder builder(Policy policy) {
    return new Builder(policy);
  }

  /**
   * The cell's policy.
   *
   * @return the policy the cell was created with; never null
   */
  public Policy policy() {
    return policy;
  }

  /**
   * Loads code into the cell: a directory of class files (and resources), a jar, one class file,
   * or a source program ({@code .java}, compiled in memory with annotation processing off).
   *
   * <p>A source program is compiled as {@code java Main.java} compiles it on JDK 22 and later
   * (JEP 458): the file, and the other {@code .java} files of its source tree that it refers to,
   * the tree rooted where the file's package says ({@code src/app/Main.java} of package {@code
   * app}: {@code src}); against the classes loaded into the cell before it (its class path).
   *
   * @param path a directory, a {@code .jar}, a {@code .class} or a {@code .java} file on the host
   * @return the program's main class where the code names one: a jar's {@code Main-Class}, a
   *     source file's first top-level class, the only class with a {@code main} method
   * @throws LoadException if the code is not valid (the message says why, in one line)
   * @throws IOException if a file cannot be read
   * @throws IllegalStateException if the cell has already run code or is closed
   */
  public Optional<String> load(Path path) throws IOException {
    try {
      return core.load(path);
    } catch (LoadFailure failure) {
      throw LoadException.of(failure);
    } catch (CompilationException failed) {
      throw LoadException.of(failed);
    }
  }

  /**
   * Loads a class path, as {@code java -cp} takes it: each entry a directory of class files (and
   * resources) or a jar, in order; where several hold a class of the same name, the first one's
   * is loaded. Its classes are the cell's, rewritten and checked like a program's. A source
   * program loaded afterwards compiles against them.
   *
   * @param entries the class path's entries, first searched first; an empty list loads nothing
   * @throws LoadException if an entry does not exist, is not a jar or directory, or its code is
   *     not valid (the message says which, in one line)
   * @throws IOException if a file cannot be read
   * @throws IllegalStateException if the cell has already run code or is closed
   */
  public void loadClassPath(List<Path> entries) throws IOException {
    try {
      core.loadClassPath(entries);
    } catch (LoadFailure failure) {
      throw LoadException.of(failure);
    }
  }

  /**
   * Loads one class file.
   *
   * @param classFile the bytes of one class file; not modified
   * @return the binary name of the class
   * @throws LoadException if the bytes are not a class file or the class is already loaded
   */
  public String loadClassFile(byte[] classFile) {
    try {
      return core.loadClassFile(classFile);
    } catch (LoadFailure failure) {
      throw LoadException.of(failure);
    }
  }

  /**
   * Compiles a single-file source program in memory, against the classes loaded before it, and
   * loads its classes.
   *
   * @param fileName the file's name, e.g. {@code Main.java}, used in messages and by javac's
   *     public-class check
   * @param source the program's text: one compilation unit
   * @return the binary name of the file's first top-level class
   * @throws LoadException with javac's messages if it does not compile
   */
  public String loadSource(String fileName, String source) {
    try {
      return core.loadSource(fileName, source);
    } catch (LoadFailure failure) {
      throw LoadException.of(failure);
    } catch (CompilationException failed) {
      throw LoadException.of(failed);
    }
  }

  /**
   * Every violation the loaded code would hit that is known without running it, in source
   * order: classes by name; in each, the reasons it is refused whole, then the refused
   * references and the uses of interposed members that refuse every call (starting a process,
   * loading native code), by line (what has no line, such as a refused supertype, first; one
   * line in instruction order). Refusals that depend on values (a path, an address, the rest of
   * a budget) are known only when the code runs. At most {@value RunResult#MAX_VIOLATIONS}, the
   * first found: the loaded code chooses how many there are.
   *
   * @return the violations found, in the order above; empty if there are none
   * @throws LoadException if a class file is malformed
   */
  public List<Violation> check() {
    try {
      return Violation.all(core.check(RunResult.MAX_VIOLATIONS));
    } catch (LoadFailure failure) {
      throw LoadException.of(failure);
    }
  }

  /**
   * The class of the cell with this binary name, loaded (and rewritten) but not initialized,
   * for the supervisor to use. Its code is restricted like all cell code and runs only inside a
   * run of the cell.
   *
   * @param binaryName the class's binary name, as {@link Class#getName()} gives it, e.g. {@code
   *     app.Main$Inner}
   * @return the class, from the cell's own loader
   * @throws ClassNotFoundException if the cell has no such class
   */
  public Class<?> importClass(String binaryName) throws ClassNotFoundException {
    return core.importClass(binaryName);
  }

  /**
   * Every violation recorded in the cell so far, across runs.
   *
   * @return the violations in the order they were recorded; empty if there are none
   */
  public List<Violation> violations() {
    return Violation.all(core.refusals());
  }

  /**
   * Runs {@code mainClass.main(args)} on a new thread of the cell and waits for it to end.
   *
   * @param mainClass the binary name of a loaded class with a {@code main} method; not null
   * @param args the arguments given to {@code main} (copied); not null, may be empty
   * @return how the run ended: its status, output and violations
   * @throws IllegalStateException if the cell is closed or was stopped
   * @throws NullPointerException if {@code mainClass} or {@code args} is null
   */
  public RunResult run(String mainClass, String... args) {
    Objects.requireNonNull(mainClass, "mainClass");
    Objects.requireNonNull(args, "args");
    return new RunResult(core.run(mainClass, args.clone()));
  }

  /**
   * Closes the cell: stops its current run, if any, and releases what the cell holds, in this
   * order: its run (stopped; {@link #run} returns once its threads have ended), its thread
   * groups, the native memory of its compressors, its open files and its scratch directory. Its
   * code can never run again and its classes become collectable once the supervisor holds none
   * of its objects. The streams given to the {@link Builder} are the supervisor's and stay open.
   *
   * <p>Every step is taken even if an earlier one fails; then the first failure is thrown, the
   * later ones {@linkplain Throwable#getSuppressed() suppressed} by it. A file that cannot be
   * deleted is an {@link java.io.UncheckedIOException} naming the host path, whose cause is the
   * {@link java.io.IOException} the host gave; the cell is closed all the same. An {@link Error}
   * is thrown in preference to an exception. Calling {@code close} again, or while another
   * thread closes the cell, does nothing and returns at once.
   *
   * @throws java.io.UncheckedIOException if a file of the cell's scratch directory could not be
   *     deleted
   */
  @Override
  public void close() {
    core.close();
  }

  /**
   * Kills the cell: stops its current run, if any, with status {@link RunStatus#KILLED}, and
   * every later run. Returns at once; {@link #run} returns once the run's threads have ended.
   * May be called from any thread.
   */
  public void kill() {
    core.kill();
  }

  /** Builds a {@link Cell}: its policy and how its standard streams are wired. */
  public static final class Builder {
    private final Policy policy;
    private InputStream stdin = new ByteArrayInputStream(new byte[0]);
    private OutputStream stdout;
    private OutputStream stderr;
    private CodeCache codeCache = CodeCache.shared();
    private boolean assertions;

    private Builder(Policy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * What the cell reads as {@code System.in} (default: nothing). A {@code FileInputStream} of
     * a file is read directly; any other stream that may block is read ahead by a supervisor
     * thread, so that a kill ends a read that waits. The cell cannot close it.
     *
     * @param stdin the stream the cell reads from; not null
     * @return this builder
     */
    public Builder stdin(InputStream stdin) {
      this.stdin = Objects.requireNonNull(stdin, "stdin");
      return this;
    }

    /**
     * Streams the cell's {@code System.out} to {@code sink} instead of capturing it; the cell
     * cannot close the sink.
     *
     * @param sink where the cell's standard output is written; not null
     * @return this builder
     */
    public Builder stdout(OutputStream sink) {
      this.stdout = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /**
     * Streams the cell's {@code System.err} to {@code sink}; see {@link #stdout}.
     *
     * @param sink where the cell's standard error is written; not null
     * @return this builder
     */
    public Builder stderr(OutputStream sink) {
      this.stderr = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /**
     * Enables the {@code assert} statements of the cell's classes, as {@code java -ea} does
     * (default: disabled, as in {@code java}). A failed assertion throws the JDK's {@link
     * AssertionError} in the cell; nothing is granted by it.
     *
     * @param enabled {@code true} to run the cell's {@code assert} statements
     * @return this builder
     */
    public Builder enableAssertions(boolean enabled) {
      this.assertions = enabled;
      return this;
    }

    /**
     * Keeps the cell's rewritten and compiled code in {@code cache} instead of the JVM-wide
     * {@link CodeCache#shared() shared} one.
     *
     * @param cache the cache to share the cell's code with; not null
     * @return this builder
     */
    public Builder codeCache(CodeCache cache) {
      this.codeCache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /**
     * The cell.
     *
     * @return a new cell, open, with nothing loaded
     */
    public Cell create() {
      return new Cell(this);
    }
  }
}
