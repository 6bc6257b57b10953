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
 * The latency distribution of compiling a source file in memory with a warm javac and running
 * it in a new cell, per run (no compile cache).
 *
 * <pre>java -jar rexec-bench/target/benchmarks.jar SourceBenchmark</pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class SourceBenchmark {

  /** The workload: {@code hello} or {@code sort}. */
  @Param({"hello", "sort"})
  public String program;

  private Workload workload;
  private final CodeCache none = Cycles.COMPILING;

  @Setup(Level.Trial)
  public void setUp() {
    workload = Workload.named(program);
    for (int i = 0; i < 20; i++) {
      Cycles.fromSource(workload, none);
    }
  }

  @Benchmark
  public RunResult compileAndRun() {
    return Cycles.fromSource(workload, none);
  }
}
