package org.rexec.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * How much one run of a cell may use. Every limit is on by default; none is ever unbounded.
 * Immutable: each {@code with...} method returns a copy.
 *
 * <ul>
 *   <li><b>wall time</b>: from the start of the run to its end, including time spent blocked;
 *   <li><b>CPU time</b>: summed over all of the cell's threads;
 *   <li><b>memory</b>: the bytes the cell's threads allocate during the run (what the JVM counts
 *       per thread; garbage counts too), and a cap on any single allocation the program sizes
 *       (an array, a {@code String.repeat}, a {@code BigInteger.pow}, a collection's capacity);
 *   <li><b>threads</b>: the threads the cell may start besides its main thread, at once;
 *   <li><b>output</b>: the bytes written to standard output and standard error together;
 *   <li><b>stack</b>: the stack size of each of the cell's threads.
 * </ul>
 */
public final class Limits {

  /** Wall time by default: 10 seconds. */
  public static final Duration DEFAULT_WALL_TIME = Duration.ofSeconds(10);

  /** CPU time by default: 10 seconds. */
  public static final Duration DEFAULT_CPU_TIME = Duration.ofSeconds(10);

  /** Bytes a run may allocate by default: 1 GiB. */
  public static final long DEFAULT_MEMORY_BYTES = 1L << 30;

  /** The largest single allocation by default: 256 MiB. */
  public static final long DEFAULT_MAX_ALLOCATION_BYTES = 256L << 20;

  /** Threads besides main by default: none. */
  public static final int DEFAULT_THREADS = 0;

  /** Output by default: 4 MiB. */
  public static final long DEFAULT_OUTPUT_BYTES = 4L << 20;

  /** Stack size of a cell thread by default: 8 MiB. */
  public static final long DEFAULT_STACK_BYTES = 8L << 20;

  /**
   * How messages of the library name the setting of the thread limit: a supervisor that offers
   * the setting under another name (the CLI's {@code --threads}) puts its own name in its place.
   */
  public static final String THREADS_SETTING = "Policy.Builder.threads";

  /** The smallest stack a cell thread is given: smaller stacks cannot run the JDK safely. */
  public static final long MIN_STACK_BYTES = 256L << 10;

  private static final Limits DEFAULTS =
      new Limits(
          DEFAULT_WALL_TIME,
          DEFAULT_CPU_TIME,
          DEFAULT_MEMORY_BYTES,
          DEFAULT_MAX_ALLOCATION_BYTES,
          DEFAULT_THREADS,
          DEFAULT_OUTPUT_BYTES,
          DEFAULT_STACK_BYTES);

  private final Duration wallTime;
  private final Duration cpuTime;
  private final long memoryBytes;
  private final long maxAllocationBytes;
  private final int threads;
  private final long outputBytes;
  private final long stackBytes;

  private Limits(
      Duration wallTime,
      Duration cpuTime,
      long memoryBytes,
      long maxAllocationBytes,
      int threads,
      long outputBytes,
      long stackBytes) {
    this.wallTime = positive(wallTime, "wall time");
    this.cpuTime = positive(cpuTime, "CPU time");
    this.memoryBytes = positive(memoryBytes, "memory");
    this.maxAllocationBytes = positive(maxAllocationBytes, "largest allocation");
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be 0 or more, was " + threads);
    }
    this.threads = threads;
    this.outputBytes = positive(outputBytes, "output");
    if (stackBytes < MIN_STACK_BYTES) {
      throw new IllegalArgumentException(
          "stack must be at least " + (MIN_STACK_BYTES >> 10) + "k, was " + stackBytes);
    }
    this.stackBytes = stackBytes;
  }

  /** The default limits: see the constants of this class. */
  public static Limits defaults() {
    return DEFAULTS;
  }

  public Duration wallTime() {
    return wallTime;
  }

  public Duration cpuTime() {
    return cpuTime;
  }

  public long memoryBytes() {
    return memoryBytes;
  }

  /** The largest single allocation; never more than {@link #memoryBytes()}. */
  public long maxAllocationBytes() {
    return Math.min(maxAllocationBytes, memoryBytes);
  }

  public int threads() {
    return threads;
  }

  public long outputBytes() {
    return outputBytes;
  }

  public long stackBytes() {
    return stackBytes;
  }

  public Limits withWallTime(Duration wallTime) {
    return new Limits(
        wallTime, cpuTime, memoryBytes, maxAllocationBytes, threads, outputBytes, stackBytes);
  }

  public Limits withCpuTime(Duration cpuTime) {
    return new Limits(
        wallTime, cpuTime, memoryBytes, maxAllocationBytes, threads, outputBytes, stackBytes);
  }

  public Limits withMemory(long memoryBytes) {
    return new Limits(
        wallTime, cpuTime, memoryBytes, maxAllocationBytes, threads, outputBytes, stackBytes);
  }

  public Limits withMaxAllocation(long maxAllocationBytes) {
    return new Limits(
        wallTime, cpuTime, memoryBytes, maxAllocationBytes, threads, outputBytes, stackBytes);
  }

  public Limits withThreads(int threads) {
    return new Limits(
        wallTime, cpuTime, memoryBytes, maxAllocationBytes, threads, outputBytes, stackBytes);
  }

  public Limits withOutput(long outputBytes) {
    return new Limits(
        wallTime, cpuTime, memoryBytes, maxAllocationBytes, threads, outputBytes, stackBytes);
  }

  public Limits withStack(long stackBytes) {
    return new Limits(
        wallTime, cpuTime, memoryBytes, maxAllocationBytes, threads, outputBytes, stackBytes);
  }

  /** The lesser of each limit. */
  public Limits intersect(Limits other) {
    return new Limits(
        min(wallTime, other.wallTime),
        min(cpuTime, other.cpuTime),
        Math.min(memoryBytes, other.memoryBytes),
        Math.min(maxAllocationBytes, other.maxAllocationBytes),
        Math.min(threads, other.threads),
        Math.min(outputBytes, other.outputBytes),
        Math.min(stackBytes, other.stackBytes));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration positive(Duration value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, was " + value);
    }
    return value;
  }

  private static long positive(long value, String what) {
    if (value <= 0) {
      throw new IllegalArgumentException(what + " must be positive, was " + value);
    }
    return value;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Limits)) {
      return false;
    }
    Limits that = (Limits) other;
    return wallTime.equals(that.wallTime)
        && cpuTime.equals(that.cpuTime)
        && memoryBytes == that.memoryBytes
        && maxAllocationBytes == that.maxAllocationBytes
        && threads == that.threads
        && outputBytes == that.outputBytes
        && stackBytes == that.stackBytes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        wallTime, cpuTime, memoryBytes, maxAllocationBytes, threads, outputBytes, stackBytes);
  }

  @Override
  public String toString() {
    return "Limits{wall="
        + wallTime.toMillis()
        + "ms, cpu="
        + cpuTime.toMillis()
        + "ms, memory="
        + memoryBytes
        + ", maxAllocation="
        + maxAllocationBytes()
        + ", threads="
        + threads
        + ", output="
        + outputBytes
        + ", stack="
        + stackBytes
        + "}";
  }
}
