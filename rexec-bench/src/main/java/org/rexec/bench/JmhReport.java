package org.rexec.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link CycleBenchmark} (1 and 2 threads) and {@link SourceBenchmark} (1 thread) with JMH
 * and writes their latency percentiles as a Markdown table.
 *
 * <pre>java -cp rexec-bench/target/benchmarks.jar org.rexec.bench.JmhReport [--quick] OUT.md</pre>
 */
public final class JmhReport {

  private JmhReport() {}

  public static void main(String[] args) throws IOException, RunnerException {
    boolean quick = List.of(args).contains("--quick");
    // The machine is shared: another JMH run holding the lock must not stop this one (its
    // load is noise that the interleaved comparisons are built to withstand).
    System.setProperty("jmh.ignoreLock", "true");
    Path out = Path.of(args[args.length - 1]);
    StringBuilder md = new StringBuilder();
    md.append("Measured on: ").append(Environment.describe()).append("\n\n");
    md.append("| benchmark | program | form | threads | samples | p50 | p90 | p99 | p99.9 | max"
        + " | runs/s |\n");
    md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    List<RunResult> results = new ArrayList<>();
    for (int threads = 1; threads <= 2; threads++) {
      results.addAll(run(options("CycleBenchmark", quick ? 1 : 2, 1, quick ? 2 : 4, 1)
          .threads(threads)));
    }
    results.addAll(run(options("SourceBenchmark", quick ? 1 : 3, quick ? 2 : 4, quick ? 2 : 3, 2)
        .threads(1)));
    for (RunResult result : results) {
      Result<?> primary = result.getPrimaryResult();
      Statistics statistics = primary.getStatistics();
      String unit = primary.getScoreUnit().replace("/op", "");
      double toSeconds = unit.equals("ms") ? 1e-3 : 1e-6;
      int threads = result.getParams().getThreads();
      md.append(String.format(Locale.ROOT,
          "| %s | %s | %s | %d | %,d | %s | %s | %s | %s | %s | %.0f |%n",
          result.getParams().getBenchmark().replace("org.rexec.bench.", ""),
          result.getParams().getParam("program"),
          result.getParams().getParam("form") == null ? "source, javac per run"
              : result.getParams().getParam("form"),
          threads,
          statistics.getN(),
          time(statistics.getPercentile(50), unit),
          time(statistics.getPercentile(90), unit),
          time(statistics.getPercentile(99), unit),
          time(statistics.getPercentile(99.9), unit),
          time(statistics.getMax(), unit),
          threads / (statistics.getMean() * toSeconds)));
    }
    md.append("\nJMH ").append(org.openjdk.jmh.util.Utils.class.getPackage()
            .getImplementationVersion() == null ? "1.37" : org.openjdk.jmh.util.Utils.class
            .getPackage().getImplementationVersion())
        .append(", Mode.SampleTime, 1 fork; runs/s = threads ÷ mean latency."
            + " Load average at the end: ").append(Environment.loadAverage()).append(".\n");
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, md);
  }

  private static ChainedOptionsBuilder options(
      String benchmark, int warmups, int warmupSeconds, int measurements, int seconds) {
    return new OptionsBuilder()
        .include("org\\.rexec\\.bench\\." + benchmark + "\\.")
        .warmupIterations(warmups)
        .warmupTime(TimeValue.seconds(warmupSeconds))
        .measurementIterations(measurements)
        .measurementTime(TimeValue.seconds(seconds))
        .forks(1);
  }

  private static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
    return new Runner(options.build()).run();
  }

  private static String time(double value, String unit) {
    double millis = unit.equals("ms") ? value : value / 1000;
    return String.format(Locale.ROOT, "%.3f ms", millis);
  }
}
