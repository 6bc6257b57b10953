package org.rexec.runtime;

/**
 * Unwinds a cell thread when its program exits or the cell is stopped.
 *
 * <p>It is an {@link Error} that untrusted code cannot name (the rewriter refuses references to
 * this package) and cannot swallow: the handler guard at the start of every exception handler
 * in cell code rethrows it. The JDK code between cell frames may catch and wrap it; the guards
 * then rethrow it from the wrapper's cause, and every later guard throws it again, because the
 * state it reports is sticky.
 */
public final class CellTermination extends Error {

  private static final long serialVersionUID = 1L;

  /** Why a cell thread is being unwound. */
  public enum Reason {
    /** The program called {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt}. */
    EXIT,
    /** The supervisor or a limit stopped the cell. */
    STOPPED,
    /** Cell code ran outside any run or call of its cell. */
    INACTIVE
  }

  private final Reason reason;
  private final int exitStatus;
  private final StopReason stopReason;

  CellTermination(Reason reason, int exitStatus, String message) {
    this(reason, exitStatus, null, message);
  }

  CellTermination(StopReason stopReason, String message) {
    this(Reason.STOPPED, 0, stopReason, message);
  }

  private CellTermination(Reason reason, int exitStatus, StopReason stopReason, String message) {
    // No stack trace: it is control flow, never shown to untrusted code.
    super(message, null, false, false);
    this.reason = reason;
    this.exitStatus = exitStatus;
    this.stopReason = stopReason;
  }

  /** Why the thread is being unwound. */
  public Reason reason() {
    return reason;
  }

  /** Why the cell was stopped, for {@link Reason#STOPPED}; otherwise {@code null}. */
  public StopReason stopReason() {
    return stopReason;
  }

  /** The status given to {@code exit}, meaningful for {@link Reason#EXIT}. */
  public int exitStatus() {
    return exitStatus;
  }

  /**
   * The termination in {@code thrown} or in the causes that JDK code wrapped around it
   * ({@code ExceptionInInitializerError}, {@code CompletionException}, ...), or {@code null}.
   */
  static CellTermination findIn(Throwable thrown) {
    // Only JDK exception classes are unwrapped: a cell's own subclass may override getCause()
    // and must not run here. The walk is bounded because a cause chain may be cyclic.
    Throwable current = thrown;
    for (int depth = 0; current != null && depth < 32; depth++) {
      if (current instanceof CellTermination) {
        return (CellTermination) current;
      }
      if (!isJdkClass(current.getClass())) {
        return null;
      }
      current = current.getCause();
    }
    return null;
  }

  private static boolean isJdkClass(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    return loader == null || loader == ClassLoader.getPlatformClassLoader();
  }
}
