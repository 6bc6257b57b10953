package org.rexec.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.rexec.Cell;
import org.rexec.CodeCache;
import org.rexec.Policy;

/**
 * Issue 5, figure 4: class bytes rewritten per second, single-threaded, on real jars. A cell
 * loads the jar and {@link Cell#check()} rewrites every class in it (without defining any):
 *
 * <ul>
 *   <li><b>cold</b>: a new cell with an empty rewrite cache: every class is parsed, checked,
 *       transformed and written;
 *   <li><b>warm</b>: a new cell whose cache already holds the jar, as for the second cell that
 *       loads the same library: each class is hashed and looked up;
 *   <li><b>ASM copy</b>, the baseline: an ASM {@code ClassReader} into a {@code ClassWriter}
 *       with no visitor in between, the least any ASM-based rewriter can do.
 * </ul>
 *
 * Loading the jar into the cell (unzipping) is not counted, nor are collections of earlier
 * repetitions' garbage. The sides and jars are interleaved per repetition, after every jar has
 * been warmed up; the median repetition is reported.
 *
 * <pre>java -cp rexec-bench/target/benchmarks.jar org.rexec.bench.RewriteThroughput [--quick] OUT.md JAR...</pre>
 */
public final class RewriteThroughput {

  private RewriteThroughput() {}

  public static void main(String[] args) throws IOException {
    boolean quick = List.of(args).contains("--quick");
    List<String> rest = new ArrayList<>(List.of(args));
    rest.remove("--quick");
    Path out = Path.of(rest.remove(0));
    int warmups = quick ? 3 : 6;
    int repetitions = quick ? 5 : 15;
    StringBuilder md = new StringBuilder();
    md.append("Measured on: ").append(Environment.describe()).append("\n\n");
    md.append("| jar | classes | class bytes | side | median ms | MB/s | ÷ ASM copy |\n");
    md.append("|---|---:|---:|---|---:|---:|---:|\n");
    List<Path> jars = rest.stream().map(Path::of).toList();
    List<List<byte[]>> classes = new ArrayList<>();
    for (Path jar : jars) {
      classes.add(classFiles(jar));
    }
    long[][][] nanos = new long[jars.size()][3][repetitions];
    // Every jar is warmed up before any is measured, and the jars alternate in each repetition.
    for (int i = 0; i < warmups + repetitions; i++) {
      for (int j = 0; j < jars.size(); j++) {
        CodeCache cache = CodeCache.bounded(1L << 30, 0);
        long cold = check(jars.get(j), cache);
        long warm = check(jars.get(j), cache);
        long copy = asmCopy(classes.get(j));
        if (i >= warmups) {
          nanos[j][0][i - warmups] = cold;
          nanos[j][1][i - warmups] = warm;
          nanos[j][2][i - warmups] = copy;
        }
      }
    }
    String[] sides = {
      "rexec rewrite, cache cold", "rexec rewrite, cache warm", "ASM read + write, no visitor"
    };
    for (int j = 0; j < jars.size(); j++) {
      long bytes = classes.get(j).stream().mapToLong(classFile -> classFile.length).sum();
      double copyMillis = median(nanos[j][2]);
      for (int side = 0; side < sides.length; side++) {
        double millis = median(nanos[j][side]);
        md.append(String.format(Locale.ROOT, "| %s | %d | %,d | %s | %.1f | %.1f | %.2f |%n",
            jars.get(j).getFileName(), classes.get(j).size(), bytes, sides[side], millis,
            bytes / 1e6 / (millis / 1e3), millis / copyMillis));
      }
    }
    md.append("\nMB = 10^6 bytes of input class files. Load average at the end: ")
        .append(Environment.loadAverage()).append(".\n");
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, md);
  }

  /**
   * Loads {@code jar} into a new cell using {@code cache}; times {@code check()}. Garbage of
   * earlier repetitions is collected first, outside the timing.
   */
  private static long check(Path jar, CodeCache cache) throws IOException {
    try (Cell cell = Cell.builder(Policy.defaults()).codeCache(cache).create()) {
      cell.load(jar);
      System.gc();
      long before = System.nanoTime();
      cell.check();
      return System.nanoTime() - before;
    }
  }

  private static long asmCopy(List<byte[]> classes) {
    System.gc();
    long before = System.nanoTime();
    long written = 0;
    for (byte[] classFile : classes) {
      ClassWriter writer = new ClassWriter(0);
      new ClassReader(classFile).accept(writer, 0);
      written += writer.toByteArray().length;
    }
    if (written == 0) {
      throw new IllegalStateException("nothing written");
    }
    return System.nanoTime() - before;
  }

  /** The class files a cell loads from {@code jar}: the base entries, no module-info. */
  private static List<byte[]> classFiles(Path jar) throws IOException {
    List<byte[]> classes = new ArrayList<>();
    try (InputStream file = Files.newInputStream(jar);
        JarInputStream in = new JarInputStream(file)) {
      for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
        String name = entry.getName();
        if (name.endsWith(".class")
            && !name.startsWith("META-INF/versions/")
            && !name.endsWith("module-info.class")) {
          classes.add(in.readAllBytes());
        }
      }
    }
    return classes;
  }

  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1e6;
  }
}
