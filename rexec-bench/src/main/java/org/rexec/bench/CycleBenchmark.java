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
import org.openjdk.jmh.annotations.Warmup;
import org.rexec.CodeCache;
import org.rexec.RunResult;

/**
 * The latency distribution of one cycle (create, load, rewrite, run, collect, close) in a warm
 * supervisor, as JMH samples it ({@link Mode#SampleTime}: every operation timed, percentiles
 * reported). The fresh-JVM side and the ratios are in {@link CycleComparison}.
 *
 * <pre>java -jar rexec-bench/target/benchmarks.jar CycleBenchmark -t 2</pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class CycleBenchmark {

  /** The workload: {@code hello} or {@code sort}. */
  @Param({"hello", "sort"})
  public String program;

  /**
   * How the program arrives: {@code class-warm} (class files, shared rewrite cache),
   * {@code class-cold} (class files, a new empty rewrite cache per cycle), {@code source-cached}
   * (source text, compile cache hit).
   */
  @Param({"class-warm", "class-cold", "source-cached"})
  public String form;

  private Workload workload;

  @Setup(Level.Trial)
  public void setUp() {
    workload = Workload.named(program);
    Cycles.warmUp(workload, 50);
  }

  @Benchmark
  public RunResult cycle() {
    switch (form) {
      case "class-warm":
        return Cycles.precompiled(workload, false);
      case "class-cold":
        return Cycles.precompiled(workload, true);
      case "source-cached":
        return Cycles.fromSource(workload, CodeCache.shared());
      default:
        throw new IllegalArgumentException("form " + form);
    }
  }
}
