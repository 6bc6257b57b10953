package org.rexec.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rexec.Cell;
import org.rexec.Policy;
import org.rexec.RunResult;
import org.rexec.RunStatus;
import org.rexec.compile.CompiledSource;
import org.rexec.compile.SourceCompiler;

/**
 * Many short cells, one after another in one JVM, hostile and benign mixed: heap, metaspace,
 * loaded classes and live threads must end where they started. Not part of the default build:
 * {@code mvn -pl rexec-core -am test -Psoak} (set {@code -Drexec.soak.cells=N} for another count).
 */
@Tag("soak")
class SoakTest {

  private static final int CELLS = Integer.getInteger("rexec.soak.cells", 10_000);

  /** One kind of program: its source, the policy it runs under, the status it must end with. */
  private record Kind(String name, String source, Policy policy, RunStatus expected) {}

  private static final Policy CPU_BOUND =
      Policy.builder().cpuTime(Duration.ofMillis(30)).timeout(Duration.ofSeconds(10)).build();
  private static final Policy WALL_BOUND = Policy.builder().timeout(Duration.ofMillis(50)).build();

  private static final List<Kind> KINDS =
      List.of(
          new Kind(
              "Hello",
              "public class Hello { public static void main(String[] a) {"
                  + " System.out.println(\"hello\"); } }",
              Policy.defaults(),
              RunStatus.COMPLETED),
          new Kind(
              "Sort",
              "import java.util.*; public class Sort { public static void main(String[] a) {"
                  + " List<Integer> l = new ArrayList<>(); Random r = new Random(1);"
                  + " for (int i = 0; i < 2000; i++) l.add(r.nextInt());"
                  + " Collections.sort(l); System.out.println(l.get(0)); } }",
              Policy.defaults(),
              RunStatus.COMPLETED),
          new Kind(
              "Throws",
              "public class Throws { public static void main(String[] a) {"
                  + " throw new IllegalStateException(\"no\"); } }",
              Policy.defaults(),
              RunStatus.EXCEPTION),
          new Kind(
              "Exits",
              "public class Exits { public static void main(String[] a) {"
                  + " Runtime.getRuntime().addShutdownHook(new Thread(() -> {}));"
                  + " System.exit(3); } }",
              Policy.defaults(),
              RunStatus.EXITED),
          new Kind(
              "Spin",
              "public class Spin { public static void main(String[] a) { while (true) { } } }",
              CPU_BOUND,
              RunStatus.CPU_LIMIT),
          new Kind(
              "Sleep",
              "public class Sleep { public static void main(String[] a) throws Exception {"
                  + " synchronized (Sleep.class) { Sleep.class.wait(); } } }",
              WALL_BOUND,
              RunStatus.TIMEOUT),
          new Kind(
              "Bomb",
              "public class Bomb { public static void main(String[] a) { while (true) {"
                  + " new Thread(() -> { try { Thread.sleep(60_000); }"
                  + " catch (InterruptedException e) { } }).start(); } } }",
              Policy.builder().threads(2).build(),
              RunStatus.THREAD_LIMIT),
          new Kind(
              "Pool",
              "import java.util.concurrent.*; public class Pool { public static void main("
                  + "String[] a) throws Exception { ExecutorService p ="
                  + " Executors.newFixedThreadPool(2); System.out.println(p.submit(() -> 42)"
                  + ".get()); p.shutdown(); CompletableFuture.supplyAsync(() -> 1).join(); } }",
              Policy.builder().threads(4).build(),
              RunStatus.COMPLETED),
          new Kind(
              "Flood",
              "public class Flood { public static void main(String[] a) { while (true)"
                  + " System.out.println(\"xxxxxxxxxxxxxxxx\"); } }",
              Policy.builder().output(4096).build(),
              RunStatus.OUTPUT_LIMIT),
          new Kind(
              "Hoard",
              "import java.util.*; public class Hoard { public static void main(String[] a) {"
                  + " List<int[]> l = new ArrayList<>(); while (true) l.add(new int[256]); } }",
              Policy.builder().memory(8L << 20).build(),
              RunStatus.MEMORY_LIMIT),
          new Kind(
              "Deep",
              "public class Deep { static int d(int n) { return d(n + 1) + 1; }"
                  + " public static void main(String[] a) { d(0); } }",
              Policy.builder().stack(512L << 10).build(),
              RunStatus.STACK),
          new Kind(
              "Huge",
              "public class Huge { public static void main(String[] a) {"
                  + " long[] l = new long[Integer.MAX_VALUE - 16]; } }",
              Policy.defaults(),
              RunStatus.MEMORY_LIMIT),
          new Kind(
              "Backtrack",
              "public class Backtrack { public static void main(String[] a) {"
                  + " System.out.println(\"a\".repeat(40).matches(\"(.*){1,32000}[bc]\")); } }",
              CPU_BOUND,
              RunStatus.CPU_LIMIT),
          new Kind(
              "Resisters",
              "public class Resisters { static void resist() { while (true) { try { try {"
                  + " while (true) { } } finally { continue; } } catch (Throwable t) { } } }"
                  + " public static void main(String[] a) { for (int i = 0; i < 8; i++) {"
                  + " Thread t = new Thread(Resisters::resist); t.setDaemon(i % 2 == 0);"
                  + " t.start(); } resist(); } }",
              Policy.builder()
                  .threads(8)
                  .cpuTime(Duration.ofMillis(30))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              RunStatus.CPU_LIMIT),
          new Kind(
              "Copies",
              "public class Copies { public static void main(String[] a) {"
                  + " System.out.println(java.util.Collections.nCopies(Integer.MAX_VALUE, \"x\")"
                  + ".toString()); } }",
              CPU_BOUND,
              RunStatus.CPU_LIMIT));

  /** The JVM's footprint: heap and metaspace used after a collection, classes, threads. */
  private record Footprint(long heap, long metaspace, int classes, int threads) {
    static Footprint now() {
      for (int i = 0; i < 3; i++) {
        System.gc();
      }
      long metaspace = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getName().equals("Metaspace")) {
          metaspace = pool.getUsage().getUsed();
        }
      }
      return new Footprint(
          ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
          metaspace,
          ManagementFactory.getClassLoadingMXBean().getLoadedClassCount(),
          ManagementFactory.getThreadMXBean().getThreadCount());
    }

    @Override
    public String toString() {
      return String.format(
          "heap %6.1f MiB  metaspace %6.1f MiB  classes %6d  threads %3d",
          heap / 1048576.0, metaspace / 1048576.0, classes, threads);
    }
  }

  @Test
  void cellsOneAfterAnotherLeaveTheJvmAsTheyFoundIt() throws Exception {
    Map<String, Map<String, byte[]>> compiled = new LinkedHashMap<>();
    SourceCompiler compiler = new SourceCompiler();
    for (Kind kind : KINDS) {
      CompiledSource source =
          compiler.compile(kind.name() + ".java", kind.source(), Duration.ofSeconds(60));
      compiled.put(kind.name(), source.classFiles());
    }
    for (int i = 0; i < 500; i++) {
      runOne(KINDS.get(i % KINDS.size()), compiled);
    }
    Footprint start = Footprint.now();
    List<String> table = new ArrayList<>();
    table.add(String.format("%6d cells: %s", 0, start));
    long begun = System.nanoTime();
    for (int i = 1; i <= CELLS; i++) {
      runOne(KINDS.get(i % KINDS.size()), compiled);
      if (i % (CELLS / 5) == 0) {
        table.add(String.format("%6d cells: %s", i, Footprint.now()));
      }
    }
    Footprint end = Footprint.now();
    System.out.printf(
        "soak: %d cells in %.0f s%n", CELLS, (System.nanoTime() - begun) / 1e9);
    table.forEach(line -> System.out.println("soak: " + line));

    assertThat(end.threads()).isLessThanOrEqualTo(start.threads() + 2);
    assertThat(end.heap()).isLessThan(start.heap() + (64L << 20));
    assertThat(end.metaspace()).isLessThan(start.metaspace() + (16L << 20));
    assertThat(end.classes()).isLessThan(start.classes() + 2000);
  }

  private static void runOne(Kind kind, Map<String, Map<String, byte[]>> compiled) {
    try (Cell cell = Cell.create(kind.policy())) {
      for (byte[] classFile : compiled.get(kind.name()).values()) {
        cell.loadClassFile(classFile);
      }
      RunResult result = cell.run(kind.name());
      assertThat(result.status()).as(kind.name() + ": " + result).isEqualTo(kind.expected());
      assertThat(result.contained()).as(kind.name()).isTrue();
    }
  }
}
