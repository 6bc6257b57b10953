package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * A hostile program that knows how rexec makes thread groups tries to reach the host's groups
 * and threads through them: the supervisor's threads stay unseen, uninterrupted and at their
 * priority, and nothing the cell does to its groups prints on the JVM's streams.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class ThreadGroupAttackTest {

  private static final String HOST_THREAD = "host-secret-thread";

  private Thread hostThread;
  private final CountDownLatch hostInterrupted = new CountDownLatch(1);

  /** A supervisor's thread in the test's own group, sleeping: the cell must never reach it. */
  @BeforeEach
  void startHostThread() {
    hostThread =
        new Thread(
            () -> {
              try {
                Thread.sleep(Duration.ofMinutes(5).toMillis());
              } catch (InterruptedException e) {
                hostInterrupted.countDown();
              }
            },
            HOST_THREAD);
    hostThread.setDaemon(true);
    hostThread.setPriority(Thread.NORM_PRIORITY);
    hostThread.start();
  }

  @AfterEach
  void stopHostThread() {
    hostThread.interrupt();
  }

  private static RunResult run(String source) {
    String name = source.substring(source.indexOf("class ") + 6).split("[ {]")[0];
    return Programs.run(
        Policy.builder().threads(4).timeout(Duration.ofSeconds(20)).build(),
        name + ".java",
        source);
  }

  @Test
  void walkingUpTheGroupsEndsAtTheCellsRootAndListsOnlyTheCellsThreads() {
    RunResult result =
        run(
            """
            public class ClimbGroups {
              public static void main(String[] args) throws Exception {
                ThreadGroup group = Thread.currentThread().getThreadGroup();
                int depth = 0;
                while (group.getParent() != null) { group = group.getParent(); depth++; }
                System.out.println("top " + group.getName() + " depth " + depth);
                Thread[] all = new Thread[1000];
                int count = group.enumerate(all, true);
                for (int i = 0; i < count; i++) System.out.println("thread " + all[i].getName());
                System.out.println("active " + group.activeCount());
                ThreadGroup[] groups = new ThreadGroup[1000];
                System.out.println("groups " + group.enumerate(groups, true));
              }
            }
            """);
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout())
        .isEqualTo("top main depth 0\nthread main\nactive 1\ngroups 0\n")
        .doesNotContain(HOST_THREAD);
  }

  @Test
  void interruptingEveryGroupItCanReachLeavesTheSupervisorsThreadsAlone() throws Exception {
    RunResult result =
        run(
            """
            public class InterruptAll {
              public static void main(String[] args) throws Exception {
                ThreadGroup group = Thread.currentThread().getThreadGroup();
                while (group.getParent() != null) group = group.getParent();
                Thread.interrupted();
                for (int i = 0; i < 1000; i++) {
                  group.interrupt();
                  Thread.interrupted();
                }
                group.setMaxPriority(Thread.MIN_PRIORITY);
                new ThreadGroup(group, "mine").setMaxPriority(Thread.MIN_PRIORITY);
                System.out.println("done " + group.getMaxPriority());
              }
            }
            """);
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("done 1\n");
    assertThat(hostInterrupted.await(200, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(hostThread.isAlive()).isTrue();
    assertThat(hostThread.getPriority()).isEqualTo(Thread.NORM_PRIORITY);
    assertThat(Thread.currentThread().getThreadGroup().getMaxPriority())
        .isEqualTo(Thread.MAX_PRIORITY);
  }

  @Test
  void aCellsGroupsAreItsOwnAndItsNextRunStartsInAFreshView() {
    String source =
        """
        public class Keep {
          static ThreadGroup kept;
          public static void main(String[] args) throws Exception {
            ThreadGroup root = Thread.currentThread().getThreadGroup();
            if (kept == null) { kept = new ThreadGroup("kept"); System.out.println("made"); }
            System.out.println(kept.getParent() == root);
            System.out.println(root.getMaxPriority());
            root.setMaxPriority(3);
          }
        }
        """;
    Policy policy = Policy.builder().threads(2).build();
    try (Cell first = Cell.create(policy);
        Cell second = Cell.create(policy)) {
      String firstMain = first.loadSource("Keep.java", source);
      String secondMain = second.loadSource("Keep.java", source);
      assertThat(first.run(firstMain).stdout()).isEqualTo("made\ntrue\n10\n");
      // The other cell's root is another group, untouched by the first cell's change.
      assertThat(second.run(secondMain).stdout()).isEqualTo("made\ntrue\n10\n");
      // The same cell keeps its groups from run to run, as it keeps its statics.
      assertThat(first.run(firstMain).stdout()).isEqualTo("true\n3\n");
    }
  }

  @Test
  void whatReachesTheRootIsPrintedOnTheCellsStandardErrorNeverTheJvms() {
    PrintStream jvmErr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    RunResult result;
    try {
      result =
          run(
              """
              public class EscapeHandler {
                public static void main(String[] args) throws Exception {
                  ThreadGroup root = Thread.currentThread().getThreadGroup();
                  root.uncaughtException(Thread.currentThread(), new RuntimeException("to root"));
                  ThreadGroup passing = new ThreadGroup("passing") {
                    @Override public void uncaughtException(Thread t, Throwable e) {
                      super.uncaughtException(t, e);
                    }
                  };
                  passing.uncaughtException(Thread.currentThread(), new RuntimeException("up"));
                  Thread failing = new Thread(passing, () -> { throw new IllegalStateException("x"); },
                      "failing");
                  failing.start();
                  failing.join();
                  System.out.println("still here");
                }
              }
              """);
    } finally {
      System.setErr(jvmErr);
    }
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("still here\n");
    assertThat(result.stderr())
        .contains("Exception in thread \"main\" java.lang.RuntimeException: to root")
        .contains("Exception in thread \"main\" java.lang.RuntimeException: up")
        .contains("Exception in thread \"failing\" java.lang.IllegalStateException: x");
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("Exception in thread");
  }

  @Test
  void theRootCannotBeMadeDaemonOrDestroyedAndTheRefusalNamesTheRule() {
    String source =
        """
        public class BreakRoot {
          public static void main(String[] args) throws Exception {
            ThreadGroup root = Thread.currentThread().getThreadGroup();
            try { root.setDaemon(true); } catch (SecurityException e) { System.out.println(e.getMessage()); }
            try { root.destroy(); } catch (SecurityException e) { System.out.println(e.getMessage()); }
            ThreadGroup own = new ThreadGroup("own");
            own.setDaemon(true);
            System.out.println("own daemon " + own.isDaemon());
          }
        }
        """;
    try (Cell cell = Cell.create(Policy.builder().threads(2).build())) {
      String main = cell.loadSource("BreakRoot.java", source);
      RunResult first = cell.run(main);
      assertThat(first.status()).as(first.stderr()).isEqualTo(RunStatus.COMPLETED);
      assertThat(first.stdout())
          .contains("(rule: thread-groups)")
          .contains("setDaemon(true)")
          .contains("destroy()")
          .endsWith("own daemon true\n");
      assertThat(first.violations()).extracting(Violation::rule).contains("thread-groups");
      // The root still takes the next run's main thread.
      RunResult second = cell.run(main);
      assertThat(second.status()).as(second.stderr()).isEqualTo(RunStatus.COMPLETED);
    }
  }

  @Test
  void aPoolsThreadsAreInTheCellsRootAndItListsNothingElse() {
    RunResult result =
        run(
            """
            import java.util.concurrent.*;
            public class PoolGroups {
              public static void main(String[] args) throws Exception {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                String group = pool.submit(() -> Thread.currentThread().getThreadGroup().getName()).get();
                pool.shutdown();
                pool.awaitTermination(5, TimeUnit.SECONDS);
                System.out.println("pool thread in " + group);
                Thread[] all = new Thread[100];
                ThreadGroup root = Thread.currentThread().getThreadGroup();
                int count = root.enumerate(all);
                for (int i = 0; i < count; i++) System.out.println(all[i].getName());
              }
            }
            """);
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    // A worker may still be ending after awaitTermination, as on a plain JVM.
    assertThat(result.stdout()).matches("pool thread in main\nmain\n(pool-1-thread-[12]\n)*");
  }

  @Test
  void listingTheRootPrintsOnTheCellsStandardOutputNeverTheJvms() {
    PrintStream jvmOut = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    RunResult result;
    try {
      result =
          run(
              """
              public class ListRoot {
                public static void main(String[] args) {
                  Thread.currentThread().getThreadGroup().list();
                  System.out.println(Thread.activeCount() + " " + Thread.enumerate(new Thread[5]));
                }
              }
              """);
    } finally {
      System.setOut(jvmOut);
    }
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout())
        .startsWith("java.lang.ThreadGroup[name=main,maxpri=10]\n    Thread[")
        .endsWith("1 1\n")
        .doesNotContain(HOST_THREAD);
    assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aClosedCellsGroupsDoNotKeepItsClassesAlive() throws Exception {
    java.lang.ref.WeakReference<Class<?>> groupClass;
    try (Cell cell = Cell.create(Policy.builder().threads(2).build())) {
      String main =
          cell.loadSource(
              "Grouped.java",
              """
              public class Grouped {
                public static class Mine extends ThreadGroup {
                  public Mine(String name) { super(name); }
                }
                public static void main(String[] args) throws Exception {
                  ThreadGroup mine = new Mine("mine");
                  new ThreadGroup(mine, "inner");
                  Thread thread = new Thread(mine, () -> {});
                  thread.start();
                  thread.join();
                }
              }
              """);
      assertThat(cell.run(main).status()).isEqualTo(RunStatus.COMPLETED);
      groupClass = new java.lang.ref.WeakReference<>(cell.importClass(main + "$Mine"));
    }
    // Before Java 19 the system group would hold the cell's root, and it its subgroups.
    for (int i = 0; i < 50 && groupClass.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(groupClass.get()).isNull();
  }
}
