package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Arrays' parallel operations run the cell's code on the cell's own thread, never on the JVM's
 * common pool, and a kill still ends them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class ParallelArraysTest {

  @Test
  void theProgramsGeneratorsComparatorsAndOperatorsRunOnItsOwnThread() {
    RunResult result =
        Programs.run(
            Policy.builder().timeout(Duration.ofSeconds(20)).build(),
            "OnlyMain.java",
            """
            import java.util.*;
            public class OnlyMain {
              static final Set<String> seen = Collections.synchronizedSet(new TreeSet<>());
              static String where() { return Thread.currentThread().getName(); }
              public static void main(String[] args) {
                Integer[] boxed = new Integer[200_000];
                Arrays.parallelSetAll(boxed, i -> { seen.add(where()); return (i * 31) % 1000; });
                Arrays.parallelSort(boxed, (a, b) -> { seen.add(where()); return a - b; });
                Arrays.parallelPrefix(boxed, (a, b) -> { seen.add(where()); return (a + b) % 1000; });
                System.out.println(seen);
              }
            }
            """);
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("[main]\n");
  }

  @Test
  void aComparatorThatNeverEndsIsStoppedAtTheCpuLimit() {
    RunResult result =
        Programs.run(
            Policy.builder().cpuTime(Duration.ofMillis(500)).timeout(Duration.ofSeconds(20)).build(),
            "Spin.java",
            """
            import java.util.*;
            public class Spin {
              public static void main(String[] args) {
                Integer[] boxed = new Integer[100_000];
                Arrays.parallelSetAll(boxed, i -> i);
                Arrays.parallelSort(boxed, (a, b) -> { while (true) { } });
              }
            }
            """);
    assertThat(result.status()).isIn(RunStatus.CPU_LIMIT, RunStatus.TIMEOUT);
  }
}
