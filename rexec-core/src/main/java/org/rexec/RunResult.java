package org.rexec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rexec.policy.BoundedText;

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

  private final RunStatus status;
  private final int exitCode;
  private final String message;
  private final String stdout;
  private final String stderr;
  private final byte[] stdoutBytes;
  private final byte[] stderrBytes;
  private final ThrownException exception;
  private final List<Violation> violations;
  private final long droppedViolations;
  private final Duration wallTime;
  private final Duration cpuTime;
  private final long bytesRead;
  private final long bytesWritten;
  private final long allocatedBytes;
  private final int peakThreads;
  private final boolean outputTruncated;
  private final List<String> survivors;

  private RunResult(Builder builder) {
    this.status = Objects.requireNonNull(builder.status, "status");
    this.exitCode = builder.exitCode;
    this.message = builder.message;
    this.stdoutBytes = builder.stdout;
    this.stderrBytes = builder.stderr;
    this.stdout = new String(stdoutBytes, StandardCharsets.UTF_8);
    this.stderr = new String(stderrBytes, StandardCharsets.UTF_8);
    this.exception = builder.exception;
    this.violations = List.copyOf(builder.violations);
    this.droppedViolations = builder.droppedViolations;
    this.wallTime = builder.wallTime;
    this.cpuTime = builder.cpuTime;
    this.bytesRead = builder.bytesRead;
    this.bytesWritten = builder.bytesWritten;
    this.allocatedBytes = builder.allocatedBytes;
    this.peakThreads = builder.peakThreads;
    this.outputTruncated = builder.outputTruncated;
    this.survivors = List.copyOf(builder.survivors);
  }

  /** How the run ended. */
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
   */
  public int exitCode() {
    return exitCode;
  }

  /**
   * For {@link RunStatus#ERROR}, {@link RunStatus#REJECTED} and the statuses of limits: one line
   * saying what was wrong or which limit ended the run; otherwise empty.
   */
  public Optional<String> message() {
    return Optional.ofNullable(message);
  }

  /**
   * What the program wrote to {@code System.out}, decoded as UTF-8 (bytes that are not UTF-8
   * become U+FFFD; {@link #stdoutBytes()} has them exactly); empty if the cell streamed its
   * output to a sink of the supervisor instead.
   */
  public String stdout() {
    return stdout;
  }

  /** What the program wrote to {@code System.err}; see {@link #stdout()}. */
  public String stderr() {
    return stderr;
  }

  /** The bytes the program wrote to {@code System.out}, exactly; a copy. */
  public byte[] stdoutBytes() {
    return stdoutBytes.clone();
  }

  /** The bytes the program wrote to {@code System.err}, exactly; a copy. */
  public byte[] stderrBytes() {
    return stderrBytes.clone();
  }

  /** The exception that escaped {@code main}, for {@link RunStatus#EXCEPTION}. */
  public Optional<ThrownException> exception() {
    return Optional.ofNullable(exception);
  }

  /**
   * The operations refused during this run, in order: at most {@value #MAX_VIOLATIONS}, fewer if
   * earlier runs of the cell filled its audit log (see {@link #droppedViolations()}).
   */
  public List<Violation> violations() {
    return violations;
  }

  /** How many more operations this run was refused than {@link #violations()} lists. */
  public long droppedViolations() {
    return droppedViolations;
  }

  /** Wall-clock time from the start of the run to its end. */
  public Duration wallTime() {
    return wallTime;
  }

  /** CPU time used by the cell's threads during the run, all of them together. */
  public Duration cpuTime() {
    return cpuTime;
  }

  /** Bytes the run read from files and sockets (not its standard input). */
  public long bytesRead() {
    return bytesRead;
  }

  /** Bytes the run wrote to files and sockets (not its standard output and error). */
  public long bytesWritten() {
    return bytesWritten;
  }

  /** Bytes allocated by the cell's threads during the run, garbage included. */
  public long allocatedBytes() {
    return allocatedBytes;
  }

  /** The most threads of the run alive at once, its main thread included. */
  public int peakThreads() {
    return peakThreads;
  }

  /** Whether output was cut at the output limit. */
  public boolean outputTruncated() {
    return outputTruncated;
  }

  /**
   * Whether every thread of the run had ended when the run returned, so that no code of the
   * cell runs any more. When false, the JVM left a thread blocked where no interrupt reaches
   * (see {@link #survivors()}); the cell is then stopped for good, and the thread ends at its
   * next guard if it ever wakes.
   */
  public boolean contained() {
    return survivors.isEmpty();
  }

  /**
   * The threads of the run still alive when it returned, as {@code name (STATE)}: at most
   * {@value #MAX_SURVIVORS}, then an entry {@code ... (N more threads)}.
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
        + wallTime.toMillis()
        + "ms, cpu="
        + cpuTime.toMillis()
        + "ms}";
  }

  static Builder builder(RunStatus status) {
    return new Builder(status);
  }

  /** Assembles a result; used by the cell. */
  static final class Builder {
    private final RunStatus status;
    private int exitCode;
    private String message;
    private byte[] stdout = new byte[0];
    private byte[] stderr = new byte[0];
    private ThrownException exception;
    private List<Violation> violations = List.of();
    private long droppedViolations;
    private Duration wallTime = Duration.ZERO;
    private Duration cpuTime = Duration.ZERO;
    private long bytesRead;
    private long bytesWritten;
    private long allocatedBytes;
    private int peakThreads;
    private boolean outputTruncated;
    private List<String> survivors = List.of();

    private Builder(RunStatus status) {
      this.status = status;
    }

    Builder exitCode(int exitCode) {
      this.exitCode = exitCode;
      return this;
    }

    /** One line, cut to {@value #MAX_MESSAGE_LENGTH} characters. */
    Builder message(String message) {
      this.message = BoundedText.line(message, MAX_MESSAGE_LENGTH);
      return this;
    }

    Builder output(byte[] stdout, byte[] stderr) {
      this.stdout = stdout;
      this.stderr = stderr;
      return this;
    }

    Builder exception(ThrownException exception) {
      this.exception = exception;
      return this;
    }

    Builder violations(List<Violation> violations, long dropped) {
      if (violations.size() > MAX_VIOLATIONS) {
        dropped += violations.size() - MAX_VIOLATIONS;
        violations = violations.subList(0, MAX_VIOLATIONS);
      }
      this.violations = violations;
      this.droppedViolations = dropped;
      return this;
    }

    Builder times(Duration wallTime, Duration cpuTime) {
      this.wallTime = wallTime;
      this.cpuTime = cpuTime;
      return this;
    }

    Builder traffic(long bytesRead, long bytesWritten) {
      this.bytesRead = bytesRead;
      this.bytesWritten = bytesWritten;
      return this;
    }

    /** @param survivors as {@code name (STATE)}; bounded here */
    Builder threads(long allocatedBytes, int peakThreads, List<String> survivors) {
      this.allocatedBytes = allocatedBytes;
      this.peakThreads = peakThreads;
      List<String> named = new ArrayList<>();
      for (String survivor : survivors.subList(0, Math.min(survivors.size(), MAX_SURVIVORS))) {
        named.add(BoundedText.line(survivor, MAX_MESSAGE_LENGTH));
      }
      if (survivors.size() > MAX_SURVIVORS) {
        named.add("... (" + (survivors.size() - MAX_SURVIVORS) + " more threads)");
      }
      this.survivors = named;
      return this;
    }

    Builder outputTruncated(boolean outputTruncated) {
      this.outputTruncated = outputTruncated;
      return this;
    }

    RunResult build() {
      return new RunResult(this);
    }
  }
}
