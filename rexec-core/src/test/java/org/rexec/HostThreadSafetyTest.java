package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The supervisor never runs a cell's code on its own threads, even through cell objects. */
class HostThreadSafetyTest {

  @Test
  void aHookWhoseStartIsOverriddenDoesNotRunOnTheSupervisorThread() {
    String supervisorThread = Thread.currentThread().getName();

    RunResult result =
        Programs.run(
            "SneakyHook.java",
            """
            public class SneakyHook {
              static class Hook extends Thread {
                @Override public synchronized void start() {
                  System.out.println("start() on " + Thread.currentThread().getName());
                }
                @Override public UncaughtExceptionHandler getUncaughtExceptionHandler() {
                  System.out.println("handler() on " + Thread.currentThread().getName());
                  return null;
                }
                @Override public void run() {
                  System.out.println("run() on " + Thread.currentThread().getName());
                }
              }
              public static void main(String[] args) {
                Hook hook = new Hook();
                hook.setName("my-hook");
                Runtime.getRuntime().addShutdownHook(hook);
              }
            }
            """);

    assertThat(result.stdout()).isEqualTo("run() on my-hook\n").doesNotContain(supervisorThread);
  }

  @Test
  void anUncaughtExceptionIsReportedEvenWhenTheCellInstalledItsOwnHandler() {
    RunResult result =
        Programs.run(
            "OwnHandler.java",
            """
            public class OwnHandler {
              public static void main(String[] args) {
                Thread.currentThread().setUncaughtExceptionHandler(
                    (thread, error) -> System.out.println("handled " + error.getMessage()));
                throw new IllegalStateException("boom");
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.EXCEPTION);
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.exception().orElseThrow().type())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(result.stdout()).isEqualTo("handled boom\n");
    assertThat(result.stderr()).as("the cell's handler replaced the default printing").isEmpty();
  }
}
