package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The cell's own System.out, System.exit, properties, environment and shutdown hooks. */
class BuiltinsTest {

  @Test
  void exitEndsTheRunWithItsStatusAndTheSupervisorKeepsRunning() {
    RunResult result =
        Programs.run(
            "Quit.java",
            """
            public class Quit {
              public static void main(String[] args) {
                System.out.println("before");
                System.exit(7);
                System.out.println("after");
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.EXITED);
    assertThat(result.exitCode()).isEqualTo(7);
    assertThat(result.stdout()).isEqualTo("before\n");
    // Still here: the JVM did not exit. A second cell runs normally.
    assertThat(Programs.run("Ok.java", "public class Ok { public static void main(String[] a) {"
        + " System.out.println(\"ok\"); } }").stdout()).isEqualTo("ok\n");
  }

  @Test
  void exitCannotBeCaughtNorDelayedByFinally() {
    RunResult result =
        Programs.run(
            "Swallow.java",
            """
            public class Swallow {
              public static void main(String[] args) {
                try {
                  try {
                    System.exit(3);
                  } finally {
                    System.out.println("finally ran");
                  }
                } catch (Throwable t) {
                  System.out.println("caught " + t);
                }
                System.out.println("survived");
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.EXITED);
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void runtimeExitHaltAndExitAsMethodReference() {
    String source =
        """
        import java.util.function.IntConsumer;
        public class Ways {
          public static void main(String[] args) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("hook")));
            switch (args[0]) {
              case "runtime" -> Runtime.getRuntime().exit(4);
              case "halt" -> Runtime.getRuntime().halt(5);
              case "reference" -> { IntConsumer exit = System::exit; exit.accept(6); }
              default -> throw new IllegalArgumentException(args[0]);
            }
          }
        }
        """;

    RunResult runtime = Programs.run("Ways.java", source, "runtime");
    RunResult halt = Programs.run("Ways.java", source, "halt");
    RunResult reference = Programs.run("Ways.java", source, "reference");

    assertThat(runtime.exitCode()).isEqualTo(4);
    assertThat(runtime.stdout()).isEqualTo("hook\n");
    assertThat(halt.exitCode()).isEqualTo(5);
    assertThat(halt.stdout()).as("halt skips the shutdown hooks").isEmpty();
    assertThat(reference.exitCode()).isEqualTo(6);
    assertThat(reference.status()).isEqualTo(RunStatus.EXITED);
  }

  @Test
  void shutdownHooksRunInsideTheCellWhenMainReturns() {
    RunResult result =
        Programs.run(
            "Hooks.java",
            """
            public class Hooks {
              public static void main(String[] args) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  System.out.println("hook on " + Thread.currentThread().getName());
                  throw new IllegalStateException("from hook");
                }, "closer"));
                System.out.println("main done");
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("main done\nhook on closer\n");
    assertThat(result.stderr())
        .startsWith("Exception in thread \"closer\" java.lang.IllegalStateException: from hook");
  }

  @Test
  void outputIsCapturedPerCellWithCellsRunningAtOnce() throws Exception {
    String source =
        """
        public class Talk {
          public static void main(String[] args) {
            for (int i = 0; i < 2000; i++) {
              System.out.println(args[0] + i);
              System.err.println(args[0] + "!" + i);
            }
          }
        }
        """;
    PrintStream hostOut = System.out;
    PrintStream hostErr = System.err;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<RunResult>> runs = new ArrayList<>();
      for (String name : List.of("a", "b")) {
        runs.add(
            pool.submit(
                () -> {
                  start.await();
                  return Programs.run("Talk.java", source, name);
                }));
      }
      start.countDown();
      for (int index = 0; index < 2; index++) {
        String name = index == 0 ? "a" : "b";
        RunResult result = runs.get(index).get();
        StringBuilder expectedOut = new StringBuilder();
        StringBuilder expectedErr = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
          expectedOut.append(name).append(i).append('\n');
          expectedErr.append(name).append('!').append(i).append('\n');
        }
        assertThat(result.stdout()).isEqualTo(expectedOut.toString());
        assertThat(result.stderr()).isEqualTo(expectedErr.toString());
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(System.out).isSameAs(hostOut);
    assertThat(System.err).isSameAs(hostErr);
  }

  @Test
  void outputCanBeStreamedToTheSupervisorsSinks() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (Cell cell = Cell.builder(Policy.defaults()).stdout(out).stderr(err).create()) {
      cell.loadSource(
          "Stream.java",
          """
          public class Stream {
            public static void main(String[] args) {
              System.out.println("to out é");
              System.err.println("to err");
              System.out.close();
            }
          }
          """);
      RunResult result = cell.run("Stream");

      assertThat(result.stdout()).isEmpty();
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("to out é\n");
      assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("to err\n");
    }
  }

  @Test
  void setOutAndPrintStackTraceStayInTheCell() {
    PrintStream hostErr = System.err;
    ByteArrayOutputStream hostErrCapture = new ByteArrayOutputStream();
    System.setErr(new PrintStream(hostErrCapture, true, StandardCharsets.UTF_8));
    RunResult result;
    try {
      result =
          Programs.run(
              "Redirect.java",
              """
              import java.io.*;
              public class Redirect {
                public static void main(String[] args) {
                  new IllegalStateException("traced").printStackTrace();
                  Thread.dumpStack();
                  ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                  PrintStream original = System.out;
                  System.setOut(new PrintStream(buffer, true));
                  System.out.println("into the buffer");
                  System.setOut(original);
                  System.out.println("buffer holds: " + buffer.toString().strip());
                }
              }
              """);
    } finally {
      System.setErr(hostErr);
    }

    assertThat(hostErrCapture.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(result.stdout()).isEqualTo("buffer holds: into the buffer\n");
    assertThat(result.stderr())
        .startsWith("java.lang.IllegalStateException: traced\n\tat Redirect.main(Redirect.java:4)")
        .contains("java.lang.Exception: Stack trace\n\tat Redirect.main(Redirect.java:5)")
        .doesNotContain("org.rexec");
  }

  @Test
  void printStackTraceReachesACellOverride() {
    RunResult result =
        Programs.run(
            "Override.java",
            """
            public class Override {
              static class Quiet extends RuntimeException {
                @java.lang.Override public void printStackTrace() {
                  System.out.println("quiet override");
                  super.printStackTrace();
                }
              }
              public static void main(String[] args) {
                new Quiet().printStackTrace();
              }
            }
            """);

    assertThat(result.stdout()).isEqualTo("quiet override\n");
    assertThat(result.stderr()).startsWith("Override$Quiet\n\tat Override.main(Override.java:9)");
  }

  @Test
  void propertiesAreACopyPerCell() {
    String source =
        """
        public class Props {
          public static void main(String[] args) {
            System.out.println(System.getProperty("rexec.test.secret"));
            System.setProperty("rexec.test.secret", args[0]);
            System.getProperties().put("rexec.test.other", args[0]);
            System.out.println(System.getProperty("rexec.test.secret"));
            System.out.println(Integer.getInteger("rexec.test.number", 5));
            System.setProperty("rexec.test.number", "0x10");
            System.out.println(Integer.getInteger("rexec.test.number", 5));
            System.out.println(Boolean.getBoolean("rexec.test.flag"));
          }
        }
        """;

    RunResult first = Programs.run("Props.java", source, "one");
    RunResult second = Programs.run("Props.java", source, "two");

    assertThat(first.stdout()).isEqualTo("null\none\n5\n16\nfalse\n");
    assertThat(second.stdout()).isEqualTo("null\ntwo\n5\n16\nfalse\n");
    assertThat(System.getProperty("rexec.test.secret")).isNull();
    assertThat(System.getProperty("rexec.test.other")).isNull();
    assertThat(System.getProperty("rexec.test.number")).isNull();
  }

  @Test
  void propertiesRevealNothingOfTheHost() {
    RunResult result =
        Programs.run(
            "Reveal.java",
            """
            import java.util.*;
            public class Reveal {
              public static void main(String[] args) {
                List<String> names = new ArrayList<>(System.getProperties().stringPropertyNames());
                Collections.sort(names);
                for (String name : names) {
                  System.out.println(name + "=" + System.getProperty(name));
                }
              }
            }
            """);

    assertThat(result.stdout())
        .doesNotContain(System.getProperty("java.home"))
        .doesNotContain(System.getProperty("java.class.path"))
        .doesNotContain(System.getProperty("user.home") + "\n")
        .doesNotContain("java.library.path")
        .doesNotContain("os.version")
        .contains("java.version=" + System.getProperty("java.version") + "\n")
        .contains("user.name=cell\n")
        .contains("line.separator=\n\n");
  }

  @Test
  void policyPropertiesAreSeen() {
    RunResult result =
        Programs.run(
            Policy.builder().property("app.mode", "grading").build(),
            "Mode.java",
            "public class Mode { public static void main(String[] a) {"
                + " System.out.println(System.getProperty(\"app.mode\")); } }");

    assertThat(result.stdout()).isEqualTo("grading\n");
  }

  @Test
  void environmentIsEmptyUnlessGranted() {
    String source =
        """
        public class Env {
          public static void main(String[] args) {
            System.out.println(System.getenv().size() + " " + System.getenv("PATH") + " "
                + System.getenv("GREETING"));
          }
        }
        """;
    assertThat(System.getenv("PATH")).as("the host has a PATH").isNotNull();

    RunResult denied = Programs.run("Env.java", source);
    RunResult granted =
        Programs.run(
            Policy.builder().grantEnv("PATH").env("GREETING", "hi").build(), "Env.java", source);

    assertThat(denied.stdout()).isEqualTo("0 null null\n");
    assertThat(granted.stdout()).isEqualTo("2 " + System.getenv("PATH") + " hi\n");
  }

  @Test
  void stdinIsTheCellsOwn() {
    RunResult result =
        Programs.runWithInput(
            "3 4\nfive\n",
            "Sum.java",
            """
            import java.util.Scanner;
            public class Sum {
              public static void main(String[] args) {
                Scanner in = new Scanner(System.in);
                int sum = in.nextInt() + in.nextInt();
                System.out.println(sum + " " + in.next());
              }
            }
            """);

    assertThat(result.stdout()).isEqualTo("7 five\n");
  }

  @Test
  void gcAndConsoleAreHarmless() {
    RunResult result =
        Programs.run(
            "Gc.java",
            """
            public class Gc {
              public static void main(String[] args) {
                System.gc();
                Runtime.getRuntime().gc();
                System.out.println(System.console());
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("null\n");
  }

  @Test
  void aCellRunsAgainWithFreshOutputAndItsStaticState() {
    try (Cell cell = Cell.create(Policy.defaults())) {
      cell.loadSource(
          "Counter.java",
          """
          public class Counter {
            static int runs;
            public static void main(String[] args) { System.out.println(++runs); }
          }
          """);

      assertThat(cell.run("Counter").stdout()).isEqualTo("1\n");
      assertThat(cell.run("Counter").stdout()).isEqualTo("2\n");
    }
  }

  @Test
  void parallelStreamsRunSequentiallyOnTheCallingThread() {
    RunResult result =
        Programs.run(
            "Spliterate.java",
            """
            import java.util.List;
            import java.util.stream.*;
            public class Spliterate {
              public static void main(String[] args) {
                Iterable<String> words = List.of("a", "b", "c");
                System.out.println(StreamSupport.stream(words.spliterator(), true).count());
                Thread main = Thread.currentThread();
                System.out.println(List.of(1, 2, 3).parallelStream()
                    .allMatch(i -> Thread.currentThread() == main));
                System.out.println(IntStream.range(0, 1000).parallel().sum());
                System.out.println(Stream.of("x", "y").parallel().isParallel());
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("3\ntrue\n499500\nfalse\n");
    assertThat(result.violations()).isEmpty();
    assertThat(result.peakThreads()).isEqualTo(1);
  }

  @Test
  void caughtExceptionsShowNoFrameBelowMainAsOnAPlainJvm() {
    RunResult result =
        Programs.run(
            "Frames.java",
            """
            public class Frames {
              public static void main(String[] args) {
                StackTraceElement[] frames = new Throwable().getStackTrace();
                System.out.println(frames.length + " " + frames[frames.length - 1]);
                new IllegalStateException("shown").printStackTrace();
              }
            }
            """);

    assertThat(result.stdout()).isEqualTo("1 Frames.main(Frames.java:3)\n");
    assertThat(result.stderr())
        .isEqualTo("java.lang.IllegalStateException: shown\n\tat Frames.main(Frames.java:5)\n");
  }
}
