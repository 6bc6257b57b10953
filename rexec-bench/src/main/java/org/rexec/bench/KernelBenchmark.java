package org.rexec.bench;

import java.util.concurrent.TimeUnit;
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
 * The guard cost: one compute kernel, loaded plainly or into a cell, called at its benchmark
 * size. Each fork loads one kernel on one side; {@link ComputeOverhead} pairs the sides and
 * computes the ratios.
 *
 * <p>Both sides load the same class files with a class loader of their own; the cell's copy is
 * rewritten (guards at method entries, loop back-edges and handlers, shims), the plain one is
 * not. Each call's checksum is checked against the kernel's own, computed by the host's copy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class KernelBenchmark {

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

  /** {@code plain} or {@code cell}. */
  @Param({"plain", "cell"})
  public String side;

  private LoadedKernel loaded;
  private int size;
  private long expected;
  private long last;

  @Setup(Level.Trial)
  public void setUp() throws Throwable {
    Kernel chosen = Kernel.named(kernel);
    size = chosen.benchmarkSize();
    expected = Checksums.expected(chosen, size);
    loaded = LoadedKernel.load(chosen, LoadedKernel.Side.named(side));
    last = loaded.run(size);
    Checksums.require(chosen, side, expected, last);
  }

  @Benchmark
  public long run() throws Throwable {
    return last = loaded.run(size);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    try {
      Checksums.require(Kernel.named(kernel), side, expected, last);
    } finally {
      loaded.close();
    }
  }
}
