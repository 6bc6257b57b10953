package org.rexec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.rexec.bug.RexecBugException;
import org.rexec.compile.CompileCache;
import org.rexec.fs.CellFiles;
import org.rexec.policy.BoundedText;
import org.rexec.policy.Rule;
import org.rexec.rewrite.Packages;
import org.rexec.rewrite.RewriteCache;
import org.rexec.rewrite.RewriteResult;
import org.rexec.rewrite.Rewriter;
import org.rexec.runtime.CellContext;
import org.rexec.runtime.CellHost;
import org.rexec.runtime.CellTermination;
import org.rexec.runtime.CellThreads;
import org.rexec.runtime.RefusalSite;
import org.rexec.runtime.StopReason;
import org.rexec.runtime.ThrowableText;
import org.rexec.runtime.control.CellControl;

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
  private final CellSources sources = new CellSources();
  private final CodeLoader codeLoader;
  private final AuditLog auditLog = new AuditLog();
  /** The supervisor's operations of the cell; its code sees only {@link #context}. */
  private final CellControl control;

  private final CellContext context;
  private final CellClassLoader loader;
  private final InputStream stdin;
  private final OutputStream stdoutSink;
  private final OutputStream stderrSink;
  private final Object runLock = new Object();
  private final Object closeLock = new Object();
  private volatile boolean closed;

  private Cell(Builder builder) {
    RuntimeClasses.initialize();
    this.policy = builder.policy;
    InputStream input = builder.stdin;
    this.stdoutSink = builder.stdout;
    this.stderrSink = builder.stderr;
    this.codeLoader =
        new CodeLoader(sources, policy.maxClassFileBytes(), builder.compileCache);
    CellFiles.Builder files =
        CellFiles.builder().scratchLimits(policy.diskBytes(), policy.diskFiles());
    policy.mounts().forEach(files::mount);
    policy.files().forEach(files::memoryFile);
    policy.workingDirectory().ifPresent(files::workingDirectory);
    this.control =
        CellContext.create(
            new Host(),
            files,
            policy.network(),
            policy.limits(),
            policy.environment(),
            StandardProperties.forCell(
                policy, policy.workingDirectory().orElse(CellFiles.SCRATCH)));
    this.context = control.context();
    Rewriter rewriter =
        new Rewriter(policy.allowList(), policy.maxClassFileBytes(), builder.rewriteCache);
    // An array or a file never blocks; any other stream might, where a kill could not reach
    // the reader.
    this.stdin =
        input instanceof ByteArrayInputStream
            ? input
            : FileInput.of(input).orElseGet(() -> new InputPump(input, context));
    this.loader =
        new CellClassLoader(
            new CellParentLoader(), sources, rewriter, context, auditLog, policy.strict());
    // What java's -ea sets: a class's assert statements read this when it is initialized.
    loader.setDefaultAssertionStatus(builder.assertions);
  }

  /**
   * A cell with this policy whose output is captured into each {@link RunResult} and whose
   * {@code System.in} is empty.
   */
  public static Cell create(Policy policy) {
    return builder(policy).create();
  }

  /** A builder for a cell with this policy, to wire its streams. */
  public static Builder builder(Policy policy) {
    return new Builder(policy);
  }

  /** The cell's policy. */
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
   * @return the program's main class where the code names one: a jar's {@code Main-Class}, a
   *     source file's first top-level class, the only class with a {@code main} method
   * @throws LoadException if the code is not valid (the message says why, in one line)
   * @throws IOException if a file cannot be read
   * @throws IllegalStateException if the cell has already run code or is closed
   */
  public Optional<String> load(Path path) throws IOException {
    requireOpen();
    return codeLoader.load(path);
  }

  /**
   * Loads a class path, as {@code java -cp} takes it: each entry a directory of class files (and
   * resources) or a jar, in order; where several hold a class of the same name, the first one's
   * is loaded. Its classes are the cell's, rewritten and checked like a program's. A source
   * program loaded afterwards compiles against them.
   *
   * @throws LoadException if an entry does not exist, is not a jar or directory, or its code is
   *     not valid (the message says which, in one line)
   * @throws IOException if a file cannot be read
   * @throws IllegalStateException if the cell has already run code or is closed
   */
  public void loadClassPath(List<Path> entries) throws IOException {
    requireOpen();
    codeLoader.loadClassPath(List.copyOf(entries));
  }

  /**
   * Loads one class file.
   *
   * @return the binary name of the class
   * @throws LoadException if the bytes are not a class file or the class is already loaded
   */
  public String loadClassFile(byte[] classFile) {
    requireOpen();
    return CellSources.binaryName(codeLoader.addClassFile(classFile, "class file"));
  }

  /**
   * Compiles a single-file source program in memory, against the classes loaded before it, and
   * loads its classes.
   *
   * @param fileName the file's name, e.g. {@code Main.java}, used in messages and by javac's
   *     public-class check
   * @return the binary name of the file's first top-level class
   * @throws LoadException with javac's messages if it does not compile
   */
  public String loadSource(String fileName, String source) {
    requireOpen();
    return codeLoader.loadSource(fileName, source);
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
   * @throws LoadException if a class file is malformed
   */
  public List<Violation> check() {
    requireOpen();
    List<Violation> found = new ArrayList<>();
    for (String internalName : sources.classNames()) {
      RewriteResult result;
      try {
        result = loader.rewrite(internalName);
      } catch (ClassFormatError malformed) {
        throw LoadException.rejected(malformed.getMessage(), malformed);
      }
      List<RefusalSite> known = new ArrayList<>(result.knownRefusals());
      known.sort(Comparator.comparingInt(RefusalSite::line)); // stable: instruction order kept
      List<RefusalSite> sites = new ArrayList<>(result.rejections());
      sites.addAll(known);
      for (RefusalSite site : sites) {
        if (found.size() == RunResult.MAX_VIOLATIONS) {
          return List.copyOf(found);
        }
        found.add(Violation.of(site));
      }
    }
    return List.copyOf(found);
  }

  /**
   * The class of the cell with this binary name, loaded (and rewritten) but not initialized,
   * for the supervisor to use. Its code is restricted like all cell code and runs only inside a
   * run of the cell.
   *
   * @throws ClassNotFoundException if the cell has no such class
   */
  public Class<?> importClass(String binaryName) throws ClassNotFoundException {
    requireOpen();
    if (!loader.isCellClass(binaryName)) {
      throw new ClassNotFoundException(binaryName + " is not a class of this cell");
    }
    return loader.loadOnHost(binaryName);
  }

  /** Every violation recorded in the cell so far, across runs. */
  public List<Violation> violations() {
    return auditLog.all();
  }

  /**
   * Runs {@code mainClass.main(args)} on a new thread of the cell and waits for it to end.
   *
   * @throws IllegalStateException if the cell is closed or was stopped
   */
  public RunResult run(String mainClass, String... args) {
    Objects.requireNonNull(mainClass, "mainClass");
    Objects.requireNonNull(args, "args");
    synchronized (runLock) {
      requireOpen();
      return new Run(mainClass, args.clone()).execute();
    }
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
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    new Releases()
        .release("the run", () -> control.stop(StopReason.CLOSED, "the cell was closed"))
        .release("the cell's thread groups", () -> control.closeThreadGroups())
        .release("the cell's compressors", () -> control.closeCompressors())
        .release("the cell's files", () -> control.files().close())
        .throwFailures();
  }

  /**
   * Kills the cell: stops its current run, if any, with status {@link RunStatus#KILLED}, and
   * every later run. Returns at once; {@link #run} returns once the run's threads have ended.
   * May be called from any thread.
   */
  public void kill() {
    control.stop(StopReason.KILLED, "killed by the supervisor");
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the cell is closed");
    }
  }

  /** One run: everything between starting main and collecting the result. */
  private final class Run {
    private final String mainClassName;
    private final String[] args;
    private final long startNanos = System.nanoTime();
    private final AuditLog.Mark auditMark = auditLog.mark();
    private final long bytesReadAtStart = context.bytesRead();
    private final long bytesWrittenAtStart = context.bytesWritten();
    private final List<Thread> started = new ArrayList<>();
    // How main ended, if it threw: its class, set before any code of the cell's describes it.
    private volatile String failedWith;
    private volatile ThrownException thrown;
    private volatile boolean exitedWhileDescribing;
    private volatile Thread mainThread;

    Run(String mainClassName, String[] args) {
      this.mainClassName = mainClassName;
      this.args = args;
    }

    RunResult execute() {
      if (policy.strict()) {
        long violations = strictCheck();
        if (violations > 0) {
          return finish(RunStatus.REJECTED)
              .message(violations + " violation(s) in strict mode; nothing ran")
              .build();
        }
      }
      MethodHandle entry;
      try {
        entry = MainMethod.entry(loader.loadOnHost(mainClassName), args);
      } catch (ClassNotFoundException e) {
        return error("no class " + mainClassName + " in the cell");
      } catch (NoSuchMethodException e) {
        return error(
            "no method public static void main(String[]) in " + mainClassName);
      } catch (SecurityException | ClassFormatError rejected) {
        // A class file the cell refuses, or one it cannot read (malformed, or of a version
        // this JDK does not know), is refused as java refuses it, before anything runs.
        return finish(RunStatus.REJECTED)
            .message(rejected.getMessage())
            .build();
      } catch (LinkageError broken) {
        return error(broken.getMessage());
      } catch (StackOverflowError tooDeep) {
        // The JVM defines a class's supertypes one inside the other on this, the caller's,
        // thread: a hierarchy within the rewriter's bound can still be too deep for its stack.
        // Nothing of the cell has run; the JVM undoes the definitions it did not finish.
        return finish(RunStatus.REJECTED)
            .message(
                "the supertypes of " + mainClassName
                    + " are too deep to load on the calling thread's stack")
            .build();
      }
      OutputBudget outputBudget = new OutputBudget(control);
      RunOutput out = output(stdoutSink, outputBudget);
      RunOutput err = output(stderrSink, outputBudget);
      control.beginRun(stdin, out.stream(), err.stream());
      Budget budget = new Budget(control);
      Watchdog.watch(budget);
      CellTermination ending;
      List<String> survivors;
      try {
        mainThread = start("main", entry, this::mainEnded, err);
        awaitProgram(List.of(mainThread), true);
        if (!context.isStopped()) {
          awaitProgram(runShutdownHooks(err), false);
        }
      } finally {
        ending = context.stopped();
        survivors = endRun(budget);
      }
      if (!survivors.isEmpty()) {
        // No later run may start while a thread of this one could still wake up.
        control.stop(StopReason.KILLED, survivors.size() + " thread(s) of a run could not be stopped");
      }
      CellTermination exit = context.exitRequest();
      RunResult.Builder result;
      if (ending != null) {
        result = finish(RunStatus.after(ending.stopReason())).message(ending.getMessage());
      } else if (exit != null && !exitedWhileDescribing) {
        // As in a JVM, an exit after main threw (by another thread) decides the status.
        result = finish(RunStatus.EXITED, exit.exitStatus());
      } else if (failedWith != null) {
        ThrownException described =
            thrown != null ? thrown : new ThrownException(failedWith, null, "");
        result = finish(RunStatus.EXCEPTION).exception(described);
      } else {
        result = finish(RunStatus.COMPLETED);
      }
      CellThreads.Usage used = budget.used();
      return result
          .output(out.finish(), err.finish())
          .outputTruncated(outputBudget.truncated())
          .threads(used.allocatedBytes(), control.peakThreads(), survivors)
          .times(Duration.ofNanos(System.nanoTime() - startNanos), Duration.ofNanos(used.cpuNanos()))
          .build();
    }

    private RunOutput output(OutputStream sink, OutputBudget outputBudget) {
      return sink == null
          ? RunOutput.captured(outputBudget)
          : RunOutput.streamedTo(sink, outputBudget);
    }

    /** Records every violation of the loaded classes; returns how many there are. */
    private long strictCheck() {
      long violations = 0;
      for (String internalName : sources.classNames()) {
        RewriteResult result = loader.rewrite(internalName);
        for (RefusalSite site : result.violations()) {
          auditLog.record(site);
          violations++;
        }
      }
      return violations;
    }

    /**
     * Starts a thread of the cell that calls {@code entry} (of type {@code ()void}), with the
     * cell's stack size. The thread's own uncaught-exception handler prints what escapes, as
     * the JVM's default does.
     */
    private Thread start(String name, MethodHandle entry, ThreadEnd end, RunOutput err) {
      Thread thread =
          HiddenThreadBody.create(
              control.rootThreadGroup(), name, policy.limits().stackBytes(), entry, end);
      thread.setContextClassLoader(loader);
      thread.setUncaughtExceptionHandler((dying, uncaught) -> printUncaught(dying, uncaught, err));
      control.adoptThread(thread);
      started.add(thread);
      thread.start();
      return thread;
    }

    /**
     * Waits until the program is over: {@code threads} have ended, and (for {@code
     * withCellThreads}) every non-daemon thread the cell started, as the JVM waits for them;
     * or until the program exits or the cell is stopped.
     */
    private void awaitProgram(List<Thread> threads, boolean withCellThreads) {
      while (context.isRunning()) {
        try {
          Thread next = firstAlive(threads);
          if (next == null && withCellThreads) {
            next = firstAlive(nonDaemon(control.liveThreads()));
          }
          if (next == null) {
            return;
          }
          // The watchdog replaces itself if an error ended it; if even that failed, here.
          Watchdog.ensureRunning();
          join(next, Watchdog.PERIOD_MILLIS);
        } catch (OutOfMemoryError heapFull) {
          // The heap is shared: a cell that fills it makes the supervisor's small allocations
          // here fail too. The wait goes on; the cell's own threads get the error as well,
          // which stops the cell, and the watchdog still applies its limits.
          pause();
        }
      }
    }

    /**
     * Ends the run: cell code can no longer run, pools are shut down, every thread of the run
     * is told to end and awaited (see {@link #awaitQuiet}), and the budget is no longer
     * watched. Returns the threads still alive. Every step may be done again, and the whole is
     * done again if the heap ran out in the middle (see {@link #awaitProgram}): a run must not
     * return with its threads unawaited because a cell filled the heap.
     */
    private List<String> endRun(Budget budget) {
      long deadline = System.nanoTime() + GRACE_MILLIS * 1_000_000;
      for (int attempt = 1; ; attempt++) {
        try {
          control.endRun();
          control.shutDownPools();
          List<String> survivors = awaitQuiet(deadline);
          Watchdog.unwatch(budget);
          if (survivors.isEmpty()) {
            control.releaseRun();
          }
          return survivors;
        } catch (OutOfMemoryError heapFull) {
          if (attempt == HEAP_FULL_ATTEMPTS) {
            Watchdog.unwatch(budget);
            control.stop(StopReason.MEMORY_LIMIT, "the heap stayed full after the run");
            throw heapFull;
          }
          pause();
        }
      }
    }

    /**
     * Waits, until {@code deadline} ({@link System#nanoTime()}), for every thread of the run
     * to end after it was told to; returns those still alive, as {@code name (STATE)}.
     */
    private List<String> awaitQuiet(long deadline) {
      // Each thread once, by identity: the run's own threads are also live threads of the
      // cell, and a thread's equals() may be the program's.
      List<Thread> all = new ArrayList<>(started);
      for (Thread live : control.liveThreads()) {
        if (all.stream().noneMatch(known -> known == live)) {
          all.add(live);
        }
      }
      for (Thread next = firstAlive(all); next != null; next = firstAlive(all)) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          break;
        }
        join(next, Math.min(left, Watchdog.PERIOD_MILLIS));
        // Told again: a thread woken too early may block again inside the JDK (a pool's
        // worker interrupted before its pool was shut down waits for the next task).
        control.interruptThreads();
      }
      List<String> survivors = new ArrayList<>();
      for (Thread thread : all) {
        if (thread.isAlive()) {
          survivors.add(describe(thread));
        }
      }
      return survivors;
    }

    /**
     * Called on the main thread as it ends: the run's outcome, before any handler runs. That
     * main threw is recorded first, from its class alone; then the exception is described,
     * which may run the cell's code (its {@code toString()} and the like) under the run's
     * guards and limits. Whatever that code does, the failure stays a failure: what it throws
     * ends only its own call, an exit it requests does not turn the run into an exit, a loop
     * in it ends at the run's limits with their status.
     */
    private void mainEnded(Throwable escaped) {
      try {
        if (escaped != null && !(escaped instanceof CellTermination)) {
          failedWith = ThrowableText.type(escaped);
          boolean exitedBefore = context.exitRequest() != null;
          try {
            thrown =
                new ThrownException(
                    failedWith,
                    ThrowableText.message(escaped, context),
                    ThrowableText.trace(escaped, context));
          } finally {
            exitedWhileDescribing = !exitedBefore && context.exitRequest() != null;
          }
        }
      } finally {
        hookEnded(escaped);
      }
    }

    /** Called on each thread rexec starts for the run as it ends. */
    private void hookEnded(Throwable escaped) {
      control.stopOnLimitError(escaped);
      control.threadEnded();
    }

    /**
     * Runs the hooks the program registered, each on a new thread of the cell that calls the
     * hook's {@code run()}: the supervisor never calls a method of a cell's object itself.
     */
    private List<Thread> runShutdownHooks(RunOutput err) {
      List<Thread> hooks = new ArrayList<>();
      for (Thread hook : control.takeShutdownHooks()) {
        MethodHandle run = RUNNABLE_RUN.bindTo(hook);
        hooks.add(start(hook.getName(), run, this::hookEnded, err));
      }
      return hooks;
    }

    /**
     * What the JVM's default handler does with an exception that ends a thread: prints it on
     * the (cell's) standard error, unless it is the cell's own exit. Runs on the dying cell
     * thread, so the cell's code in {@code toString()} and the like runs restricted.
     */
    private void printUncaught(Thread dying, Throwable uncaught, RunOutput err) {
      if (uncaught instanceof CellTermination) {
        return;
      }
      try {
        String trace =
            dying == mainThread && thrown != null
                ? thrown.stackTrace()
                : ThrowableText.trace(uncaught, context);
        err.stream().print("Exception in thread \"" + dying.getName() + "\" " + trace);
      } catch (Throwable failed) {
        // As the JVM does, an exception thrown while printing is ignored; but nothing may
        // escape to the JVM, which would print it on its own standard error. A stack overflow
        // or running out of heap here is the cell's, and stops it.
        try {
          control.stopOnLimitError(failed);
        } catch (Throwable again) {
          // The heap is still full; the limit error reaches the run's end another way.
        }
      }
    }

    private RunResult error(String message) {
      return finish(RunStatus.ERROR).message(message).build();
    }

    /** A result of {@code status}, with the exit code that status has. */
    private RunResult.Builder finish(RunStatus status) {
      return finish(status, status.exitCode());
    }

    private RunResult.Builder finish(RunStatus status, int exitCode) {
      return RunResult.builder(status)
          .exitCode(exitCode)
          .violations(auditLog.since(auditMark), auditLog.droppedSince(auditMark))
          .traffic(
              context.bytesRead() - bytesReadAtStart,
              context.bytesWritten() - bytesWrittenAtStart)
          .times(Duration.ofNanos(System.nanoTime() - startNanos), Duration.ZERO);
    }
  }

  /** How long the threads of a run have to end after they were told to. */
  private static final long GRACE_MILLIS = 1000;

  /** How often the end of a run is tried while the heap is full, {@link #pause} apart. */
  private static final int HEAP_FULL_ATTEMPTS = 200;

  /** Waits one watchdog period without allocating. */
  private static void pause() {
    LockSupport.parkNanos(Watchdog.PERIOD_MILLIS * 1_000_000);
  }

  /** {@code name (STATE)}, the name (the program's choice) cut to leave room for the state. */
  private static String describe(Thread thread) {
    String name = BoundedText.line(thread.getName(), RunResult.MAX_MESSAGE_LENGTH - 32);
    return name + " (" + CellThreads.stateOf(thread) + ")";
  }

  private static Thread firstAlive(List<Thread> threads) {
    for (Thread thread : threads) {
      if (thread.isAlive()) {
        return thread;
      }
    }
    return null;
  }

  private static List<Thread> nonDaemon(List<Thread> threads) {
    List<Thread> result = new ArrayList<>();
    for (Thread thread : threads) {
      if (!thread.isDaemon()) {
        result.add(thread);
      }
    }
    return result;
  }

  /** Joins {@code thread} for up to {@code millis}; keeps the caller's interrupt for later. */
  private static void join(Thread thread, long millis) {
    try {
      thread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final MethodHandle RUNNABLE_RUN = runnableRun();

  private static MethodHandle runnableRun() {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(Runnable.class, "run", MethodType.methodType(void.class));
    } catch (ReflectiveOperationException e) {
      throw new RexecBugException("Runnable.run must exist", e);
    }
  }

  /** The supervisor side of the cell, as the runtime sees it. */
  private final class Host implements CellHost {
    @Override
    public void refused(RefusalSite site) {
      auditLog.record(site);
    }

    @Override
    public Class<?> classForName(String binaryName, boolean initialize)
        throws ClassNotFoundException {
      String element = binaryName;
      while (element.startsWith("[")) {
        element = element.substring(1);
      }
      if (element.length() == 1) {
        // An array of a primitive type.
        return Class.forName(binaryName, initialize, null);
      }
      if (element.startsWith("L") && element.endsWith(";") && element.length() != binaryName.length()) {
        element = element.substring(1, element.length() - 1);
      }
      if (loader.isCellClass(element)) {
        return Class.forName(binaryName, initialize, loader);
      }
      String internalName = CellSources.internalName(element);
      if (Packages.isJdk(internalName) && policy.allowList().allowsClass(internalName)) {
        Class<?> type = Class.forName(binaryName, false, ClassLoader.getPlatformClassLoader());
        if (initialize && !type.isArray()) {
          // Not on the cell's thread, which may be at the edge of its stack (LoadingTest).
          LoaderThreads.initializeFor(type.getName(), context);
        }
        return type;
      }
      throw new ClassNotFoundException(binaryName);
    }

    @Override
    public Rule hiddenClassRule(String binaryName) {
      return HostClasses.hiddenRule(binaryName);
    }
  }

  /** Builds a {@link Cell}: its policy and how its standard streams are wired. */
  public static final class Builder {
    private final Policy policy;
    private InputStream stdin = new ByteArrayInputStream(new byte[0]);
    private OutputStream stdout;
    private OutputStream stderr;
    private RewriteCache rewriteCache = RewriteCache.shared();
    private CompileCache compileCache = CompileCache.shared();
    private boolean assertions;

    private Builder(Policy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * What the cell reads as {@code System.in} (default: nothing). A {@code FileInputStream} of
     * a file is read directly; any other stream that may block is read ahead by a supervisor
     * thread, so that a kill ends a read that waits. The cell cannot close it.
     */
    public Builder stdin(InputStream stdin) {
      this.stdin = Objects.requireNonNull(stdin, "stdin");
      return this;
    }

    /**
     * Streams the cell's {@code System.out} to {@code sink} instead of capturing it; the cell
     * cannot close the sink.
     */
    public Builder stdout(OutputStream sink) {
      this.stdout = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /** Streams the cell's {@code System.err} to {@code sink}; see {@link #stdout}. */
    public Builder stderr(OutputStream sink) {
      this.stderr = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /**
     * Enables the {@code assert} statements of the cell's classes, as {@code java -ea} does
     * (default: disabled, as in {@code java}). A failed assertion throws the JDK's {@link
     * AssertionError} in the cell; nothing is granted by it.
     */
    public Builder enableAssertions(boolean enabled) {
      this.assertions = enabled;
      return this;
    }

    /** Uses {@code cache} for rewritten classes instead of the JVM-wide shared one. */
    public Builder rewriteCache(RewriteCache cache) {
      this.rewriteCache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /**
     * Uses {@code cache} for compiled source files instead of the JVM-wide shared one;
     * {@link CompileCache#none()} compiles every source.
     */
    public Builder compileCache(CompileCache cache) {
      this.compileCache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /** The cell. */
    public Cell create() {
      return new Cell(this);
    }
  }
}
