package org.rexec.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rexec.CodeCache;

/**
 * Issue 5, figures 1 and 2: the cycle of one run in a warm supervisor against the same program
 * started as a fresh JVM per run, measured interleaved (see {@link Interleaved}), on 1 and 2
 * threads. Writes a Markdown section.
 *
 * <pre>java -cp rexec-bench/target/benchmarks.jar org.rexec.bench.CycleComparison [--quick] OUT.md</pre>
 */
public final class CycleComparison {

  private CycleComparison() {}

  public static void main(String[] args) throws IOException {
    boolean quick = List.of(args).contains("--quick");
    Path out = Path.of(args[args.length - 1]);
    int rounds = quick ? 2 : 4;
    Path work = Files.createTempDirectory("rexec-bench-fresh-");
    StringBuilder md = new StringBuilder();
    md.append("Measured on: ").append(Environment.describe()).append("\n\n");
    md.append("#### Precompiled program: cell cycle vs fresh JVM per run\n\n");
    md.append(header());
    List<String> commands = new ArrayList<>();
    for (Workload workload : Workload.values()) {
      FreshJvm fresh = FreshJvm.prepare(workload, false, work.resolve(workload.name()));
      commands.add(fresh.commandLine());
      Cycles.warmUp(workload, quick ? 300 : 1000);
      for (int threads = 1; threads <= 2; threads++) {
        Interleaved comparison =
            new Interleaved()
                .add("cell, rewrite cache warm", () -> Cycles.precompiled(workload, false),
                    quick ? 0.5 : 1.0, 1)
                .add("cell, rewrite cache cold", () -> Cycles.precompiled(workload, true),
                    quick ? 0.5 : 1.0, 1)
                .add("fresh JVM (AppCDS, C1)", fresh::runOnce, quick ? 1.0 : 2.0, 2);
        rows(md, workload, threads, comparison.run(threads, 1, rounds), "fresh JVM (AppCDS, C1)");
      }
    }
    md.append("\nFresh JVM commands (the archive is made by one training run with"
        + " `-XX:ArchiveClassesAtExit`):\n\n");
    for (String command : commands) {
      md.append("    ").append(shorten(command, work)).append('\n');
    }

    md.append("\n#### From source: compile in memory and run vs `java Source.java`\n\n");
    md.append(header());
    commands.clear();
    for (Workload workload : Workload.values()) {
      FreshJvm fresh = FreshJvm.prepare(workload, true, work.resolve(workload.name() + "-src"));
      commands.add(fresh.commandLine());
      CodeCache none = Cycles.COMPILING;
      // javac is a large program: on 2 busy cores its JIT takes many compilations to settle.
      long warmUntil = System.nanoTime() + (quick ? 5_000_000_000L : 15_000_000_000L);
      while (System.nanoTime() < warmUntil) {
        Cycles.fromSource(workload, none);
        Cycles.fromSource(workload, CodeCache.shared());
      }
      for (int threads = 1; threads <= 2; threads++) {
        Interleaved comparison =
            new Interleaved()
                .add("cell, javac per run", () -> Cycles.fromSource(workload, none),
                    quick ? 1.0 : 2.0, 2)
                .add("cell, compile cache hit",
                    () -> Cycles.fromSource(workload, CodeCache.shared()),
                    quick ? 0.5 : 1.0, 1)
                .add("fresh JVM `java " + workload.fileName() + "` (AppCDS)", fresh::runOnce,
                    quick ? 1.5 : 3.0, 2);
        rows(md, workload, threads, comparison.run(threads, 1, rounds),
            "fresh JVM `java " + workload.fileName() + "` (AppCDS)");
      }
    }
    md.append("\nFresh JVM commands:\n\n");
    for (String command : commands) {
      md.append("    ").append(shorten(command, work)).append('\n');
    }
    md.append("\nLoad average at the end: ").append(Environment.loadAverage())
        .append(". ").append(Cycles.cacheStatistics()).append(".\n");
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, md);
  }

  private static String header() {
    return "| program | threads | side | median ms | p99 ms | runs/s | runs | CPU ms/run"
        + " | fresh JVM ÷ side, median | side ÷ fresh JVM, runs/s |\n"
        + "|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n";
  }

  private static void rows(
      StringBuilder md, Workload workload, int threads, Map<String, Samples> results,
      String baseline) {
    Samples fresh = results.get(baseline);
    for (Map.Entry<String, Samples> side : results.entrySet()) {
      Samples samples = side.getValue();
      boolean isBaseline = side.getKey().equals(baseline);
      md.append(String.format(Locale.ROOT,
          "| %s | %d | %s | %.3f | %.3f | %.0f | %d | %s | %s | %s |%n",
          workload.fileName(), threads, side.getKey(),
          samples.quantileMillis(0.5), samples.quantileMillis(0.99), samples.perSecond(),
          samples.count(),
          isBaseline ? "(child)" : String.format(Locale.ROOT, "%.3f",
              samples.cpuMillisPerOperation()),
          isBaseline ? "1" : String.format(Locale.ROOT, "**%.0fx**",
              fresh.quantileMillis(0.5) / samples.quantileMillis(0.5)),
          isBaseline ? "1" : String.format(Locale.ROOT, "%.0fx",
              samples.perSecond() / fresh.perSecond())));
    }
  }

  private static String shorten(String command, Path work) {
    return command.replace(work.toString(), "$WORK").replace(FreshJvm.java(), "java");
  }
}
