package org.rexec.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Measures the compute overhead of a cell: runs {@link KernelBenchmark} for every kernel, both
 * sides alternating in one fork per kernel, in one JMH session, then writes a markdown table of plain time, cell time and
 * their ratio per kernel, with the geometric mean of the ratios, against the targets (a
 * geometric mean of at most {@value #GEOMEAN_TARGET}, no kernel over {@value #MAX_TARGET}).
 *
 * <pre>
 * java -cp rexec-bench/target/benchmarks.jar org.rexec.bench.ComputeOverhead [options]
 *   --out FILE        write the markdown table to FILE (default: standard output)
 *   --json FILE       also write JMH's results as JSON
 *   --kernels A,B     only these kernels (default: all)
 *   --forks N         forks per kernel (default 1)
 *   --warmup N        warm-up iterations of 1 s per side (default 3)
 *   --iterations N    measured iterations per side (default 25)
 *   --millis N        length of a measured iteration in ms (default 200)
 *   --jvm-args "A B"  more options for the forked JVMs, e.g. "-XX:-UseSuperWord"
 *   --quick           a smoke run: 1 warm-up and 3 measured iterations per side
 * </pre>
 *
 * JMH's progress goes to standard error. Exit status: 0 when both targets are met, 3 when one
 * is missed, 2 for bad usage.
 */
public final class ComputeOverhead {

  static final double GEOMEAN_TARGET = 1.05;
  static final double MAX_TARGET = 1.15;

  private ComputeOverhead() {}

  public static void main(String[] args) throws IOException, RunnerException {
    Settings settings;
    try {
      settings = Settings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("ComputeOverhead: " + e.getMessage());
      System.exit(2);
      return;
    }
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(KernelBenchmark.class.getName() + ".run$")
            .param("kernel", settings.kernels.toArray(new String[0]))
            .param("side", "alternate")
            .forks(settings.forks)
            .warmupIterations(2 * settings.warmup)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(2 * settings.iterations)
            .measurementTime(TimeValue.milliseconds(settings.millis));
    if (settings.jvmArgs.length > 0) {
      // Replaces the benchmark's own jvmArgsAppend, so its heap settings come first again.
      List<String> jvmArgs = new ArrayList<>(List.of("-Xms1g", "-Xmx1g"));
      jvmArgs.addAll(Arrays.asList(settings.jvmArgs));
      options.jvmArgsAppend(jvmArgs.toArray(new String[0]));
    }
    if (settings.json != null) {
      options.resultFormat(ResultFormatType.JSON).result(settings.json.toString());
    }
    Collection<RunResult> results =
        new Runner(
                options.build(),
                OutputFormatFactory.createFormatInstance(System.err, VerboseMode.NORMAL))
            .run();
    Report report = Report.of(results, settings.kernels);
    String markdown = report.markdown(String.join(" ", args));
    if (settings.out == null) {
      System.out.print(markdown);
    } else {
      Files.writeString(settings.out, markdown, StandardCharsets.UTF_8);
      System.err.println("ComputeOverhead: wrote " + settings.out);
    }
    System.exit(report.meetsTargets() ? 0 : 3);
  }

  /** The command line. */
  private static final class Settings {
    Path out;
    Path json;
    List<String> kernels = new ArrayList<>();
    int forks = 1;
    int warmup = 3;
    int iterations = 25;
    int millis = 200;
    String[] jvmArgs = new String[0];

    static Settings parse(String[] args) {
      Settings settings = new Settings();
      for (int i = 0; i < args.length; i++) {
        String option = args[i];
        if (option.equals("--quick")) {
          settings.warmup = 1;
          settings.iterations = 3;
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(
              "unknown option or missing value: " + option + "; see the class's Javadoc");
        }
        String value = args[++i];
        switch (option) {
          case "--out":
            settings.out = Path.of(value);
            break;
          case "--json":
            settings.json = Path.of(value);
            break;
          case "--kernels":
            for (String name : value.split(",")) {
              settings.kernels.add(Kernel.named(name.trim()).name());
            }
            break;
          case "--forks":
            settings.forks = positive(option, value);
            break;
          case "--warmup":
            settings.warmup = positive(option, value);
            break;
          case "--iterations":
            settings.iterations = positive(option, value);
            break;
          case "--jvm-args":
            settings.jvmArgs = value.trim().split("\\s+");
            break;
          case "--millis":
            settings.millis = positive(option, value);
            break;
          default:
            throw new IllegalArgumentException("unknown option " + option);
        }
      }
      if (settings.kernels.isEmpty()) {
        settings.kernels.addAll(Arrays.asList(Kernel.names().split(",")));
      }
      return settings;
    }

    private static int positive(String option, String value) {
      try {
        int number = Integer.parseInt(value);
        if (number > 0) {
          return number;
        }
      } catch (NumberFormatException e) {
        // Reported below.
      }
      throw new IllegalArgumentException(option + " needs a positive number, was " + value);
    }
  }

  /**
   * One kernel's measured iterations, by side, in the order they ran: plain and cell
   * alternate, so {@code plain.get(i)} and {@code cell.get(i)} ran one after the other.
   */
  record Pair(
      Kernel kernel,
      List<Double> plain,
      List<Double> cell,
      List<Double> plainCpu,
      List<Double> cellCpu,
      List<Double> plainFastest,
      List<Double> cellFastest,
      List<Double> plainFastestCpu,
      List<Double> cellFastestCpu) {
    /** The ratio of the sides' medians of each iteration's fastest call by wall time. */
    double fastestRatio() {
      return median(cellFastest) / median(plainFastest);
    }

    /** The ratio of the sides' medians of each iteration's fastest call by CPU time. */
    double fastestCpuRatio() {
      return median(cellFastestCpu) / median(plainFastestCpu);
    }

    /** The ratio of the sides' median CPU times per call of the benchmark thread. */
    double cpuRatio() {
      return median(cellCpu) / median(plainCpu);
    }

    double plainMedian() {
      return median(plain);
    }

    double cellMedian() {
      return median(cell);
    }

    /** The cell's median time over the plain median time. */
    double ratio() {
      return cellMedian() / plainMedian();
    }

    /** The ratios of adjacent iterations, cell over plain: the spread of {@link #ratio}. */
    List<Double> pairRatios() {
      List<Double> ratios = new ArrayList<>();
      for (int i = 0; i < Math.min(plain.size(), cell.size()); i++) {
        ratios.add(cell.get(i) / plain.get(i));
      }
      return ratios;
    }
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  /** The paired results and what they say about the targets. */
  static final class Report {
    private final List<Pair> pairs;
    private final BenchmarkParams params;

    private Report(List<Pair> pairs, BenchmarkParams params) {
      this.pairs = pairs;
      this.params = params;
    }

    static Report of(Collection<RunResult> results, List<String> kernels) {
      Map<String, Pair> byKernel = new LinkedHashMap<>();
      BenchmarkParams params = null;
      for (RunResult result : results) {
        params = result.getParams();
        Kernel kernel = Kernel.named(params.getParam("kernel"));
        List<Double> plain = new ArrayList<>();
        List<Double> cell = new ArrayList<>();
        List<Double> plainCpu = new ArrayList<>();
        List<Double> cellCpu = new ArrayList<>();
        List<Double> plainFastest = new ArrayList<>();
        List<Double> cellFastest = new ArrayList<>();
        List<Double> plainFastestCpu = new ArrayList<>();
        List<Double> cellFastestCpu = new ArrayList<>();
        int warmup = params.getWarmup().getCount();
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
          int index = warmup;
          for (IterationResult iteration : fork.getIterationResults()) {
            // Iterations alternate from the first warm-up one, which is KernelBenchmark.FIRST.
            boolean isPlain = (index % 2 == 0) == (KernelBenchmark.FIRST == LoadedKernel.Side.PLAIN);
            (isPlain ? plain : cell).add(iteration.getPrimaryResult().getScore());
            double calls = counter(iteration, "calls");
            (isPlain ? plainCpu : cellCpu).add(counter(iteration, "cpuNanos") / calls / 1e6);
            (isPlain ? plainFastest : cellFastest).add(counter(iteration, "fastestNanos") / 1e6);
            (isPlain ? plainFastestCpu : cellFastestCpu)
                .add(counter(iteration, "fastestCpuNanos") / 1e6);
            index++;
          }
        }
        byKernel.put(kernel.name(), new Pair(kernel, plain, cell, plainCpu, cellCpu, plainFastest, cellFastest,
                plainFastestCpu, cellFastestCpu));
      }
      List<Pair> pairs = new ArrayList<>();
      for (String name : kernels) {
        Pair pair = byKernel.get(name);
        if (pair != null && !pair.plain().isEmpty() && !pair.cell().isEmpty()) {
          pairs.add(pair);
        }
      }
      if (pairs.isEmpty()) {
        throw new IllegalStateException("JMH returned no paired results; see its output above");
      }
      return new Report(pairs, params);
    }

    /** The geometric mean of {@code ratio} over the kernels. */
    /** The iteration's value of one of {@link KernelBenchmark.CallTimes}'s counters. */
    private static double counter(IterationResult iteration, String name) {
      // JMH's API hands out secondary results as a map of raw types.
      Object result = iteration.getSecondaryResults().get(name);
      if (!(result instanceof Result<?>)) {
        throw new IllegalStateException("JMH reported no counter " + name);
      }
      return ((Result<?>) result).getScore();
    }

    double geometricMean(ToDoubleFunction<Pair> ratio) {
      double logSum = 0;
      for (Pair pair : pairs) {
        logSum += Math.log(ratio.applyAsDouble(pair));
      }
      return Math.exp(logSum / pairs.size());
    }

    /** The kernel with the largest headline ratio. */
    Pair worst() {
      Pair worst = pairs.get(0);
      for (Pair pair : pairs) {
        if (pair.fastestRatio() > worst.fastestRatio()) {
          worst = pair;
        }
      }
      return worst;
    }

    boolean meetsTargets() {
      return geometricMean(Pair::fastestRatio) <= GEOMEAN_TARGET
          && worst().fastestRatio() <= MAX_TARGET;
    }

    String markdown(String arguments) {
      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              Locale.ROOT,
              "JDK %s (%s %s), %d cores; per kernel %d fork(s) of %d x 1 s warm-up and %d x %s "
                  + "measured iterations, plain and cell alternating%s.%n%n",
              params.getJdkVersion(),
              params.getVmName(),
              params.getVmVersion(),
              Runtime.getRuntime().availableProcessors(),
              params.getForks(),
              params.getWarmup().getCount(),
              params.getMeasurement().getCount(),
              params.getMeasurement().getTime(),
              arguments.isEmpty() ? "" : "; arguments: `" + arguments + "`"));
      out.append(
          "| kernel | exercises | plain (ms) | cell (ms) | cell / plain "
              + "| average time: cell / plain | adjacent iterations | CPU time: cell / plain |\n");
      out.append("| --- | --- | ---: | ---: | ---: | ---: | :---: | ---: |\n");
      for (Pair pair : pairs) {
        List<Double> ratios = pair.pairRatios();
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %.2f | %.2f | **%.3f**%s | %.3f | %.2f to %.2f | %.3f |%n",
                pair.kernel().name(),
                pair.kernel().exercises(),
                median(pair.plainFastest()),
                median(pair.cellFastest()),
                pair.fastestRatio(),
                pair.fastestRatio() > MAX_TARGET ? " (over " + MAX_TARGET + ")" : "",
                pair.ratio(),
                ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                pair.cpuRatio()));
      }
      double mean = geometricMean(Pair::fastestRatio);
      out.append(
          String.format(
              Locale.ROOT,
              "| geometric mean | | | | **%.3f** | %.3f | | %.3f |%n",
              mean,
              geometricMean(Pair::ratio),
              geometricMean(Pair::cpuRatio)));
      Pair worst = worst();
      out.append(
          String.format(
              Locale.ROOT,
              "%nplain, cell: the median over each side's iterations of the iteration's fastest "
                  + "call; cell / plain: their ratio. Average time: the ratio of the medians of "
                  + "JMH's per-iteration average times; adjacent iterations: the range of the "
                  + "ratios of each cell iteration's average to the plain one before it. CPU time: "
                  + "the same ratio for the benchmark thread's CPU time per call.%n%n"
                  + "Geometric mean of cell / plain: **%.3f** (target at most %.2f: %s). "
                  + "Largest: %s, %.3f (target at most %.2f: %s).%n",
              mean,
              GEOMEAN_TARGET,
              mean <= GEOMEAN_TARGET ? "met" : "missed",
              worst.kernel().name(),
              worst.fastestRatio(),
              MAX_TARGET,
              worst.fastestRatio() <= MAX_TARGET ? "met" : "missed"));
      return out.toString();
    }
  }
}
