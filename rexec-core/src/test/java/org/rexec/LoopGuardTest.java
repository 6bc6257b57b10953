package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Call-free loops, whose back-edges have the loop guard (a switch point compiled code does not
 * execute): once hot and compiled, they still stop at the limit, at an exit of another thread,
 * and at the end of the run.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class LoopGuardTest {

  private static final Duration TOLERANCE = Duration.ofMillis(1500);
  private static final Duration CPU = Duration.ofMillis(1500);

  private static final Policy TIGHT =
      Policy.builder().cpuTime(CPU).threads(2).timeout(Duration.ofSeconds(30)).build();

  private static RunResult run(String body) {
    return Programs.run(
        TIGHT,
        "Hot.java",
        "public class Hot { static long sink; public static void main(String[] args)"
            + " throws Exception { "
            + body
            + " } }");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // A vectorizable counted loop inside an endless one: compiled after a few rounds.
        "int[] a = new int[1 << 16]; while (true) { for (int i = 0; i < a.length; i++) { a[i] += i; } }",
        // A long-indexed loop: C2 turns it into a loop nest.
        "long s = 0; for (long i = 0; i < Long.MAX_VALUE; i++) { s += i ^ (s >>> 3); } sink = s;",
        // Nested counted loops of 2^31 turns each.
        "long s = 0; for (int i = 0; i < Integer.MAX_VALUE; i++) { for (int j = 0; j < Integer.MAX_VALUE; j++) { s += i * j; } } sink = s;",
        // A do-while with a double accumulator.
        "double d = 0; int i = 0; do { d += Math.sqrt(i); i++; } while (i != 0 || d > -1); sink = (long) d;",
      })
  void aHotCallFreeLoopStopsAtTheCpuLimit(String body) {
    RunResult result = run(body);

    assertThat(result.status()).isEqualTo(RunStatus.CPU_LIMIT);
    assertThat(result.cpuTime()).isGreaterThanOrEqualTo(CPU).isLessThan(CPU.plus(TOLERANCE));
    assertThat(result.contained()).isTrue();
  }

  @Test
  void aHotCallFreeLoopInAnotherThreadEndsWithAnExit() {
    RunResult result =
        run(
            """
            Thread spinner = new Thread(() -> {
              int[] a = new int[1 << 16];
              while (true) { for (int i = 0; i < a.length; i++) { a[i] += i; } }
            });
            spinner.start();
            Thread.sleep(500);
            System.exit(7);
            """);

    assertThat(result.status()).isEqualTo(RunStatus.EXITED);
    assertThat(result.exitCode()).isEqualTo(7);
    assertThat(result.contained()).isTrue();
    assertThat(result.wallTime()).isLessThan(Duration.ofMillis(500).plus(TOLERANCE));
  }

  @Test
  void aHotCallFreeLoopInADaemonThreadEndsWithTheRun() {
    RunResult result =
        run(
            """
            Thread spinner = new Thread(() -> {
              long s = 0;
              for (long i = 0; ; i++) { s += i; }
            });
            spinner.setDaemon(true);
            spinner.start();
            Thread.sleep(500);
            System.out.println("main returns");
            """);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.contained()).isTrue();
    assertThat(result.stdout()).isEqualTo("main returns\n");
  }

  @Test
  void theSupervisorKillsAHotCallFreeLoop() throws Exception {
    try (Cell cell = Cell.create(Policy.builder().timeout(Duration.ofSeconds(30)).build())) {
      String main =
          cell.loadSource(
              "Spin.java",
              "public class Spin { public static void main(String[] a) {"
                  + " int[] x = new int[4096]; while (true) { for (int i = 0; i < x.length; i++)"
                  + " { x[i] = x[i] * 3 + i; } } } }");
      java.util.concurrent.CompletableFuture<RunResult> run =
          java.util.concurrent.CompletableFuture.supplyAsync(() -> cell.run(main));
      Thread.sleep(1000);

      long killed = System.nanoTime();
      cell.kill();
      RunResult result = run.get(10, TimeUnit.SECONDS);

      assertThat(result.status()).isEqualTo(RunStatus.KILLED);
      assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(TOLERANCE);
      assertThat(result.contained()).isTrue();
    }
  }
}
