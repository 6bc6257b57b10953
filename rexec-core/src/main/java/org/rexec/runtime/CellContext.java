package org.rexec.runtime;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.InputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.rexec.bug.RexecBugException;
import org.rexec.fs.CellFiles;
import org.rexec.fs.FileEvents;
import org.rexec.text.BoundedText;
import org.rexec.policy.Limits;
import org.rexec.policy.NetworkGrants;
import org.rexec.policy.Rule;
import org.rexec.text.Units;
import org.rexec.runtime.control.CellControl;

/**
 * One cell as its rewritten code sees it: the state every guard reads, and the cell's builtins
 * (its own {@code System.out}, properties, environment, exit and shutdown hooks).
 *
 * <p>Every rewritten class holds its cell's context in a {@code static final} field that its
 * static initializer fills from {@link #of(Class)}; the JIT folds that field to a constant, so
 * the kill check on the hot path is one volatile read of {@link #state}.
 *
 * <p>The supervisor's operations (beginning, ending and stopping runs, the resources it closes)
 * are not public here: {@link #create} hands them out once, as the cell's {@link CellControl},
 * which lives in a package a cell's loader cannot see. No public method of this class changes
 * the cell's state.
 *
 * <p>Thread safety: the state and the builtins are read by every cell thread and written by the
 * supervisor; fields are volatile or guarded by {@code this}.
 */
public final class CellContext {

  /** Implemented by the class loader of every cell, so that a class can find its context. */
  public interface Holder {
    /** The context of the cell that owns this loader. */
    CellContext cellContext();
  }

  static final int RUNNING = 0;
  static final int IDLE = 1;
  static final int EXITING = 2;
  static final int STOPPED = 3;

  /** Read by every guard: {@link #RUNNING} lets cell code run, anything else unwinds it. */
  volatile int state = IDLE;

  private final CellHost host;
  private final CellFiles files;
  private final NetRules network;
  private final CellUrls urls = new CellUrls(this);
  private final CellHttpClients httpClients = new CellHttpClients(this);
  private final Limits limits;
  /** The largest allocation, read by the allocation guards. */
  final long maxAllocationBytes;
  /** Made in advance: a thread at the edge of its stack stops the cell with it. */
  private final String stackMessage;
  private static final String OUT_OF_MEMORY = "the program ran out of memory";
  private final CellThreads threads = new CellThreads(this);
  private final CellThreadGroups threadGroups = new CellThreadGroups(this);
  private final NativeCompressors compressors = new NativeCompressors(this);
  // Guarded by this; made when the cell first asks for a logger.
  private CellLoggers loggers;
  private final MadeErrors madeErrors = new MadeErrors();
  private final StandIns standIns = new StandIns(this);
  private final LoopGuard loopGuard = new LoopGuard(this);

  /** What {@code FileDescriptor.in}, {@code out} and {@code err} are in this cell. */
  final FileDescriptor stdinDescriptor = new FileDescriptor();

  final FileDescriptor stdoutDescriptor = new FileDescriptor();
  final FileDescriptor stderrDescriptor = new FileDescriptor();
  private final Map<String, String> environment;
  private final Properties initialProperties;
  private volatile Properties properties;

  /** Where a finished run's streams point: nothing. */
  private static final PrintStream NO_OUTPUT = new PrintStream(OutputStream.nullOutputStream());

  private volatile PrintStream out;
  private volatile PrintStream err;
  private volatile InputStream in;

  private final AtomicLong bytesRead = new AtomicLong();
  private final AtomicLong bytesWritten = new AtomicLong();

  // Guarded by this.
  private CellTermination termination;
  private BufferedReader lineReader;
  private boolean halted;
  private final Map<Thread, Boolean> shutdownHooks = new IdentityHashMap<>();

  /**
   * Creates the context of a new cell, idle, and returns its control, the only handle on the
   * supervisor's operations of the cell.
   *
   * @param host the supervisor side of the cell
   * @param files the cell's file namespace, to be built reporting to this context
   * @param network the hosts and ports the cell may use
   * @param limits how much a run may use
   * @param environment the variables {@code System.getenv} shows
   * @param properties the system properties the cell starts with; copied
   * @throws UncheckedIOException if the cell's scratch directory cannot be created
   */
  public static CellControl create(
      CellHost host,
      CellFiles.Builder files,
      NetworkGrants network,
      Limits limits,
      Map<String, String> environment,
      Properties properties) {
    return new CellContext(host, files, network, limits, environment, properties).new Control();
  }

  private CellContext(
      CellHost host,
      CellFiles.Builder files,
      NetworkGrants network,
      Limits limits,
      Map<String, String> environment,
      Properties properties) {
    this.host = Objects.requireNonNull(host, "host");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.maxAllocationBytes = limits.maxAllocationBytes();
    this.stackMessage =
        "a thread overflowed its stack of " + Units.bytes(limits.stackBytes()) + " (stack limit)";
    this.network = new NetRules(Objects.requireNonNull(network, "network"));
    try {
      this.files = files.events(new FileAudit()).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the cell's scratch directory", e);
    }
    this.environment = Map.copyOf(environment);
    this.initialProperties = copy(properties);
    this.properties = copy(properties);
  }

  /**
   * The context of the cell that defined {@code cellClass}. Called by the static initializer of
   * every rewritten class.
   *
   * @throws org.rexec.bug.RexecBugException if the class was not defined by a cell
   */
  public static CellContext of(Class<?> cellClass) {
    ClassLoader loader = cellClass.getClassLoader();
    if (loader instanceof Holder) {
      return ((Holder) loader).cellContext();
    }
    throw new RexecBugException(
        cellClass.getName() + " was rewritten for a cell but not defined by one");
  }

  CellHost host() {
    return host;
  }

  /** The cell's file namespace; closing the cell closes it. */
  CellFiles files() {
    return files;
  }

  NetRules network() {
    return network;
  }

  /** The cell's URL handlers and connections. */
  CellUrls urls() {
    return urls;
  }

  /** The cell's {@code java.net.http} clients. */
  CellHttpClients httpClients() {
    return httpClients;
  }

  /** How much a run of the cell may use. */
  public Limits limits() {
    return limits;
  }

  /** The monitor the cell locks for {@code object}: see {@link StandIns}. */
  Object monitorOf(Object object) {
    return standIns.monitorOf(object);
  }

  /** The threads of the current run. */
  CellThreads threads() {
    return threads;
  }

  /** The cell's thread groups: the root its threads run in, and those under it. */
  CellThreadGroups threadGroups() {
    return threadGroups;
  }

  /** The cell's zlib compressors, whose native memory is bounded by their number. */
  NativeCompressors compressors() {
    return compressors;
  }

  /** The cell's loggers, made when it first asks for one. */
  synchronized CellLoggers loggers() {
    if (loggers == null) {
      loggers = new CellLoggers(this);
    }
    return loggers;
  }

  /** Bytes the cell read from files and sockets so far. */
  public long bytesRead() {
    return bytesRead.get();
  }

  /** Bytes the cell wrote to files and sockets so far. */
  public long bytesWritten() {
    return bytesWritten.get();
  }

  void countRead(long bytes) {
    bytesRead.addAndGet(bytes);
  }

  void countWritten(long bytes) {
    bytesWritten.addAndGet(bytes);
  }

  /** Reports the file system's refusals and traffic as the cell's. */
  private final class FileAudit implements FileEvents {
    @Override
    public void refused(String operation, String cellPath, Rule rule) {
      Refusals.record(CellContext.this, operation, cellPath, rule);
    }

    @Override
    public void read(long bytes) {
      countRead(bytes);
    }

    @Override
    public void written(long bytes) {
      countWritten(bytes);
    }
  }

  // ---- run lifecycle (supervisor side, through Control) ----

  /**
   * The kill check of loop back-edges, which every rewritten class of the cell holds in a
   * constant (see {@link LoopGuard}).
   */
  public MethodHandle loopGuard() {
    return loopGuard.handle();
  }

  /**
   * Starts a run: installs the run's streams and lets cell code execute.
   *
   * @throws IllegalStateException if the cell was stopped
   * @throws org.rexec.bug.RexecBugException if a run is active
   */
  synchronized void beginRun(InputStream stdin, PrintStream stdout, PrintStream stderr) {
    if (state == STOPPED) {
      throw new IllegalStateException("the cell was stopped: " + termination.getMessage());
    }
    if (state != IDLE) {
      // Cell serializes its runs and stops a cell whose run left threads behind.
      throw new RexecBugException("a run of this cell is already active");
    }
    this.in = Objects.requireNonNull(stdin, "stdin");
    this.out = Objects.requireNonNull(stdout, "stdout");
    this.err = Objects.requireNonNull(stderr, "stderr");
    termination = null;
    lineReader = null;
    halted = false;
    shutdownHooks.clear();
    threads.beginRun();
    state = RUNNING;
  }

  /**
   * Ends the run: cell code can no longer execute until the next run, and the run's remaining
   * threads are interrupted so that they reach a guard.
   */
  void endRun() {
    synchronized (this) {
      if (state != STOPPED) {
        state = IDLE;
      }
    }
    if (threads.anyAlive()) {
      // Threads that outlive the run may be in loops, which must see its end. (One not yet
      // started runs no cell code: see CellThreads.)
      loopGuard.invalidate();
    }
    threads.interruptAll();
  }

  /**
   * Lets go of the finished run's streams, once no thread of it is left: an idle cell then
   * holds none of their buffers (most of what it would otherwise keep).
   */
  synchronized void releaseRun() {
    in = InputStream.nullInputStream();
    out = NO_OUTPUT;
    err = NO_OUTPUT;
    lineReader = null;
  }

  /**
   * Stops the cell for good: from now on every guard in it throws, and every thread of the run
   * is interrupted so that blocking calls return to a guard. Idempotent; the first reason is
   * kept.
   *
   * @return the termination, for a caller on a cell thread to throw
   */
  CellTermination stop(StopReason reason, String message) {
    CellTermination stopped;
    synchronized (this) {
      if (state != STOPPED) {
        termination = new CellTermination(reason, message);
        state = STOPPED;
      }
      stopped = termination;
    }
    loopGuard.invalidate();
    threads.interruptAll();
    return stopped;
  }

  /** Records an error of the JVM's classes that cell code constructed: see {@link MadeErrors}. */
  void madeError(Throwable error) {
    madeErrors.record(error);
  }

  /**
   * Whether {@code thrown} is a {@link VirtualMachineError} the JVM may have thrown, not one the
   * program constructed: see {@link MadeErrors#isJvms}.
   */
  boolean isJvmError(Throwable thrown) {
    return madeErrors.isJvms(thrown);
  }

  /**
   * Stops the cell if {@code thrown} is an error of the JVM that is a limit: a stack overflow,
   * or running out of heap. The run then ends with that limit, however the program handles
   * the error. An error the program constructed and threw itself is its own exception, not a
   * limit.
   *
   * @return the cell's termination if {@code thrown} is a limit error, else {@code null}
   */
  CellTermination stopOnLimitError(Throwable thrown) {
    if (!madeErrors.isJvms(thrown)) {
      return null;
    }
    if (thrown instanceof StackOverflowError) {
      return stop(StopReason.STACK, stackMessage);
    }
    if (thrown instanceof OutOfMemoryError) {
      String message;
      try {
        // The JVM's own error says what ran out; one a program made says what it likes, so only
        // the message of the JDK's class is used, read without calling the program's code.
        String what =
            thrown.getClass() == OutOfMemoryError.class
                ? BoundedText.line(thrown.getMessage(), 200)
                : ThrowableText.type(thrown);
        message = "the program ran out of memory: " + what;
      } catch (OutOfMemoryError stillOut) {
        // The heap is still full: the message made in advance does, so that the stop happens.
        message = OUT_OF_MEMORY;
      }
      return stop(StopReason.MEMORY_LIMIT, message);
    }
    return null;
  }

  /**
   * Stops the cell because one allocation of about {@code bytes} would pass the largest
   * allocation a cell may make.
   *
   * @return the termination, for the allocating thread to throw
   */
  CellTermination allocationTooLarge(double bytes) {
    return stop(
        StopReason.MEMORY_LIMIT,
        "an allocation of "
            + Units.bytes((long) Math.min(bytes, Long.MAX_VALUE))
            + " is larger than the largest allowed, "
            + Units.bytes(maxAllocationBytes)
            + " (memory limit)");
  }

  /** Interrupts every live thread of the run, so that blocking calls return to a guard. */
  void interruptThreads() {
    threads.interruptAll();
  }

  /** Whether the cell was stopped. */
  public boolean isStopped() {
    return state == STOPPED;
  }

  /** How the cell was stopped, or {@code null} if it was not. */
  public synchronized CellTermination stopped() {
    return state == STOPPED ? termination : null;
  }

  /** Whether a run is active: running, or exiting and not yet ended. */
  public boolean isActive() {
    int now = state;
    return now == RUNNING || now == EXITING;
  }

  /** Whether cell code may run now: a run is active and neither exiting nor stopped. */
  public boolean isRunning() {
    return state == RUNNING;
  }

  /**
   * Takes the shutdown hooks registered by the run, once the program has exited; empty if it
   * halted. Cell code may run again afterwards (the hooks are cell code).
   */
  synchronized List<Thread> takeShutdownHooks() {
    List<Thread> hooks = halted ? List.of() : new ArrayList<>(shutdownHooks.keySet());
    shutdownHooks.clear();
    if (state == EXITING) {
      state = RUNNING;
    }
    return hooks;
  }

  /** The exit requested by the program in this run, or {@code null} if it did not exit. */
  public synchronized CellTermination exitRequest() {
    return termination != null && termination.reason() == CellTermination.Reason.EXIT
        ? termination
        : null;
  }

  // ---- called by guards ----

  /** Throws the termination that applies if the state is no longer {@link #RUNNING}. */
  void checkRunning() {
    synchronized (this) {
      if (state == RUNNING) {
        return;
      }
      if (termination != null) {
        throw termination;
      }
    }
    throw new CellTermination(
        CellTermination.Reason.INACTIVE,
        0,
        "cell code may run only inside a run or call of its cell");
  }

  // ---- builtins (called by shims) ----

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  InputStream in() {
    return in;
  }

  /** The run's reader of lines from {@code System.in}, made on first use, as {@code IO} has. */
  synchronized BufferedReader lineReader() {
    if (lineReader == null) {
      lineReader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return lineReader;
  }

  void setOut(PrintStream stream) {
    out = stream;
  }

  void setErr(PrintStream stream) {
    err = stream;
  }

  void setIn(InputStream stream) {
    in = stream;
  }

  Properties properties() {
    return properties;
  }

  void setProperties(Properties replacement) {
    properties = replacement == null ? copy(initialProperties) : replacement;
  }

  Map<String, String> environment() {
    return environment;
  }

  /**
   * Ends the program with {@code status}; {@code halt} skips the shutdown hooks. Returns the
   * termination for the caller to throw; a later exit keeps the first status, as the JVM does.
   */
  CellTermination exit(int status, boolean halt) {
    CellTermination exiting;
    synchronized (this) {
      if (termination == null) {
        termination =
            new CellTermination(CellTermination.Reason.EXIT, status, "exit(" + status + ")");
        state = EXITING;
      }
      halted |= halt;
      exiting = termination;
    }
    if (threads.live().size() > 1) {
      // Other threads may be in loops, which must see the exit.
      loopGuard.invalidate();
    }
    return exiting;
  }

  /**
   * Registers a hook, to run on a thread the supervisor starts when the program exits. Each is
   * one more thread, so a run may register as many as it may start threads, and at least
   * {@value #MIN_SHUTDOWN_HOOKS}; one more is a thread bomb and stops the cell.
   *
   * @throws CellTermination past that number
   */
  void addShutdownHook(Thread hook) {
    int allowed = Math.max(MIN_SHUTDOWN_HOOKS, limits.threads());
    synchronized (this) {
      if (state != RUNNING || termination != null) {
        throw new IllegalStateException("Shutdown in progress");
      }
      if (hook.getState() != Thread.State.NEW) {
        throw new IllegalArgumentException("Hook already running");
      }
      if (shutdownHooks.containsKey(hook)) {
        throw new IllegalArgumentException("Hook previously registered");
      }
      if (shutdownHooks.size() < allowed) {
        shutdownHooks.put(hook, Boolean.TRUE);
        return;
      }
    }
    throw stop(
        StopReason.THREAD_LIMIT,
        "the program registered more than " + allowed + " shutdown hooks (thread limit: " + Limits.THREADS_SETTING + ")");
  }

  /** Shutdown hooks a run may register whatever its thread limit. */
  static final int MIN_SHUTDOWN_HOOKS = 16;

  synchronized boolean removeShutdownHook(Thread hook) {
    if (termination != null) {
      throw new IllegalStateException("Shutdown in progress");
    }
    return shutdownHooks.remove(hook) != null;
  }

  /**
   * The supervisor's operations of this cell, handed out once by {@link #create}. Private, so
   * that the only way to them is the instance the cell's creator holds.
   */
  private final class Control implements CellControl {
    @Override
    public CellContext context() {
      return CellContext.this;
    }

    @Override
    public void beginRun(InputStream stdin, PrintStream stdout, PrintStream stderr) {
      CellContext.this.beginRun(stdin, stdout, stderr);
    }

    @Override
    public void endRun() {
      CellContext.this.endRun();
    }

    @Override
    public void releaseRun() {
      CellContext.this.releaseRun();
    }

    @Override
    public CellTermination stop(StopReason reason, String message) {
      return CellContext.this.stop(reason, message);
    }

    @Override
    public CellTermination stopOnLimitError(Throwable thrown) {
      return CellContext.this.stopOnLimitError(thrown);
    }

    @Override
    public void interruptThreads() {
      CellContext.this.interruptThreads();
    }

    @Override
    public List<Thread> takeShutdownHooks() {
      return CellContext.this.takeShutdownHooks();
    }

    @Override
    public CellFiles files() {
      return files;
    }

    @Override
    public void adoptThread(Thread thread) {
      threads.adopt(thread);
    }

    @Override
    public void threadEnded() {
      threads.ended();
    }

    @Override
    public void shutDownPools() {
      threads.shutDownPools();
    }

    @Override
    public List<Thread> liveThreads() {
      return threads.live();
    }

    @Override
    public int peakThreads() {
      return threads.peak();
    }

    @Override
    public CellThreads.Usage usage() {
      return threads.usage();
    }

    @Override
    public ThreadGroup rootThreadGroup() {
      return threadGroups.root();
    }

    @Override
    public void closeThreadGroups() {
      threadGroups.close();
    }

    @Override
    public void closeCompressors() {
      compressors.close();
    }
  }

  private static Properties copy(Properties source) {
    Properties copy = new Properties();
    copy.putAll(source);
    return copy;
  }
}
