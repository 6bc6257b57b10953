package org.rexec.runtime.control;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import org.rexec.fs.CellFiles;
import org.rexec.runtime.CellContext;
import org.rexec.runtime.CellTermination;
import org.rexec.runtime.CellThreads;
import org.rexec.runtime.StopReason;

/**
 * The supervisor's control panel of one cell: starting and ending its runs, stopping it, and
 * the resources it closes. {@link CellContext#create} hands out the one instance of a cell, to
 * whoever creates the cell; nothing else can obtain it.
 *
 * <p>This package is not the runtime package: a cell's class loader cannot see it (it shows
 * only the classes directly in {@code org.rexec.runtime}), and the rewriter refuses references
 * to it as to any of rexec's classes. {@link CellContext} itself has no public method that
 * changes the cell's state, so that the boundary does not rest on one rewriter rule alone.
 */
public interface CellControl {

  /** The cell as its rewritten code sees it. */
  CellContext context();

  /**
   * Starts a run: installs the run's streams and lets cell code execute.
   *
   * @throws IllegalStateException if the cell was stopped
   * @throws org.rexec.bug.RexecBugException if a run is active
   */
  void beginRun(InputStream stdin, PrintStream stdout, PrintStream stderr);

  /**
   * Ends the run: cell code can no longer execute until the next run, and the run's remaining
   * threads are interrupted so that they reach a guard.
   */
  void endRun();

  /**
   * Lets go of the finished run's streams, once no thread of it is left: an idle cell then
   * holds none of their buffers.
   */
  void releaseRun();

  /**
   * Stops the cell for good: from now on every guard in it throws, and every thread of the run
   * is interrupted. Idempotent; the first reason is kept.
   *
   * @return the termination, for a caller on a cell thread to throw
   */
  CellTermination stop(StopReason reason, String message);

  /**
   * Stops the cell if {@code thrown} is an error of the JVM that is a limit (a stack overflow,
   * running out of heap).
   *
   * @return the cell's termination if {@code thrown} is a limit error, else {@code null}
   */
  CellTermination stopOnLimitError(Throwable thrown);

  /** Interrupts every live thread of the run, so that blocking calls return to a guard. */
  void interruptThreads();

  /**
   * Takes the shutdown hooks registered by the run, once the program has exited; empty if it
   * halted. Cell code may run again afterwards (the hooks are cell code).
   */
  List<Thread> takeShutdownHooks();

  /** The cell's file namespace; closing the cell closes it. */
  CellFiles files();

  /** Counts {@code thread}, made by the supervisor for the run, as one of the run's threads. */
  void adoptThread(Thread thread);

  /** Tells the cell that a thread the supervisor started for the run has ended. */
  void threadEnded();

  /** Shuts down the executors the run made, so that their idle workers end. */
  void shutDownPools();

  /** The run's threads that are alive. */
  List<Thread> liveThreads();

  /** The most threads the run had alive at once. */
  int peakThreads();

  /** The CPU time and allocated bytes of the run's threads, sampled now. */
  CellThreads.Usage usage();

  /** The thread group every thread of the cell runs in. */
  ThreadGroup rootThreadGroup();

  /** Destroys the cell's thread groups; part of closing the cell. */
  void closeThreadGroups();

  /** Ends the cell's zlib compressors, freeing their native memory; part of closing the cell. */
  void closeCompressors();
}
