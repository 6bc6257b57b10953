package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Hostile programs against the limits of one thread: each ends with the limit's status within
 * the limit and a tolerance, and the host goes on.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class LimitsTest {

  /** Slack for a noisy, shared machine: sampling, thread start, unwinding. */
  private static final Duration TOLERANCE = Duration.ofMillis(1500);

  private static final Duration CPU = Duration.ofMillis(400);
  private static final Duration WALL = Duration.ofMillis(700);

  private static final Policy TIGHT =
      Policy.builder().cpuTime(CPU).timeout(Duration.ofSeconds(20)).build();
  private static final Policy SHORT = Policy.builder().timeout(WALL).build();

  private static RunResult spin(String body) {
    return Programs.run(
        TIGHT,
        "Hostile.java",
        "public class Hostile { public static void main(String[] args) throws Exception { "
            + body
            + " } }");
  }

  private static void assertCpuLimited(RunResult result) {
    assertThat(result.status()).isEqualTo(RunStatus.CPU_LIMIT);
    assertThat(result.exitCode()).isEqualTo(124);
    assertThat(result.cpuTime()).isGreaterThanOrEqualTo(CPU).isLessThan(CPU.plus(TOLERANCE));
    assertThat(result.message()).hasValue("the run used more than 400ms of CPU time (CPU limit)");
    assertThat(result.contained()).isTrue();
  }

  private static void assertTimedOut(RunResult result) {
    assertThat(result.status()).isEqualTo(RunStatus.TIMEOUT);
    assertThat(result.exitCode()).isEqualTo(124);
    assertThat(result.wallTime()).isGreaterThanOrEqualTo(WALL).isLessThan(WALL.plus(TOLERANCE));
    assertThat(result.contained()).isTrue();
  }

  @Test
  void anEndlessLoopIsStoppedAtTheCpuLimit() {
    assertCpuLimited(spin("while (true) { }"));
  }

  @Test
  void aLoopInsideCatchThrowableIsStopped() {
    assertCpuLimited(
        spin("while (true) { try { while (true) { } } catch (Throwable t) { } }"));
  }

  @Test
  void aLoopInFinallyIsStopped() {
    assertCpuLimited(spin("try { while (true) { } } finally { while (true) { } }"));
  }

  @Test
  void recursionWithoutLoopsIsStopped() {
    RunResult result =
        Programs.run(
            TIGHT,
            "Fib.java",
            """
            public class Fib {
              static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
              public static void main(String[] args) { System.out.println(fib(60)); }
            }
            """);

    assertCpuLimited(result);
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void anEndlessLoopInAStaticInitializerIsStopped() {
    RunResult result =
        Programs.run(
            TIGHT,
            "Init.java",
            """
            public class Init {
              static boolean forever = true;
              static class Stuck { static { while (forever) { } } static void touch() { } }
              public static void main(String[] args) {
                try {
                  Stuck.touch();
                } catch (Throwable t) {
                  System.out.println("caught " + t);
                }
              }
            }
            """);

    assertCpuLimited(result);
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void sleepingForeverIsStoppedAtTheTimeout() {
    RunResult result =
        Programs.run(
            SHORT,
            "Sleeper.java",
            """
            public class Sleeper {
              public static void main(String[] args) {
                while (true) {
                  try {
                    Thread.sleep(1_000_000);
                  } catch (InterruptedException e) {
                    System.out.println("woken");
                  }
                }
              }
            }
            """);

    assertTimedOut(result);
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void waitingForeverIsStoppedAtTheTimeout() {
    assertTimedOut(
        Programs.run(
            SHORT,
            "Waiter.java",
            """
            public class Waiter {
              public static void main(String[] args) throws Exception {
                Object lock = new Object();
                synchronized (lock) { lock.wait(); }
              }
            }
            """));
  }

  @Test
  void parkingForeverIsStoppedAtTheTimeout() {
    assertTimedOut(
        Programs.run(
            SHORT,
            "Parker.java",
            """
            import java.util.concurrent.locks.LockSupport;
            public class Parker {
              public static void main(String[] args) {
                while (true) { LockSupport.park(); }
              }
            }
            """));
  }

  @Test
  void joiningItselfIsStoppedAtTheTimeout() {
    assertTimedOut(
        Programs.run(
            SHORT,
            "Joiner.java",
            """
            public class Joiner {
              public static void main(String[] args) throws Exception {
                Thread.currentThread().join();
              }
            }
            """));
  }

  @Test
  void readingStdinThatNeverComesIsStoppedAtTheTimeout() throws Exception {
    // The supervisor's stream blocks forever: nothing is ever written to the pipe.
    try (PipedOutputStream never = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(never);
        Cell cell = Cell.builder(SHORT).stdin(stdin).create()) {
      String main =
          cell.loadSource(
              "Reader.java",
              """
              public class Reader {
                public static void main(String[] args) throws Exception {
                  System.out.println(System.in.read());
                }
              }
              """);

      assertTimedOut(cell.run(main));
    }
  }

  @Test
  void catchingStackOverflowToRecurseAgainEndsWithStatusStack() {
    // Recursing 8 MiB deep takes a while in the interpreter, longer on a loaded machine: the
    // CPU limit is out of the way, so that the stack limit is what ends the run.
    RunResult result =
        Programs.run(
            Policy.builder().cpuTime(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(20)).build(),
            "Deep.java",
            """
            public class Deep {
              static int depth(int n) {
                try {
                  return depth(n + 1) + 1;
                } catch (StackOverflowError e) {
                  return depth(n + 1);
                }
              }
              public static void main(String[] args) {
                try {
                  System.out.println(depth(0));
                } catch (Throwable t) {
                  System.out.println("survived " + t);
                }
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.STACK);
    assertThat(result.exitCode()).isEqualTo(122);
    assertThat(result.message()).hasValue("a thread overflowed its stack of 8 MiB (stack limit)");
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void anOutputFloodIsCutAtTheLimit() {
    RunResult result =
        Programs.run(
            Policy.builder().output(10_000).build(),
            "Flood.java",
            """
            public class Flood {
              public static void main(String[] args) {
                while (true) { System.out.println("0123456789"); System.err.print("e"); }
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.OUTPUT_LIMIT);
    assertThat(result.exitCode()).isEqualTo(120);
    assertThat(result.outputTruncated()).isTrue();
    assertThat(result.stdout().length() + result.stderr().length()).isEqualTo(10_000);
    assertThat(result.stdout()).startsWith("0123456789\n0123456789\n");
  }

  @Test
  void manySmallObjectsAreStoppedAtTheMemoryLimit() {
    RunResult result =
        Programs.run(
            Policy.builder().memory(64L << 20).build(),
            "Hoard.java",
            """
            import java.util.*;
            public class Hoard {
              public static void main(String[] args) {
                List<Object> all = new ArrayList<>();
                while (true) { all.add(new int[4]); }
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.MEMORY_LIMIT);
    assertThat(result.exitCode()).isEqualTo(123);
    assertThat(result.message()).hasValue("the run allocated more than 64 MiB (memory limit)");
    // Sampling lets a run go past the limit by what it allocates between two samples.
    assertThat(result.allocatedBytes()).isGreaterThan(64L << 20).isLessThan(1L << 30);
  }

  @Test
  void theSupervisorKillsARun() throws Exception {
    try (Cell cell = Cell.create(Policy.builder().timeout(Duration.ofSeconds(30)).build())) {
      String main =
          cell.loadSource(
              "Forever.java",
              "public class Forever { public static void main(String[] a) { while (true) { } } }");
      CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> cell.run(main));
      Thread.sleep(200);

      cell.kill();
      RunResult result = run.get(10, TimeUnit.SECONDS);

      assertThat(result.status()).isEqualTo(RunStatus.KILLED);
      assertThat(result.exitCode()).isEqualTo(137);
      assertThat(result.message()).hasValue("killed by the supervisor");
      assertThat(result.wallTime()).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void aStoppedCellStaysStopped() {
    try (Cell cell = Cell.create(TIGHT)) {
      String main =
          cell.loadSource(
              "Spin.java",
              "public class Spin { public static void main(String[] a) { while (true) { } } }");
      assertThat(cell.run(main).status()).isEqualTo(RunStatus.CPU_LIMIT);

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> cell.run(main))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("CPU limit");
    }
  }

  @Test
  void aHostileCellDoesNotStopABenignOneBesideIt() throws Exception {
    CompletableFuture<RunResult> hostile =
        CompletableFuture.supplyAsync(() -> spin("while (true) { }"));
    RunResult benign =
        Programs.run(
            "Sum.java",
            """
            public class Sum {
              public static void main(String[] args) {
                long sum = 0;
                for (int i = 1; i <= 1000; i++) { sum += i; }
                System.out.println(sum);
              }
            }
            """);

    assertThat(benign.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(benign.stdout()).isEqualTo("500500\n");
    assertCpuLimited(hostile.get(30, TimeUnit.SECONDS));
  }
}
