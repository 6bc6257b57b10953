package org.rexec.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The guard cost: one compute kernel, loaded plainly and into a cell in the same JVM, called at
 * its benchmark size.
 *
 * <p>Both sides load the same class files with a class loader of their own; the cell's copy is
 * rewritten (guards at method entries, loop back-edges and handlers, shims), the plain one is
 * not. With {@code side=alternate} (the default) the fork loads both and the side alternates
 * from one iteration to the next, plain first: the machine's noise then falls on both sides
 * alike, and {@link ComputeOverhead} reads each side's iterations back from JMH's results.
 * JMH's own score for an alternating run mixes the sides and means nothing by itself. With
 * {@code side=plain} or {@code side=cell} a fork runs one side only, for profiling, e.g.
 * {@code -p kernel=MatrixMultiply -p side=cell -prof gc}.
 *
 * <p>Each iteration's last checksum is checked against the kernel's own, computed by the host's
 * copy of the class.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 50, time = 200, timeUnit = TimeUnit.MILLISECONDS)
public class KernelBenchmark {

  /** The side of even-numbered iterations in an alternating run; odd ones are the cell's. */
  static final LoadedKernel.Side FIRST = LoadedKernel.Side.PLAIN;

  /** The kernel, by the simple name of its class in package {@code kernels}. */
  @Param({
    "MatrixMultiply",
    "Recursion",
    "ArrayWork",
    "CollectionWork",
    "NBody",
    "SpectralNorm",
    "Fannkuch",
    "BinaryTrees",
    "Mandelbrot",
    "RegexWork",
    "CollectionsStreams"
  })
  public String kernel;

  /** {@code alternate}, {@code plain} or {@code cell}. */
  @Param({"alternate"})
  public String side;

  private Kernel chosen;
  private LoadedKernel plain;
  private LoadedKernel cell;
  private LoadedKernel current;
  private String currentSide;
  private int iteration;
  private int size;
  private long expected;
  private long last;

  @Setup(Level.Trial)
  public void setUp() throws Throwable {
    chosen = Kernel.named(kernel);
    size = chosen.benchmarkSize();
    expected = Checksums.expected(chosen, size);
    boolean alternate = side.equals("alternate");
    if (alternate || LoadedKernel.Side.named(side) == LoadedKernel.Side.PLAIN) {
      plain = LoadedKernel.plain(chosen);
      Checksums.require(chosen, "plain", expected, plain.run(size));
    }
    if (alternate || LoadedKernel.Side.named(side) == LoadedKernel.Side.CELL) {
      cell = LoadedKernel.inCell(chosen);
      Checksums.require(chosen, "cell", expected, cell.run(size));
    }
  }

  @Setup(Level.Iteration)
  public void chooseSide() {
    boolean plainTurn = plain != null && (cell == null || iteration % 2 == 0);
    current = plainTurn ? plain : cell;
    currentSide = plainTurn ? "plain" : "cell";
    iteration++;
    last = expected;
  }

  @Benchmark
  public long run(CallTimes times) throws Throwable {
    long cpuBefore = THREADS.getCurrentThreadCpuTime();
    long before = System.nanoTime();
    last = current.run(size);
    long wall = System.nanoTime() - before;
    long cpu = THREADS.getCurrentThreadCpuTime() - cpuBefore;
    times.cpuNanos += cpu;
    times.calls++;
    // JMH sets the counters to 0 before each iteration: 0 means no call yet.
    times.fastestNanos = times.calls == 1 ? wall : Math.min(times.fastestNanos, wall);
    times.fastestCpuNanos = times.calls == 1 ? cpu : Math.min(times.fastestCpuNanos, cpu);
    return last;
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * Per iteration, beside JMH's average wall time: the CPU time of the benchmark's thread in the
   * kernel's calls, and the fastest call by wall time and by CPU time. On a shared machine a
   * call's wall time includes time spent waiting for a core, and its CPU time the refilling of
   * caches another process emptied; noise only ever adds, so an iteration's fastest call is the
   * least disturbed measure of the code itself. Time of the JVM's own threads (GC, JIT) counts in
   * neither side's CPU time.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CallTimes {
    /** CPU nanoseconds of the benchmark thread inside the kernel's calls. */
    public long cpuNanos;

    /** Calls of the kernel. */
    public long calls;

    /** The fastest call's wall time, in nanoseconds. */
    public long fastestNanos;

    /** The fastest call's CPU time, in nanoseconds. */
    public long fastestCpuNanos;

  }

  @TearDown(Level.Iteration)
  public void checkIteration() {
    Checksums.require(chosen, currentSide, expected, last);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      if (plain != null) {
        plain.close();
      }
    } finally {
      if (cell != null) {
        cell.close();
      }
    }
  }
}
