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
  public long run(CpuTime cpu) throws Throwable {
    long before = THREADS.getCurrentThreadCpuTime();
    last = current.run(size);
    cpu.cpuNanos += THREADS.getCurrentThreadCpuTime() - before;
    cpu.calls++;
    return last;
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * The CPU time of the benchmark's thread in each iteration's calls, reported beside JMH's
   * wall time: on a shared machine, time the thread waits for a core counts in the wall time
   * but not here. Time of the JVM's own threads (GC, JIT) counts in neither side's CPU time.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CpuTime {
    /** CPU nanoseconds of the benchmark thread inside the kernel's calls. */
    public long cpuNanos;

    /** Calls of the kernel. */
    public long calls;

    @Setup(Level.Iteration)
    public void reset() {
      cpuNanos = 0;
      calls = 0;
    }
  }

  @TearDown(Level.Iteration)
  public void checkIteration() {
    Checksums.require(chosen, currentSide, expected, last);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
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
