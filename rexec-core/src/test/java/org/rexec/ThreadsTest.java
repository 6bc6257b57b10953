package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * The cell's threads: made by the cell, counted against its limit, stopped with it; and its
 * locks, which can block nobody outside it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class ThreadsTest {

  private static final Duration TOLERANCE = Duration.ofMillis(1500);
  private static final Duration CPU = Duration.ofMillis(500);
  private static final Duration WALL = Duration.ofMillis(1000);

  /** Bounded by CPU: the wall time is far enough that a busy machine does not matter. */
  private static Policy cpuBound(int threads) {
    return Policy.builder().threads(threads).cpuTime(CPU).timeout(Duration.ofSeconds(30)).build();
  }

  /** Bounded by wall time. */
  private static Policy wallBound(int threads) {
    return Policy.builder().threads(threads).timeout(WALL).build();
  }

  private static RunResult run(Policy policy, String source) {
    String name = source.substring(source.indexOf("class ") + 6).split("[ {]")[0];
    return Programs.run(policy, name + ".java", source);
  }

  /** The JVM's live threads, once those of earlier runs have had time to end. */
  private static int hostThreads() {
    return Thread.activeCount();
  }

  @Test
  void threadsTheCellStartsRunAndAreJoined() {
    RunResult result =
        run(
            cpuBound(2),
            """
            public class Workers {
              static long[] sums = new long[2];
              public static void main(String[] args) throws Exception {
                Thread[] workers = new Thread[2];
                for (int w = 0; w < 2; w++) {
                  int id = w;
                  workers[w] = new Thread(() -> {
                    for (int i = 1; i <= 1000; i++) { sums[id] += i; }
                  });
                  workers[w].start();
                }
                for (Thread worker : workers) { worker.join(); }
                System.out.println(sums[0] + sums[1] + " " + workers[0].getName());
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("1001000 Thread-0\n");
    assertThat(result.peakThreads()).isBetween(2, 3);
    assertThat(result.contained()).isTrue();
  }

  @Test
  void byDefaultTheCellMayStartNoThread() {
    RunResult result =
        run(
            Policy.defaults(),
            """
            public class Spawn {
              public static void main(String[] args) {
                new Thread(() -> System.out.println("escaped")).start();
                System.out.println("after start");
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.THREAD_LIMIT);
    assertThat(result.exitCode()).isEqualTo(121);
    assertThat(result.message()).hasValue("the program had more than 0 thread(s) alive at once (thread limit: Policy.Builder.threads)");
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void aThreadBombEndsAtTheThreadLimitAndLeavesNoThreadBehind() {
    int before = hostThreads();
    RunResult result =
        run(
            cpuBound(4),
            """
            public class Bomb {
              public static void main(String[] args) {
                while (true) {
                  new Thread(() -> {
                    try { Thread.sleep(1_000_000); } catch (InterruptedException e) { }
                  }).start();
                }
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.THREAD_LIMIT);
    assertThat(result.peakThreads()).isEqualTo(5);
    assertThat(result.contained()).isTrue();
    assertThat(hostThreads()).isLessThanOrEqualTo(before + 1);
  }

  @Test
  void theLimitCountsThreadsAliveAtOnceNotThreadsStarted() {
    // A test suite whose tests each start a few threads: 51 in all, never more than 3 alive.
    RunResult result =
        run(
            cpuBound(4),
            """
            import java.util.*;
            public class Suite {
              public static void main(String[] args) throws Exception {
                int[] done = new int[1];
                for (int test = 0; test < 17; test++) {
                  List<Thread> threads = new ArrayList<>();
                  for (int i = 0; i < 3; i++) {
                    Thread thread = new Thread(() -> { synchronized (done) { done[0]++; } });
                    thread.start();
                    threads.add(thread);
                  }
                  for (Thread thread : threads) { thread.join(); }
                }
                System.out.println(done[0]);
              }
            }
            """);

    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("51\n");
    assertThat(result.peakThreads()).isLessThanOrEqualTo(4 + 1);
  }

  @Test
  void moreThreadsAliveAtOnceThanTheLimitEndAtTheThreadLimit() {
    RunResult result =
        run(
            cpuBound(4),
            """
            import java.util.concurrent.*;
            public class Five {
              public static void main(String[] args) throws Exception {
                CountDownLatch end = new CountDownLatch(1);
                for (int i = 0; i < 5; i++) {
                  new Thread(() -> {
                    try { end.await(); } catch (InterruptedException e) { }
                  }).start();
                }
                System.out.println("five alive");
                end.countDown();
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.THREAD_LIMIT);
    assertThat(result.exitCode()).isEqualTo(121);
    assertThat(result.message())
        .hasValue("the program had more than 4 thread(s) alive at once (thread limit: Policy.Builder.threads)");
    assertThat(result.stdout()).isEmpty();
    assertThat(result.contained()).isTrue();
  }

  @Test
  void aThreadCountsUntilItHasTerminatedWhateverItsClassSays() {
    // Each body returns at once, but the thread lives on in its uncaught-exception handler, and
    // its class claims it has terminated: all five are alive at once.
    RunResult result =
        run(
            cpuBound(4),
            """
            import java.util.concurrent.*;
            public class Liar {
              public static void main(String[] args) throws Exception {
                CountDownLatch end = new CountDownLatch(1);
                for (int i = 0; i < 5; i++) {
                  Thread thread = new Thread(() -> { throw new RuntimeException(); }) {
                    @Override public State getState() { return State.TERMINATED; }
                    @Override public boolean equals(Object o) { return true; }
                    @Override public int hashCode() { return 0; }
                  };
                  thread.setUncaughtExceptionHandler((t, e) -> {
                    try { end.await(); } catch (InterruptedException ignored) { }
                  });
                  thread.start();
                  Thread.sleep(50);
                }
                System.out.println("five alive");
                end.countDown();
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.THREAD_LIMIT);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.contained()).isTrue();
  }

  @Test
  void anExecutorFloodEndsAtTheThreadLimit() {
    RunResult result =
        run(
            cpuBound(8),
            """
            import java.util.concurrent.*;
            public class Flood {
              public static void main(String[] args) {
                ExecutorService pool = Executors.newCachedThreadPool();
                for (int i = 0; i < 100_000; i++) {
                  pool.submit(() -> { Thread.sleep(1_000_000); return null; });
                }
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.THREAD_LIMIT);
    assertThat(result.peakThreads()).isEqualTo(9);
    assertThat(result.contained()).isTrue();
  }

  @Test
  void aFixedPoolComputesAndItsIdleWorkersDoNotOutliveTheRun() {
    RunResult result =
        run(
            cpuBound(3),
            """
            import java.util.*;
            import java.util.concurrent.*;
            public class Pool {
              public static void main(String[] args) throws Exception {
                ExecutorService pool = Executors.newFixedThreadPool(3);
                List<Future<Integer>> parts = new ArrayList<>();
                for (int i = 0; i < 10; i++) { int n = i; parts.add(pool.submit(() -> n * n)); }
                int sum = 0;
                for (Future<Integer> part : parts) { sum += part.get(); }
                System.out.println(sum + " " + Thread.currentThread().getName());
                pool.shutdown();
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("285 main\n");
    assertThat(result.contained()).isTrue();
  }

  @Test
  void aPoolLeftRunningKeepsTheProgramAliveAsOnTheJvmUntilTheTimeout() {
    RunResult result =
        run(
            wallBound(1),
            """
            import java.util.concurrent.*;
            public class Forgotten {
              public static void main(String[] args) throws Exception {
                ExecutorService pool = Executors.newSingleThreadExecutor();
                System.out.println(pool.submit(() -> "done").get());
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.TIMEOUT);
    assertThat(result.stdout()).isEqualTo("done\n");
    assertThat(result.contained()).isTrue();
  }

  @Test
  void aParallelStreamThatSpinsStaysOnTheCellsThreadAndIsStopped() {
    RunResult result =
        run(
            cpuBound(0),
            """
            import java.util.stream.*;
            public class Parallel {
              public static void main(String[] args) {
                IntStream.range(0, 8).parallel().forEach(i -> { while (true) { } });
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.CPU_LIMIT);
    assertThat(result.peakThreads()).isEqualTo(1);
    assertThat(result.cpuTime()).isLessThan(CPU.plus(TOLERANCE));
  }

  @Test
  void aSpinningSupplyAsyncRunsInTheCellsPoolAndIsStopped() {
    RunResult result =
        run(
            cpuBound(2),
            """
            import java.util.concurrent.*;
            public class Async {
              public static void main(String[] args) throws Exception {
                CompletableFuture<String> where =
                    CompletableFuture.supplyAsync(() -> Thread.currentThread().getName());
                System.out.println(where.join().contains("commonPool"));
                CompletableFuture.supplyAsync(() -> { while (true) { } }).join();
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.CPU_LIMIT);
    assertThat(result.stdout()).isEqualTo("false\n");
    assertThat(result.contained()).isTrue();
  }

  @Test
  void forkJoinTasksRunInTheCellsOwnPool() {
    RunResult result =
        run(
            cpuBound(2),
            """
            import java.util.concurrent.*;
            public class Sum extends RecursiveTask<Long> {
              final int from, to;
              Sum(int from, int to) { this.from = from; this.to = to; }
              protected Long compute() {
                if (Thread.currentThread().getName().contains("commonPool")) {
                  throw new IllegalStateException("on the JVM's common pool");
                }
                if (to - from <= 1000) {
                  long sum = 0;
                  for (int i = from; i < to; i++) { sum += i; }
                  return sum;
                }
                int middle = (from + to) / 2;
                Sum left = new Sum(from, middle);
                left.fork();
                return new Sum(middle, to).compute() + left.join();
              }
              public static void main(String[] args) {
                System.out.println(new Sum(0, 100_000).invoke());
                System.out.println(ForkJoinPool.commonPool().invoke(new Sum(0, 10)));
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("4999950000\n45\n");
    assertThat(result.contained()).isTrue();
  }

  @Test
  void aThreadThatRunsOnAfterMainReturnsIsStoppedAtTheLimit() {
    RunResult result =
        run(
            cpuBound(1),
            """
            public class Lingering {
              public static void main(String[] args) {
                new Thread(() -> { while (true) { } }).start();
                System.out.println("main returns");
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.CPU_LIMIT);
    assertThat(result.stdout()).isEqualTo("main returns\n");
    assertThat(result.contained()).isTrue();
  }

  @Test
  void aDaemonThreadEndsWithTheProgram() {
    RunResult result =
        run(
            cpuBound(1),
            """
            public class Daemon {
              public static void main(String[] args) {
                Thread spinner = new Thread(() -> { while (true) { } });
                spinner.setDaemon(true);
                spinner.start();
                System.out.println("main returns");
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.contained()).isTrue();
    assertThat(result.stdout()).isEqualTo("main returns\n");
  }

  @Test
  void anUncaughtExceptionOfACellThreadIsPrintedOnTheCellsStandardError() {
    RunResult result =
        run(
            cpuBound(1),
            """
            public class Dies {
              public static void main(String[] args) throws Exception {
                Thread worker = new Thread(() -> { throw new IllegalStateException("boom"); });
                worker.start();
                worker.join();
                System.out.println("main goes on");
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("main goes on\n");
    assertThat(result.stderr())
        .startsWith("Exception in thread \"Thread-0\" java.lang.IllegalStateException: boom\n")
        .doesNotContain("org.rexec");
  }

  @Test
  void waitAndNotifyPairAcrossTheCellsThreads() {
    RunResult result =
        run(
            cpuBound(1),
            """
            public class Handoff {
              static final Object LOCK = new Object();
              static String box;
              public static void main(String[] args) throws Exception {
                Thread producer = new Thread(() -> {
                  synchronized (LOCK) { box = "hello"; LOCK.notifyAll(); }
                });
                synchronized (LOCK) {
                  producer.start();
                  while (box == null) { LOCK.wait(); }
                  System.out.println(box + " " + Thread.holdsLock(LOCK));
                }
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("hello true\n");
  }

  @Test
  void twoThreadsDeadlockedOnLocksAreStoppedAtTheTimeout() {
    RunResult result =
        run(
            wallBound(1),
            """
            import java.util.concurrent.locks.*;
            public class Deadlock {
              static final Lock A = new ReentrantLock(), B = new ReentrantLock();
              public static void main(String[] args) throws Exception {
                A.lock();
                new Thread(() -> { B.lock(); A.lock(); }).start();
                Thread.sleep(100);
                B.lock();
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.TIMEOUT);
    assertThat(result.wallTime()).isLessThan(WALL.plus(TOLERANCE));
    assertThat(result.contained()).isTrue();
  }

  @Test
  void aDeadlockOnMonitorsIsReportedAsNotContained() {
    RunResult result =
        run(
            wallBound(1),
            """
            public class Stuck {
              static final Object A = new Object(), B = new Object();
              public static void main(String[] args) throws Exception {
                synchronized (A) {
                  new Thread(() -> { synchronized (B) { synchronized (A) { } } }).start();
                  Thread.sleep(100);
                  synchronized (B) { }
                }
              }
            }
            """);

    // No JVM can make a thread blocked entering a monitor give up: said, not hidden.
    assertThat(result.status()).isEqualTo(RunStatus.TIMEOUT);
    assertThat(result.contained()).isFalse();
    assertThat(result.survivors()).containsExactlyInAnyOrder("main (BLOCKED)", "Thread-0 (BLOCKED)");
  }

  @Test
  void aCellHoldingTheLockOfAJdkClassBlocksNobodyOutsideIt() throws Exception {
    CountDownLatch locked = new CountDownLatch(1);
    OutputStream sink =
        new OutputStream() {
          @Override
          public void write(int b) {}

          @Override
          public void write(byte[] bytes, int offset, int length) {
            if (new String(bytes, offset, length, StandardCharsets.UTF_8).contains("locked")) {
              locked.countDown();
            }
          }
        };
    try (Cell cell =
        Cell.builder(Policy.builder().timeout(Duration.ofSeconds(30)).build())
            .stdout(sink)
            .create()) {
      String main =
          cell.loadSource(
              "Hog.java",
              """
              public class Hog {
                public static void main(String[] args) throws Exception {
                  synchronized (Object.class) {
                    synchronized ("shared") {
                      synchronized (Integer.valueOf(1)) {
                        System.out.println("locked");
                        Thread.sleep(1_000_000);
                      }
                    }
                  }
                }
              }
              """);
      CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> cell.run(main));
      assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

      assertTimeoutPreemptively(
          Duration.ofSeconds(2),
          () -> {
            synchronized (Object.class) {
              synchronized ("shared") {
                synchronized (Integer.valueOf(1)) {
                  assertThat(Thread.holdsLock(Object.class)).isTrue();
                }
              }
            }
          });
      cell.kill();
      assertThat(run.get(10, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.KILLED);
    }
  }
}
