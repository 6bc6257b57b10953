package org.rexec.cell;

import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.rexec.bug.RexecBugException;
import org.rexec.cell.RunOutcome.Ending;
import org.rexec.fs.VisibleClasses;
import org.rexec.rewrite.RewriteResult;
import org.rexec.runtime.CellContext;
import org.rexec.runtime.CellTermination;
import org.rexec.runtime.CellThreads;
import org.rexec.runtime.RefusalSite;
import org.rexec.runtime.StopReason;
import org.rexec.runtime.ThrowableText;
import org.rexec.runtime.control.CellControl;
import org.rexec.text.BoundedText;

/**
 * One run of a cell: everything between starting {@code main} and collecting its {@link
 * RunOutcome}. Starts the program's main thread, waits for the program as the JVM does (its
 * non-daemon threads, then its shutdown hooks), ends the run (every thread told to end and
 * awaited), and records how the program ended.
 */
final class ProgramRun {

  /** Characters of a surviving thread's name in a report, leaving room for its state. */
  private static final int MAX_THREAD_NAME_LENGTH = 960;

  private final String mainClassName;
  private final String[] args;
  private final CellCore cell;
  private final CellControl control;
  private final CellContext context;
  private final long startNanos = System.nanoTime();
  private final AuditLog.Mark auditMark;
  private final long bytesReadAtStart;
  private final long bytesWrittenAtStart;
  private final List<Thread> started = new ArrayList<>();
  // How main ended, if it threw: its class, set before any code of the cell's describes it.
  private volatile String failedWith;
  private volatile String thrownMessage;
  /** The stack trace of what escaped main, as the JVM prints it; set after its message. */
  private volatile String thrown;
  private volatile boolean exitedWhileDescribing;
  private volatile Thread mainThread;

  ProgramRun(CellCore cell, String mainClassName, String[] args) {
    this.cell = cell;
    this.control = cell.control();
    this.context = cell.context();
    this.auditMark = cell.auditLog().mark();
    this.bytesReadAtStart = context.bytesRead();
    this.bytesWrittenAtStart = context.bytesWritten();
    this.mainClassName = mainClassName;
    this.args = args;
  }

  RunOutcome execute() {
    if (cell.setup().strict()) {
      long violations = strictCheck();
      if (violations > 0) {
        return finish(
            RunOutcome.of(Ending.REJECTED)
                .message(violations + " violation(s) in strict mode; nothing ran"));
      }
    }
    MethodHandle entry;
    try {
      entry = MainMethod.entry(cell.loader().loadOnHost(mainClassName), args);
    } catch (ClassNotFoundException e) {
      return error("no class " + mainClassName + " in the cell");
    } catch (NoSuchMethodException e) {
      return error(
          "no method public static void main(String[]) in " + mainClassName);
    } catch (SecurityException | ClassFormatError rejected) {
      // A class file the cell refuses, or one it cannot read (malformed, or of a version
      // this JDK does not know), is refused as java refuses it, before anything runs.
      return finish(RunOutcome.of(Ending.REJECTED).message(rejected.getMessage()));
    } catch (LinkageError broken) {
      return error(broken.getMessage());
    } catch (StackOverflowError tooDeep) {
      // The JVM defines a class's supertypes one inside the other on this, the caller's,
      // thread: a hierarchy within the rewriter's bound can still be too deep for its stack.
      // Nothing of the cell has run; the JVM undoes the definitions it did not finish.
      return finish(
          RunOutcome.of(Ending.REJECTED)
              .message(
                  "the supertypes of " + mainClassName
                      + " are too deep to load on the calling thread's stack"));
    }
    OutputBudget outputBudget = new OutputBudget(control);
    RunOutput out = output(cell.setup().stdout(), outputBudget);
    RunOutput err = output(cell.setup().stderr(), outputBudget);
    control.beginRun(cell.stdin(), out.stream(), err.stream());
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
      try {
        survivors = endRun(budget);
      } finally {
        // The run's streams end with it: kept by the program, they write nothing later.
        outputBudget.close();
      }
    }
    if (!survivors.isEmpty()) {
      // No later run may start while a thread of this one could still wake up.
      control.stop(StopReason.KILLED, survivors.size() + " thread(s) of a run could not be stopped");
    }
    CellTermination exit = context.exitRequest();
    RunOutcome outcome;
    if (ending != null) {
      outcome = RunOutcome.stopped(ending.stopReason(), ending.getMessage());
    } else if (exit != null && !exitedWhileDescribing) {
      // As in a JVM, an exit after main threw (by another thread) decides the status.
      outcome = RunOutcome.exited(exit.exitStatus());
    } else if (failedWith != null) {
      // Described before any code of the cell's could, or, if describing failed, by class.
      outcome =
          thrown != null
              ? RunOutcome.threw(failedWith, thrownMessage, thrown)
              : RunOutcome.threw(failedWith, null, "");
    } else {
      outcome = RunOutcome.of(Ending.COMPLETED);
    }
    CellThreads.Usage used = budget.used();
    return finish(outcome)
        .output(out.finish(), err.finish(), outputBudget.truncated())
        .threads(used.allocatedBytes(), control.peakThreads(), survivors)
        .times(Duration.ofNanos(System.nanoTime() - startNanos), Duration.ofNanos(used.cpuNanos()));
  }

  private RunOutput output(OutputStream sink, OutputBudget outputBudget) {
    return sink == null
        ? RunOutput.captured(outputBudget)
        : RunOutput.streamedTo(sink, outputBudget);
  }

  /** Records every violation of the loaded classes; returns how many there are. */
  private long strictCheck() {
    long violations = 0;
    for (String internalName : cell.sources().classNames()) {
      RewriteResult result = cell.loader().rewrite(internalName);
      for (RefusalSite site : result.violations()) {
        cell.auditLog().record(site);
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
            control.rootThreadGroup(), name, cell.setup().limits().stackBytes(), entry, end);
    thread.setContextClassLoader(cell.loader());
    thread.setUncaughtExceptionHandler(new UncaughtPrinter(err));
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
          String message = ThrowableText.message(escaped, context);
          String trace = ThrowableText.trace(escaped, context);
          thrownMessage = message;
          thrown = trace; // last: a trace means both are set
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
              ? thrown
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

  /**
   * The handler of the threads rexec starts for a run. The program can hold it ({@code
   * Thread.currentThread().getUncaughtExceptionHandler()}) and call it: it prints on the run's
   * own standard error, within the run's output budget, which closes when the run ends; and it
   * shows as a JDK object, never as a class of rexec's.
   */
  private final class UncaughtPrinter implements Thread.UncaughtExceptionHandler {
    private final RunOutput err;

    UncaughtPrinter(RunOutput err) {
      this.err = err;
    }

    @Override
    public void uncaughtException(Thread dying, Throwable uncaught) {
      printUncaught(dying, uncaught, err);
    }

    @Override
    public String toString() {
      return VisibleClasses.toString(this);
    }
  }

  private RunOutcome error(String message) {
    return finish(RunOutcome.of(Ending.ERROR).message(message));
  }

  /** {@code outcome} with what every run reports: its refusals, traffic and wall time so far. */
  private RunOutcome finish(RunOutcome outcome) {
    AuditLog auditLog = cell.auditLog();
    return outcome
        .refusals(auditLog.since(auditMark), auditLog.droppedSince(auditMark))
        .traffic(
            context.bytesRead() - bytesReadAtStart,
            context.bytesWritten() - bytesWrittenAtStart)
        .times(Duration.ofNanos(System.nanoTime() - startNanos), Duration.ZERO);
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
    String name = BoundedText.line(thread.getName(), MAX_THREAD_NAME_LENGTH);
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
}
