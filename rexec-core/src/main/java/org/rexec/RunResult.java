package org.rexec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rexec.cell.RunOutcome;
import org.rexec.runtime.RefusalSite;
import org.rexec.text.BoundedText;

/**
 * What one run of a cell did: how it ended, what it printed, what it was refused, what it cost.
 * Immutable.
 *
 * <p>Bounded whatever the program does: its output by the output limit; at most {@value
 * #MAX_VIOLATIONS} violations (the rest counted in {@link #droppedViolations()}), each bounded
 * as {@link Violation} says; the exception as {@link ThrownException} says; the message and
 * each of at most {@value #MAX_SURVIVORS} survivors one line of at most {@value
 * #MAX_MESSAGE_LENGTH} characters. So neither the memory a result holds nor the size of what a
 * supervisor prints of it depends on the program beyond its output limit.
 */
public final class RunResult {

  /** Violations a result lists, at most; see {@link #droppedViolations()}. */
  public static final int MAX_VIOLATIONS = 1_000;

  /** Characters of {@link #message()} and of each of {@link #survivors()}, at most. */
  public static final int MAX_MESSAGE_LENGTH = 1_000;

  /** Survivors a result names, at most; a last entry says how many more there were. */
  public static final int MAX_SURVIVORS = 100;

  /** The exit code after an uncaught exception, as the java launcher gives. */
  public static final int EXIT_EXCEPTION = 1;

  /** The exit code of a run that could not start. */
  public static final int EXIT_ERROR = 2;

  /** The exit code of a run refused because a class was rejected. */
  public static final int EXIT_REJECTED = 126;

  /** The exit code after the output limit. */
  public static final int EXIT_OUTPUT_LIMIT = 120;

  /** The exit code after the thread limit. */
  public static final int EXIT_THREAD_LIMIT = 121;

  /** The exit code after a stack overflow. */
  public static final int EXIT_STACK = 122;

  /** The exit code after the memory limit. */
  public static final int EXIT_MEMORY_LIMIT = 123;

  /** The exit code after the wall time or CPU time limit, as coreutils' {@code timeout} gives. */
  public static final int EXIT_TIMEOUT = 124;

  /** The exit code of a killed run: a process killed with SIGKILL has 137. */
  public static final int EXIT_KILLED = 137;

  /** The machinery's record; what it says is read from it, what the program chose is not. */
  private final RunOutcome outcome;
  private final RunStatus status;
  private final int exitCode;
  private final String message;
  private final String stdout;
  private final String stderr;
  private final ThrownException exception;
  private final List<Violation> violations;
  private final long droppedViolations;
  private final List<String> survivors;

  /** The API's view of how a run went: statuses named, what the program chose bounded. */
  RunResult(RunOutcome outcome) {
    this.outcome = outcome;
    this.status = RunStatus.of(outcome);
    this.exitCode = status == RunStatus.EXITED ? outcome.exitStatus() : status.exitCode();
    this.message =
        outcome.message() == null ? null : BoundedText.line(outcome.message(), MAX_MESSAGE_LENGTH);
    this.stdout = new String(outcome.stdout(), StandardCharsets.UTF_8);
    this.stderr = new String(outcome.stderr(), StandardCharsets.UTF_8);
    this.exception =
        outcome.ending() == RunOutcome.Ending.THREW
            ? new ThrownException(
                outcome.thrownType(), outcome.thrownMessage(), outcome.thrownTrace())
            : null;
    List<RefusalSite> refusals = outcome.refusals();
    long dropped = outcome.droppedRefusals();
    if (refusals.size() > MAX_VIOLATIONS) {
      dropped += refusals.size() - MAX_VIOLATIONS;
      refusals = refusals.subList(0, MAX_VIOLATIONS);
    }
    this.violations = Violation.all(refusals);
    this.droppedViolations = dropped;
    this.survivors = bounded(outcome.survivors());
  }

  /** At most {@value #MAX_SURVIVORS} entries, each one line. */
  private static List<String> bounded(List<String> survivors) {
    List<String> named = new ArrayList<>();
    for (String survivor : survivors.subList(0, Math.min(survivors.size(), MAX_SURVIVORS))) {
      named.add(BoundedText.line(survivor, MAX_MESSAGE_LENGTH));
    }
    if (survivors.size() > MAX_SURVIVORS) {
      named.add("... (" + (survivors.size() - MAX_SURVIVORS) + " more threads)");
    }
    return List.copyOf(named);
  }

  /**
   * How the run ended.
   *
   * @return the run's status; never null
   */
  public RunStatus status() {
    return status;
  }

  /**
   * The exit code a process running this program would have: 0 when it completed, {@code n}
   * after {@code exit(n)} as the program passed it (a process's parent sees its low 8 bits:
   * 255 for {@code exit(-1)}, as the {@code rexec} command exits), 1 after an uncaught exception; for a rejected class 126 and for a
   * run that could not start 2; after a limit, {@value #EXIT_TIMEOUT} for wall or CPU time,
   * {@value #EXIT_MEMORY_LIMIT} for memory, {@value #EXIT_STACK} for the stack,
   * {@value #EXIT_THREAD_LIMIT} for threads, {@value #EXIT_OUTPUT_LIMIT} for output, and
   * {@value #EXIT_KILLED} when killed.
   *
   * @return the exit code, as above
   */
  public int exitCode() {
    return exitCode;
  }

  /**
   * For {@link RunStatus#ERROR}, {@link RunStatus#REJECTED} and the statuses of limits: one line
   * saying what was wrong or which limit ended the run; otherwise empty.
   *
   * @return the line, at most {@value #MAX_MESSAGE_LENGTH} characters; empty for the other statuses
   */
  public Optional<String> message() {
    return Optional.ofNullable(message);
  }

  /**
   * What the program wrote to {@code System.out}, decoded as UTF-8 (bytes that are not UTF-8
   * become U+FFFD; {@link #stdoutBytes()} has them exactly); empty if the cell streamed its
   * output to a sink of the supervisor instead.
   *
   * @return the standard output; empty if nothing was written or it was streamed to a sink
   */
  public String stdout() {
    return stdout;
  }

  /**
   * What the program wrote to {@code System.err}; see {@link #stdout()}.
   *
   * @return the standard error; empty if nothing was written or it was streamed to a sink
   */
  public String stderr() {
    return stderr;
  }

  /**
   * The bytes the program wrote to {@code System.out}, exactly; a copy.
   *
   * @return a new array each call; empty if nothing was written or it was streamed to a sink
   */
  public byte[] stdoutBytes() {
    return outcome.stdout().clone();
  }

  /**
   * The bytes the program wrote to {@code System.err}, exactly; a copy.
   *
   * @return a new array each call; empty if nothing was written or it was streamed to a sink
   */
  public byte[] stderrBytes() {
    return outcome.stderr().clone();
  }

  /**
   * The exception that escaped {@code main}, for {@link RunStatus#EXCEPTION}.
   *
   * @return the exception; empty for every other status
   */
  public Optional<ThrownException> exception() {
    return Optional.ofNullable(exception);
  }

  /**
   * The operations refused during this run, in order: at most {@value #MAX_VIOLATIONS}, fewer if
   * earlier runs of the cell filled its audit log (see {@link #droppedViolations()}).
   *
   * @return the violations, unmodifiable; empty if nothing was refused
   */
  public List<Violation> violations() {
    return violations;
  }

  /**
   * How many more operations this run was refused than {@link #violations()} lists.
   *
   * @return the number of refusals not listed; 0 if {@link #violations()} lists them all
   */
  public long droppedViolations() {
    return droppedViolations;
  }

  /**
   * Wall-clock time from the start of the run to its end.
   *
   * @return the wall time the run took
   */
  public Duration wallTime() {
    return outcome.wallTime();
  }

  /**
   * CPU time used by the cell's threads during the run, all of them together.
   *
   * @return the CPU time of the run's threads, summed
   */
  public Duration cpuTime() {
    return outcome.cpuTime();
  }

  /**
   * Bytes the run read from files and sockets (not its standard input).
   *
   * @return the bytes read; 0 or more
   */
  public long bytesRead() {
    return outcome.bytesRead();
  }

  /**
   * Bytes the run wrote to files and sockets (not its standard output and error).
   *
   * @return the bytes written; 0 or more
   */
  public long bytesWritten() {
    return outcome.bytesWritten();
  }

  /**
   * Bytes allocated by the cell's threads during the run, garbage included.
   *
   * @return the bytes allocated, as the JVM counts them per thread; 0 or more
   */
  public long allocatedBytes() {
    return outcome.allocatedBytes();
  }

  /**
   * The most threads of the run alive at once, its main thread included.
   *
   * @return the number of threads, the main thread counted
   */
  public int peakThreads() {
    return outcome.peakThreads();
  }

  /**
   * Whether output was cut at the output limit.
   *
   * @return {@code true} if the run wrote more than the output limit and the rest was dropped
   */
  public boolean outputTruncated() {
    return outcome.outputTruncated();
  }

  /**
   * Whether every thread of the run had ended when the run returned, so that no code of the
   * cell runs any more. When false, the JVM left a thread blocked where no interrupt reaches
   * (see {@link #survivors()}); the cell is then stopped for good, and the thread ends at its
   * next guard if it ever wakes.
   *
   * @return {@code true} if no thread of the run is alive
   */
  public boolean contained() {
    return survivors.isEmpty();
  }

  /**
   * The threads of the run still alive when it returned, as {@code name (STATE)}: at most
   * {@value #MAX_SURVIVORS}, then an entry {@code ... (N more threads)}.
   *
   * @return the surviving threads, unmodifiable; empty if the run is {@link #contained()}
   */
  public List<String> survivors() {
    return survivors;
  }

  @Override
  public String toString() {
    return "RunResult{status="
        + status.label()
        + ", exitCode="
        + exitCode
        + (message == null ? "" : ", message=" + message)
        + (exception == null ? "" : ", exception=" + exception)
        + ", violations="
        + (violations.size() + droppedViolations)
        + ", wall="
        + wallTime().toMillis()
        + "ms, cpu="
        + cpuTime().toMillis()
        + "ms}";
  }
}
