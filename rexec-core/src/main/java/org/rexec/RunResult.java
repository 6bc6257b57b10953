package org.rexec;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run of a cell did: how it ended, what it printed, what it was refused, what it cost.
 * Immutable.
 */
public final class RunResult {

  /** The exit code after an uncaught exception, as the java launcher gives. */
  public static final int EXIT_EXCEPTION = 1;

  /** The exit code of a run that could not start. */
  public static final int EXIT_ERROR = 2;

  /** The exit code of a run refused because a class was rejected. */
  public static final int EXIT_REJECTED = 126;

  private final RunStatus status;
  private final int exitCode;
  private final String message;
  private final String stdout;
  private final String stderr;
  private final ThrownException exception;
  private final List<Violation> violations;
  private final Duration wallTime;
  private final Duration cpuTime;
  private final long bytesRead;
  private final long bytesWritten;

  private RunResult(Builder builder) {
    this.status = Objects.requireNonNull(builder.status, "status");
    this.exitCode = builder.exitCode;
    this.message = builder.message;
    this.stdout = builder.stdout;
    this.stderr = builder.stderr;
    this.exception = builder.exception;
    this.violations = List.copyOf(builder.violations);
    this.wallTime = builder.wallTime;
    this.cpuTime = builder.cpuTime;
    this.bytesRead = builder.bytesRead;
    this.bytesWritten = builder.bytesWritten;
  }

  /** How the run ended. */
  public RunStatus status() {
    return status;
  }

  /**
   * The exit code a process running this program would have: 0 when it completed, {@code n}
   * after {@code exit(n)}, 1 after an uncaught exception; for a rejected class 126 and for a
   * run that could not start 2.
   */
  public int exitCode() {
    return exitCode;
  }

  /**
   * For {@link RunStatus#ERROR} and {@link RunStatus#REJECTED}: one line saying what was wrong;
   * otherwise empty.
   */
  public Optional<String> message() {
    return Optional.ofNullable(message);
  }

  /**
   * What the program wrote to {@code System.out}, decoded as UTF-8; empty if the cell streamed
   * its output to a sink of the supervisor instead.
   */
  public String stdout() {
    return stdout;
  }

  /** What the program wrote to {@code System.err}; see {@link #stdout()}. */
  public String stderr() {
    return stderr;
  }

  /** The exception that escaped {@code main}, for {@link RunStatus#EXCEPTION}. */
  public Optional<ThrownException> exception() {
    return Optional.ofNullable(exception);
  }

  /** The operations refused during this run, in order (at most the audit log's capacity). */
  public List<Violation> violations() {
    return violations;
  }

  /** Wall-clock time from the start of the run to its end. */
  public Duration wallTime() {
    return wallTime;
  }

  /** CPU time used by the cell's threads during the run. */
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

  @Override
  public String toString() {
    return "RunResult{status="
        + status.label()
        + ", exitCode="
        + exitCode
        + (message == null ? "" : ", message=" + message)
        + (exception == null ? "" : ", exception=" + exception)
        + ", violations="
        + violations.size()
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
    private String stdout = "";
    private String stderr = "";
    private ThrownException exception;
    private List<Violation> violations = List.of();
    private Duration wallTime = Duration.ZERO;
    private Duration cpuTime = Duration.ZERO;
    private long bytesRead;
    private long bytesWritten;

    private Builder(RunStatus status) {
      this.status = status;
    }

    Builder exitCode(int exitCode) {
      this.exitCode = exitCode;
      return this;
    }

    Builder message(String message) {
      this.message = message;
      return this;
    }

    Builder output(String stdout, String stderr) {
      this.stdout = stdout;
      this.stderr = stderr;
      return this;
    }

    Builder exception(ThrownException exception) {
      this.exception = exception;
      return this;
    }

    Builder violations(List<Violation> violations) {
      this.violations = violations;
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

    RunResult build() {
      return new RunResult(this);
    }
  }
}
