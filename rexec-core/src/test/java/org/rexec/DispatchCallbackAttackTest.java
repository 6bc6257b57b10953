package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Attacks of the dispatch class that the rewriter cannot see at a call site: the JDK itself
 * calls an override of the cell's, selected by virtual dispatch, from a thread that is not the
 * cell's. Each asserts the effect on the host.
 */
class DispatchCallbackAttackTest {

  /**
   * At the end of a run rexec interrupts the run's live threads ({@code CellThreads.interruptAll},
   * from {@code CellContext.endRun}, {@code stop} and the watchdog) with {@code
   * Thread.interrupt()}, a virtual call that selects the override of a {@code Thread} subclass
   * of the cell's, on the supervisor's thread. The override's first guard throws the cell's
   * {@code CellTermination} (the run is no longer active); nothing catches it, so {@code
   * Cell.run} throws that {@code Error} to the supervisor instead of returning a result, and
   * skips the rest of its {@code finally}: the pools are not shut down, the survivors are not
   * looked for, the budget is never unwatched, and the threads of the run that come after the
   * override's thread in {@code interruptAll}'s iteration are not interrupted (whether a sleeping
   * one does is up to that order, so only the thrown error is certain).
   */
  @Test
  void aThreadOverridingInterruptBreaksTheEndOfTheRunOnTheSupervisorsThread() {
    String name = "survivor-of-a-cell-" + System.nanoTime();
    Throwable thrown = null;
    RunResult result = null;
    try (Cell cell = Cell.create(Policy.builder().threads(2).build())) {
      String main =
          cell.loadSource(
              "Stubborn.java",
              """
              public class Stubborn {
                static class Deaf extends Thread {
                  @Override public void run() {
                    try { Thread.sleep(60_000); } catch (InterruptedException e) { }
                  }
                  @Override public void interrupt() { super.interrupt(); }
                }
                public static void main(String[] args) throws Exception {
                  Deaf deaf = new Deaf();
                  deaf.setDaemon(true);
                  deaf.start();
                  Thread sleeper = new Thread(() -> {
                    try { Thread.sleep(60_000); } catch (InterruptedException e) { }
                  }, "%s");
                  sleeper.setDaemon(true);
                  sleeper.start();
                  System.out.println("started");
                }
              }
              """
                  .formatted(name));
      try {
        result = cell.run(main);
      } catch (Throwable escaped) {
        thrown = escaped;
      }
    } catch (Throwable escaped) {
      if (thrown == null) {
        thrown = escaped;
      }
    }
    List<Thread> survivors = DispatchTest.liveThreadsNamed(name);
    survivors.forEach(Thread::interrupt);

    assertThat(thrown).as("what Cell.run or close threw at the supervisor").isNull();
    assertThat(survivors).as("the run's sleeping thread after the run").isEmpty();
    assertThat(result.stdout()).isEqualTo("started\n");
  }
}
