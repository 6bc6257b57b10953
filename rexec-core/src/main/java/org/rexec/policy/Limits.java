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

  /**
   * The default limits: see the constants of this class.
   *
   * @return the default limits
   */
  public static Limits defaults() {
    return DEFAULTS;
  }

  /**
   * The wall time a run may take.
   *
   * @return the wall time; positive
   */
  public Duration wallTime() {
    return wallTime;
  }

  /**
   * The CPU time a run may use, summed over its threads.
   *
   * @return the CPU time; positive
   */
  public Duration cpuTime() {
    return cpuTime;
  }

  /**
   * The bytes a run may allocate.
   *
   * @return the bytes, garbage included; positive
   */
  public long memoryBytes() {
    return memoryBytes;
  }

  /**
   * The largest single allocation; never more than {@link #memoryBytes()}.
   *
   * @return the size in bytes; positive
   */
  public long maxAllocationBytes() {
    return Math.min(maxAllocationBytes, memoryBytes);
  }

  /**
   * The threads a run may have at once besides its main thread.
   *
   * @return the number of threads; 0 or more (0: the main thread only)
   */
  public int threads() {
    return threads;
  }

  /**
   * The bytes a run may write to standard output and standard error together.
   *
   * @return the bytes; positive
   */
  public long outputBytes() {
    return outputBytes;
  }

  /**
   * The stack size of each of the cell's threads.
   *
   * @return the size in bytes; at least {@value #MIN_STACK_BYTES}
   */
  public long stackBytes() {
    return stackBytes;
  }

  /**
   * These limits with another wall time.
   *
   * @param wallTime the wall time; positive
   * @return a copy with that wall time
   * @throws IllegalArgumentException if {@code wallTime} is zero or negative
   * @throws NullPointerException if {@code wallTime} is null
   */
  public Limits withWallTime(Duration wallTime) {
    return new Limits(
        wallTime, cpuTime, memoryBytes, maxAllocationBytes, threads, outputBytes, stackBytes);
  }

  /**
   * These limits with another CPU time.
   *
   * @param cpuTime the CPU time; positive
   * @return a copy with that CPU time
   * @throws IllegalArgumentException if {@code cpuTime} is zero or negative
   * @throws NullPointerException if {@code cpuTime} is null
   */
  public Limits withCpuTime(Duration cpuTime) {
    return new Limits(
        wallTime, cpuTime, memoryBytes, maxAllocationBytes, threads, outputBytes, stackBytes);
  }

  /**
   * These limits with another bound on the bytes a run may allocate.
   *
   * @param memoryBytes the bytes the run's threads may allocate in all; positive
   * @return a copy with that bound
   * @throws IllegalArgumentException if {@code memoryBytes} is 0 or negative
   */
  public Limits withMemory(long memoryBytes) {
    return new Limits(
        wallTime, cpuTime, memoryBytes, maxAllocationBytes, threads, outputBytes, stackBytes);
  }

  /**
   * These limits with another largest single allocation.
   *
   * @param maxAllocationBytes the size in bytes; positive (more than {@link #memoryBytes()} acts as
   *     {@link #memoryBytes()})
   * @return a copy with that largest allocation
   * @throws IllegalArgumentException if {@code maxAllocationBytes} is 0 or negative
   */
  public Limits withMaxAllocation(long maxAllocationBytes) {
    return new Limits(
        wallTime, cpuTime, memoryBytes, maxAllocationBytes, threads, outputBytes, stackBytes);
  }

  /**
   * These limits with another number of threads besides the main thread.
   *
   * @param threads the number of threads; 0 or more
   * @return a copy with that number
   * @throws IllegalArgumentException if {@code threads} is negative
   */
  public Limits withThreads(int threads) {
    return new Limits(
        wallTime, cpuTime, memoryBytes, maxAllocationBytes, threads, outputBytes, stackBytes);
  }

  /**
   * These limits with another bound on output.
   *
   * @param outputBytes the bytes of standard output and error together; positive
   * @return a copy with that bound
   * @throws IllegalArgumentException if {@code outputBytes} is 0 or negative
   */
  public Limits withOutput(long outputBytes) {
    return new Limits(
        wallTime, cpuTime, memoryBytes, maxAllocationBytes, threads, outputBytes, stackBytes);
  }

  /**
   * These limits with another stack size.
   *
   * @param stackBytes the size in bytes; at least {@value #MIN_STACK_BYTES}
   * @return a copy with that stack size
   * @throws IllegalArgumentException if {@code stackBytes} is less than {@value #MIN_STACK_BYTES}
   */
  public Limits withStack(long stackBytes) {
    return new Limits(
        wallTime, cpuTime, memoryBytes, maxAllocationBytes, threads, outputBytes, stackBytes);
  }

  /**
   * The lesser of each limit.
   *
   * @param other the limits to meet; not null
   * @return limits where each is the lesser of this one's and {@code other}'s
   */
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
