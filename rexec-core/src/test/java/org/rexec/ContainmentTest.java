package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * After {@code run} returns, no thread of the cell is alive and none uses CPU, however the run
 * ended and whatever its threads do to resist: catch everything in loops, loop in {@code
 * finally}, wait on monitors, spin, recurse into stack overflows, run as daemons, in pools, in
 * {@code CompletableFuture}s, in uncaught-exception handlers and shutdown hooks.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class ContainmentTest {

  /** How many times each ending runs here; the soak profile runs {@link #SOAK_RUNS}. */
  private static final int RUNS = 2;

  private static final int SOAK_RUNS = Integer.getInteger("rexec.soak.containment", 25);

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * The program of every ending: sixteen threads that never give up (daemons and not, a pool,
   * {@code CompletableFuture}s on the cell's pool, main itself), each running {@code body} in a
   * loop that catches everything and loops again in {@code finally}.
   */
  private static final String STUBBORN =
      """
      import java.util.*;
      import java.util.concurrent.*;
      public class Stubborn {
        static final Object LOCK = new Object();
        static volatile Object sink;
        static int deep(int n) {
          try { return deep(n + 1) + 1; } catch (StackOverflowError e) { return deep(n + 1); }
        }
        static void body() throws Exception {
          BODY
        }
        @SuppressWarnings("finally")
        static void stubborn() {
          while (true) {
            try {
              try {
                body();
              } finally {
                sink = new byte[64];
                continue;
              }
            } catch (Throwable t) {
              Thread.onSpinWait();
            }
          }
        }
        public static void main(String[] args) throws Exception {
          for (int i = 0; i < 12; i++) {
            Thread thread = new Thread(Stubborn::stubborn);
            thread.setDaemon(DAEMONS || i % 2 == 0);
            thread.start();
          }
          if (!DAEMONS) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            pool.submit(Stubborn::stubborn);
            pool.submit(Stubborn::stubborn);
            CompletableFuture.runAsync(Stubborn::stubborn);
          }
          MAIN
        }
      }
      """;

  /** How a run ends, and what the threads do meanwhile. */
  enum Ending {
    MEMORY_LIMIT(
        "List<byte[]> keep = new ArrayList<>(); while (true) { keep.add(new byte[1 << 16]); }",
        "stubborn();",
        Policy.builder().memory(64L << 20)),
    CPU_LIMIT(
        "long spins = 0; while (true) { spins++; }",
        "stubborn();",
        Policy.builder().cpuTime(Duration.ofMillis(300))),
    TIMEOUT(
        "synchronized (LOCK) { LOCK.wait(); }",
        "stubborn();",
        Policy.builder().timeout(Duration.ofMillis(300))),
    STACK("deep(0);", "stubborn();", Policy.builder().stack(256L << 10)),
    OUTPUT_LIMIT(
        "while (true) { System.out.print(\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"); }",
        "stubborn();",
        Policy.builder().output(64L << 10)),
    EXITED("long spins = 0; while (true) { spins++; }", "System.exit(3);", Policy.builder()),
    KILLED("Thread.sleep(1_000_000);", "stubborn();", Policy.builder()),
    THREAD_LIMIT(
        "while (true) { new Thread(Stubborn::stubborn).start(); }",
        "stubborn();",
        Policy.builder()),
    COMPLETED(
        "long spins = 0; while (true) { spins++; }",
        "Thread.sleep(50); System.out.println(\"main returns\");",
        Policy.builder());

    final String body;
    final String main;
    final Policy policy;

    Ending(String body, String main, Policy.Builder policy) {
      this.body = body;
      this.main = main;
      // Every ending but its own is far away.
      Policy built = policy.build();
      Policy.Builder bounded = policy.threads(24);
      if (built.limits().wallTime().equals(Policy.defaults().limits().wallTime())) {
        bounded.timeout(Duration.ofSeconds(30));
      }
      if (built.limits().cpuTime().equals(Policy.defaults().limits().cpuTime())) {
        bounded.cpuTime(Duration.ofSeconds(30));
      }
      this.policy = bounded.build();
    }

    String source() {
      return STUBBORN
          .replace("BODY", body)
          .replace("MAIN", main)
          .replace("DAEMONS", String.valueOf(this == COMPLETED));
    }

    RunStatus expected() {
      return RunStatus.valueOf(name());
    }
  }

  @ParameterizedTest
  @EnumSource(Ending.class)
  void noThreadOfTheCellOutlivesItsRun(Ending ending) throws Exception {
    for (int i = 0; i < RUNS; i++) {
      runAndCheckContained(ending);
    }
  }

  @Tag("soak")
  @ParameterizedTest
  @EnumSource(Ending.class)
  void noThreadOfTheCellOutlivesItsRunAcrossManyRuns(Ending ending) throws Exception {
    for (int i = 0; i < SOAK_RUNS; i++) {
      runAndCheckContained(ending);
    }
  }

  private static void runAndCheckContained(Ending ending) throws Exception {
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    RunResult result;
    try (Cell cell = Cell.create(ending.policy)) {
      String main = cell.loadSource("Stubborn.java", ending.source());
      if (ending == Ending.KILLED) {
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> cell.run(main));
        Thread.sleep(300);
        cell.kill();
        result = run.get(30, TimeUnit.SECONDS);
      } else {
        result = cell.run(main);
      }
      // Checked before close(), which stops the cell: the run alone must have ended them.
      assertNothingAliveOrRunning(before, result);
    }
    assertThat(result.status()).as(result.toString()).isEqualTo(ending.expected());
    assertThat(result.contained()).as(result.toString()).isTrue();
    if (ending == Ending.EXITED) {
      assertThat(result.exitCode()).isEqualTo(3);
    }
  }

  /** Sixteen threads that hoard memory and go on hoarding, in the handler too, when it runs out. */
  private static final String HOARDERS =
      """
      import java.util.*;
      public class Hoarders {
        public static void main(String[] args) throws Exception {
          for (int i = 0; i < 16; i++) {
            new Thread(() -> {
              List<long[]> keep = new ArrayList<>();
              while (true) {
                try {
                  keep.add(new long[1 << 14]);
                } catch (Throwable t) {
                  keep.add(new long[1 << 8]);
                }
              }
            }).start();
          }
        }
      }
      """;

  @Test
  void threadsHoardingPastTheHeapInCatchLoopsEndWithTheRunAndLimitsStillHoldAfterwards()
      throws Exception {
    // In a JVM of its own with a small heap, so that the heap itself runs out before the
    // cell's memory limit: every thread, the supervisor's too, may get OutOfMemoryError. Then
    // a spinning program must still end at its CPU limit: the watchdog survived.
    int runs = RUNS * 2;
    ChildJvm.Outcome outcome =
        ChildJvm.run(
            Duration.ofSeconds(240),
            List.of("-Xmx128m"),
            ContainmentProbe.class,
            runs + ":4096:16:60000:60000",
            HOARDERS,
            "1:64:0:300:60000",
            "public class Spin { public static void main(String[] a) { while (true) { } } }");

    assertThat(outcome.stdout().lines().toList())
        .as(outcome.toString())
        .hasSize(runs + 1)
        .containsOnly(
            "Hoarders: status=MEMORY_LIMIT contained=true alive=0 cpu=0",
            "Spin: status=CPU_LIMIT contained=true alive=0 cpu=0");
    assertThat(outcome.stderr()).isEmpty();
    assertThat(outcome.exitCode()).isZero();
  }

  @Test
  void aHandlerThatThrowsWritesNothingToTheJvmsStandardError() throws Exception {
    // The JVM prints an exception thrown by an uncaught-exception handler on its own standard
    // error, naming the thread, whose name the program chooses; it asks the thread for its
    // handler, and a program's subclass could answer null.
    ChildJvm.Outcome outcome =
        ChildJvm.run(
            Duration.ofSeconds(60),
            List.of(),
            ContainmentProbe.class,
            "1:64:2:10000:10000",
            """
            public class NullHandler extends Thread {
              @Override public UncaughtExceptionHandler getUncaughtExceptionHandler() {
                return null;
              }
              @Override public void run() { throw new IllegalStateException(); }
              public static void main(String[] args) throws Exception {
                NullHandler thread = new NullHandler();
                thread.setName("forged\\nline on the host");
                thread.start();
                thread.join();
              }
            }
            """,
            "1:64:2:10000:10000",
            """
            public class Thrower {
              public static void main(String[] args) throws Exception {
                Thread thread = new Thread(() -> { throw new IllegalStateException(); });
                thread.setName("forged\\nline on the host");
                thread.setUncaughtExceptionHandler((dying, thrown) -> {
                  throw new UnsupportedOperationException();
                });
                thread.start();
                thread.join();
                System.exit(3);
              }
            }
            """);

    assertThat(outcome.stdout())
        .isEqualTo(
            "NullHandler: status=COMPLETED contained=true alive=0 cpu=0\n"
                + "Thrower: status=EXITED contained=true alive=0 cpu=0\n");
    assertThat(outcome.stderr()).isEmpty();
  }

  @Test
  void aThreadSubclassNeverRunsItsCodeOnTheWatchdogOrTheSupervisor() throws Exception {
    // The watchdog samples each thread by id and keeps threads in a map; the supervisor
    // interrupts them and describes the survivors. A program's overrides of getId, hashCode,
    // equals, interrupt and getState would run there: lie to the CPU accounting, never return
    // (and with the watchdog, every cell's limits in the JVM are gone), or never wake a thread.
    // In a JVM of its own, since a failure hangs the watchdog.
    ChildJvm.Outcome outcome =
        ChildJvm.run(
            Duration.ofSeconds(60),
            List.of(),
            ContainmentProbe.class,
            "1:64:1:300:20000",
            """
            public class Liar extends Thread {
              @Override public long getId() { return 1; }
              @Override public void run() { while (true) { } }
              public static void main(String[] args) { new Liar().start(); }
            }
            """,
            "1:64:1:300:20000",
            """
            public class Hanger extends Thread {
              @Override public long getId() { while (true) { } }
              @Override public int hashCode() { while (true) { } }
              @Override public boolean equals(Object other) { while (true) { } }
              @Override public void run() { while (true) { } }
              public static void main(String[] args) { new Hanger().start(); }
            }
            """,
            "1:64:1:20000:500",
            """
            public class Deaf extends Thread {
              @Override public void interrupt() { }
              @Override public State getState() { while (true) { } }
              @Override public void run() {
                while (true) {
                  try { Thread.sleep(1_000_000); } catch (Throwable t) { }
                }
              }
              public static void main(String[] args) { new Deaf().start(); }
            }
            """);

    assertThat(outcome.stdout().lines().toList())
        .as(outcome.toString())
        .containsExactly(
            "Liar: status=CPU_LIMIT contained=true alive=0 cpu=0",
            "Hanger: status=CPU_LIMIT contained=true alive=0 cpu=0",
            "Deaf: status=TIMEOUT contained=true alive=0 cpu=0");
    assertThat(outcome.stderr()).isEmpty();
  }

  @Test
  void aProgramsUncaughtExceptionHandlerIsPartOfTheRun() throws Exception {
    // The handler runs on the dying thread after its body: the run waits for it as the JVM
    // would, counts its CPU, and stops it.
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    try (Cell cell =
        Cell.create(
            Policy.builder().threads(1).cpuTime(Duration.ofMillis(300)).timeout(Duration.ofSeconds(30)).build())) {
      RunResult result =
          cell.run(
              cell.loadSource(
                  "Handler.java",
                  """
                  public class Handler {
                    public static void main(String[] args) {
                      Thread thread = new Thread(() -> { throw new IllegalStateException(); });
                      thread.setUncaughtExceptionHandler((dying, thrown) -> {
                        long spins = 0;
                        while (true) { spins++; }
                      });
                      thread.start();
                    }
                  }
                  """));

      assertNothingAliveOrRunning(before, result);
      assertThat(result.status()).isEqualTo(RunStatus.CPU_LIMIT);
      assertThat(result.cpuTime()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
      assertThat(result.contained()).isTrue();
    }
  }

  @Test
  void anExceptionWhoseMessageNeverEndsKeepsItsThreadInTheRun() throws Exception {
    // The default handler prints the exception, which calls the program's getMessage() on the
    // dying thread: still the run's thread, counted and stopped.
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    try (Cell cell =
        Cell.create(
            Policy.builder().threads(1).cpuTime(Duration.ofMillis(300)).timeout(Duration.ofSeconds(30)).build())) {
      RunResult result =
          cell.run(
              cell.loadSource(
                  "Slow.java",
                  """
                  public class Slow extends RuntimeException {
                    @Override
                    public String getMessage() {
                      long spins = 0;
                      while (true) { spins++; }
                    }
                    public static void main(String[] args) {
                      new Thread(() -> { throw new Slow(); }).start();
                    }
                  }
                  """));

      assertNothingAliveOrRunning(before, result);
      assertThat(result.status()).isEqualTo(RunStatus.CPU_LIMIT);
      assertThat(result.contained()).isTrue();
    }
  }

  @Test
  void aShutdownHookThatResistsIsStoppedWithTheRun() throws Exception {
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    try (Cell cell =
        Cell.create(
            Policy.builder().threads(4).cpuTime(Duration.ofMillis(300)).timeout(Duration.ofSeconds(30)).build())) {
      RunResult result =
          cell.run(
              cell.loadSource(
                  "Hook.java",
                  """
                  public class Hook {
                    static void resist() {
                      while (true) {
                        try { while (true) { Thread.onSpinWait(); } } catch (Throwable t) { }
                      }
                    }
                    public static void main(String[] args) {
                      Runtime.getRuntime().addShutdownHook(new Thread(Hook::resist));
                      Thread daemon = new Thread(Hook::resist);
                      daemon.setDaemon(true);
                      daemon.start();
                      System.exit(0);
                    }
                  }
                  """));

      assertNothingAliveOrRunning(before, result);
      assertThat(result.status()).isEqualTo(RunStatus.CPU_LIMIT);
      assertThat(result.contained()).isTrue();
    }
  }

  @Test
  void aCellThatRanCleanlyRunsAgainWithNoThreadOfTheFirstRun() throws Exception {
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    try (Cell cell =
        Cell.create(Policy.builder().threads(4).timeout(Duration.ofSeconds(30)).build())) {
      String main =
          cell.loadSource(
              "Twice.java",
              """
              public class Twice {
                static int runs;
                public static void main(String[] args) {
                  int run = ++runs;
                  Thread daemon = new Thread(() -> {
                    while (true) {
                      try { while (true) { } } catch (Throwable t) { System.out.println("caught"); }
                    }
                  });
                  daemon.setDaemon(true);
                  daemon.start();
                  System.out.println("run " + run);
                }
              }
              """);

      RunResult first = cell.run(main);
      assertNothingAliveOrRunning(before, first);
      RunResult second = cell.run(main);
      assertNothingAliveOrRunning(before, second);

      assertThat(first.status()).isEqualTo(RunStatus.COMPLETED);
      assertThat(first.stdout()).isEqualTo("run 1\n");
      assertThat(second.status()).isEqualTo(RunStatus.COMPLETED);
      assertThat(second.stdout()).isEqualTo("run 2\n");
    }
  }

  /**
   * Asserts that no thread of a cell started since {@code before} is alive now, and that none
   * of those alive now uses CPU over the next 100 ms.
   */
  private static void assertNothingAliveOrRunning(Set<Thread> before, RunResult result)
      throws InterruptedException {
    List<Thread> alive = CellThreadsSeen.aliveSince(before);
    long[] cpuBefore = cpu(alive);
    Thread.sleep(100);
    long[] cpuAfter = cpu(alive);
    List<String> running = new ArrayList<>();
    for (int i = 0; i < alive.size(); i++) {
      if (cpuAfter[i] > cpuBefore[i]) {
        running.add(alive.get(i).getName() + " used " + (cpuAfter[i] - cpuBefore[i]) + " ns");
      }
    }
    assertThat(running).as("threads using CPU after the run: " + result).isEmpty();
    assertThat(
            alive.stream()
                .map(t -> t.getName() + " (" + t.getClass().getName() + ", " + t.getState() + ") at "
                    + java.util.Arrays.toString(t.getStackTrace()))
                .toList())
        .as("threads alive after the run: " + result)
        .isEmpty();
  }

  private static long[] cpu(List<Thread> threads) {
    long[] cpu = new long[threads.size()];
    for (int i = 0; i < cpu.length; i++) {
      cpu[i] = Math.max(0, THREADS.getThreadCpuTime(threads.get(i).getId()));
    }
    return cpu;
  }
}
