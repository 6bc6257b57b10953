package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Exceptions built to break the description of a failure: however deep, wide or cyclic a thrown
 * object is, and whatever its own methods do (throw, loop, recurse, exit), a run that failed is
 * never reported as completed or exited, and what rexec prints and stores of it is bounded.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class HostileExceptionTest {

  private static final Duration WALL = Duration.ofMillis(1500);

  /** Slack for a noisy, shared machine: sampling, thread start, unwinding. */
  private static final Duration TOLERANCE = Duration.ofMillis(2500);

  private static RunResult run(String declarations, String body) {
    return run(Policy.builder().timeout(Duration.ofSeconds(30)).build(), declarations, body);
  }

  private static RunResult run(Policy policy, String declarations, String body) {
    return Programs.run(
        policy,
        "Hostile.java",
        "public class Hostile { "
            + declarations
            + " public static void main(String[] args) throws Throwable { "
            + body
            + " } }");
  }

  /** The run failed with an exception of {@code type}, exit code 1, and bounded text. */
  private static void assertFailedWith(RunResult result, String type) {
    assertThat(result.status()).isEqualTo(RunStatus.EXCEPTION);
    assertThat(result.exitCode()).isEqualTo(1);
    ThrownException thrown = result.exception().orElseThrow();
    assertThat(thrown.type()).isEqualTo(type);
    assertThat(thrown.stackTrace().length()).isLessThanOrEqualTo(ThrownException.MAX_STACK_TRACE_LENGTH);
    assertThat(result.stderr().length())
        .isLessThanOrEqualTo(ThrownException.MAX_STACK_TRACE_LENGTH + 100);
  }

  @Test
  void threeHundredThousandNestedCausesEndTheRunAsAnException() {
    RunResult result =
        run(
            "",
            "Throwable t = new IllegalStateException(\"root\");"
                + " for (int i = 0; i < 300_000; i++) t = new RuntimeException(\"level \" + i, t);"
                + " throw t;");

    assertFailedWith(result, "java.lang.RuntimeException");
    ThrownException thrown = result.exception().orElseThrow();
    assertThat(thrown.message()).isEqualTo("level 299999");
    assertThat(thrown.stackTrace())
        .startsWith("java.lang.RuntimeException: level 299999\n\tat Hostile.main(Hostile.java:1)\n")
        .contains("Caused by: java.lang.RuntimeException: level 299998\n")
        .endsWith("... (more causes or suppressed exceptions not shown: at most 100 are described)\n");
    assertThat(result.stderr()).isEqualTo("Exception in thread \"main\" " + thrown.stackTrace());
  }

  @Test
  void aCauseChainWithoutEndIsCut() {
    RunResult result =
        run(
            "static class Endless extends RuntimeException {"
                + " @Override public synchronized Throwable getCause() { return new Endless(); } }",
            "throw new Endless();");

    assertFailedWith(result, "Hostile$Endless");
    assertThat(result.exception().orElseThrow().stackTrace())
        .contains("more causes or suppressed exceptions not shown");
  }

  @Test
  void cyclicCausesArePrintedOnceAsTheJdkDoes() {
    RunResult result =
        run(
            "",
            "Exception a = new Exception(\"a\"); Exception b = new Exception(\"b\", a);"
                + " a.initCause(b); throw a;");

    assertFailedWith(result, "java.lang.Exception");
    assertThat(result.exception().orElseThrow().stackTrace())
        .isEqualTo("java.lang.Exception: a\n\tat Hostile.main(Hostile.java:1)\n"
            + "Caused by: java.lang.Exception: b\n\t... 1 more\n"
            + "Caused by: [CIRCULAR REFERENCE: java.lang.Exception: a]\n");
  }

  @Test
  void aMillionSuppressedExceptionsAreCounted() {
    RunResult result =
        run(
            "",
            "RuntimeException top = new RuntimeException(\"top\");"
                + " RuntimeException each = new RuntimeException(\"each\");"
                + " for (int i = 0; i < 1_000_000; i++) top.addSuppressed(each);"
                + " throw top;");

    assertFailedWith(result, "java.lang.RuntimeException");
    assertThat(result.exception().orElseThrow().stackTrace())
        .contains("\tSuppressed: java.lang.RuntimeException: each\n")
        .endsWith("\tSuppressed: [CIRCULAR REFERENCE: java.lang.RuntimeException: each]\n"
            + "... (999900 more suppressed exceptions not shown)\n");
  }

  @Test
  void manyDistinctSuppressedExceptionsAreCut() {
    RunResult result =
        run(
            "",
            "RuntimeException top = new RuntimeException(\"top\");"
                + " for (int i = 0; i < 100_000; i++)"
                + "   top.addSuppressed(new IllegalStateException(\"number \" + i));"
                + " throw top;");

    assertFailedWith(result, "java.lang.RuntimeException");
    assertThat(result.exception().orElseThrow().stackTrace())
        .contains("\tSuppressed: java.lang.IllegalStateException: number 98\n")
        .doesNotContain("number 99\n")
        .endsWith("\t... (more causes or suppressed exceptions not shown: at most 100 are"
            + " described)\n");
  }

  @Test
  void aMessageThatLoopsForeverEndsAtTheTimeLimit() {
    RunResult result =
        run(
            Policy.builder().timeout(WALL).build(),
            "static class Loop extends RuntimeException {"
                + " @Override public String getMessage() { while (true) { } } }",
            "throw new Loop();");

    assertThat(result.status()).isEqualTo(RunStatus.TIMEOUT);
    assertThat(result.exitCode()).isEqualTo(124);
    assertThat(result.wallTime()).isLessThan(WALL.plus(TOLERANCE));
    assertThat(result.contained()).isTrue();
  }

  @Test
  void aMessageThatThrowsAnErrorLeavesTheRunFailed() {
    RunResult result =
        run(
            "static class Broken extends RuntimeException {"
                + " @Override public String getMessage() { throw new AssertionError(\"no\"); } }",
            "throw new Broken();");

    assertFailedWith(result, "Hostile$Broken");
    assertThat(result.exception().orElseThrow().message())
        .isEqualTo("[getMessage() threw java.lang.AssertionError]");
    assertThat(result.exception().orElseThrow().stackTrace())
        .startsWith("Hostile$Broken [toString() threw java.lang.AssertionError]\n"
            + "\tat Hostile.main(Hostile.java:1)\n");
  }

  @Test
  void aToStringThatRecursesLeavesTheRunFailed() {
    RunResult result =
        run(
            "static class Deep extends RuntimeException {"
                + " @Override public String toString() { return \"deep \" + toString(); } }",
            "throw new Deep();");

    assertFailedWith(result, "Hostile$Deep");
    assertThat(result.exception().orElseThrow().stackTrace())
        .startsWith("Hostile$Deep [toString() threw java.lang.StackOverflowError]\n");
  }

  @Test
  void anExitWhileTheFailureIsDescribedDoesNotTurnItIntoSuccess() {
    for (String exit : new String[] {"System.exit(0)", "Runtime.getRuntime().halt(0)"}) {
      RunResult result =
          run(
              "static class Liar extends RuntimeException {"
                  + " @Override public String getMessage() { " + exit + "; return \"ok\"; } }",
              "throw new Liar();");

      assertFailedWith(result, "Hostile$Liar");
      assertThat(result.exception().orElseThrow().stackTrace())
          .isEqualTo("Hostile$Liar\n... (the rest is not described: the run ended)\n");
    }
  }

  @Test
  void anExitInToStringDoesNotTurnTheFailureIntoSuccess() {
    RunResult result =
        run(
            "static class Liar extends RuntimeException {"
                + " @Override public String toString() { System.exit(0); return \"ok\"; } }",
            "throw new Liar();");

    assertFailedWith(result, "Hostile$Liar");
  }

  @Test
  void anExitByAnotherThreadAfterMainThrewIsTheProgramsAsInAJvm() {
    RunResult result =
        run(
            Policy.builder().threads(1).timeout(Duration.ofSeconds(30)).build(),
            "",
            "Thread exiter = new Thread(() -> { try { Thread.sleep(300); }"
                + " catch (InterruptedException e) { } System.exit(5); });"
                + " exiter.start(); throw new IllegalStateException(\"main failed\");");

    assertThat(result.status()).isEqualTo(RunStatus.EXITED);
    assertThat(result.exitCode()).isEqualTo(5);
  }

  @Test
  void theCellsOwnPrintStackTraceOfADeepChainIsBounded() {
    RunResult result =
        run(
            "",
            "Throwable t = new IllegalStateException(\"root\");"
                + " for (int i = 0; i < 300_000; i++) t = new RuntimeException(\"level\", t);"
                + " t.printStackTrace(); System.out.println(\"after\");");

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("after\n");
    assertThat(result.stderr())
        .hasSizeLessThanOrEqualTo(ThrownException.MAX_STACK_TRACE_LENGTH)
        .endsWith("... (more causes or suppressed exceptions not shown: at most 100 are described)\n");
  }

  @Test
  void anotherThreadsDeepChainIsPrintedBoundedAndTheRunGoesOn() {
    RunResult result =
        run(
            Policy.builder().threads(1).timeout(Duration.ofSeconds(30)).build(),
            "",
            "Thread worker = new Thread(() -> { Throwable t = new IllegalStateException(\"root\");"
                + " for (int i = 0; i < 300_000; i++) t = new RuntimeException(\"level\", t);"
                + " throw (RuntimeException) t; });"
                + " worker.start(); worker.join(); System.out.println(\"main goes on\");");

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("main goes on\n");
    assertThat(result.stderr())
        .startsWith("Exception in thread \"Thread-0\" java.lang.RuntimeException: level\n")
        .doesNotContain("org.rexec")
        .endsWith("... (more causes or suppressed exceptions not shown: at most 100 are described)\n");
  }

  @Test
  void aShutdownHooksDeepChainIsPrintedBounded() {
    RunResult result =
        run(
            "",
            "Runtime.getRuntime().addShutdownHook(new Thread(() -> {"
                + " Throwable t = new IllegalStateException(\"root\");"
                + " for (int i = 0; i < 300_000; i++) t = new RuntimeException(\"level\", t);"
                + " throw (RuntimeException) t; })); System.exit(3);");

    assertThat(result.status()).isEqualTo(RunStatus.EXITED);
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stderr())
        .startsWith("Exception in thread \"Thread-0\" java.lang.RuntimeException: level\n")
        .endsWith("... (more causes or suppressed exceptions not shown: at most 100 are described)\n");
  }

  @Test
  void aHugeMessageIsCutInTheResultAndOnStandardError() {
    RunResult result = run("", "throw new RuntimeException(\"m\".repeat(5_000_000));");

    assertFailedWith(result, "java.lang.RuntimeException");
    ThrownException thrown = result.exception().orElseThrow();
    assertThat(thrown.message())
        .hasSizeLessThanOrEqualTo(ThrownException.MAX_MESSAGE_LENGTH)
        .endsWith("m... (4990048 more characters)");
    assertThat(thrown.stackTrace()).contains("\tat Hostile.main(Hostile.java:1)\n");
  }

  @Test
  void handMadeFramesOfAnySizeAreCut() {
    RunResult result =
        run(
            "",
            "RuntimeException e = new RuntimeException(\"frames\");"
                + " StackTraceElement[] frames = new StackTraceElement[5000];"
                + " String name = \"C\".repeat(2_000_000);"
                + " for (int i = 0; i < frames.length; i++)"
                + "   frames[i] = new StackTraceElement(name, \"m\", \"F.java\", i);"
                + " e.setStackTrace(frames); throw e;");

    assertFailedWith(result, "java.lang.RuntimeException");
    String trace = result.exception().orElseThrow().stackTrace();
    assertThat(trace.lines().skip(1).limit(90))
        .allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(1_010));
    assertThat(trace).endsWith("... (the rest is not described: it would pass 100000 characters)\n");
  }

  @Test
  void anExceptionEndingAForkJoinWorkerIsPrintedOnTheCellsStandardError() {
    PrintStream hostErr = System.err;
    ByteArrayOutputStream seenByHost = new ByteArrayOutputStream();
    RunResult result;
    System.setErr(new PrintStream(seenByHost, true, StandardCharsets.UTF_8));
    try {
      result =
          run(
              Policy.builder().threads(2).timeout(Duration.ofSeconds(30)).build(),
              "",
              "java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(1);"
                  + " pool.execute(() -> { Throwable t = new IllegalStateException(\"root\");"
                  + "   for (int i = 0; i < 20_000; i++) t = new RuntimeException(\"level\", t);"
                  + "   throw new RuntimeException(\"from a worker\", t); });"
                  + " Thread.sleep(3000); System.out.println(\"main goes on\");");
    } finally {
      System.setErr(hostErr);
    }

    // The JVM's default handler printed it on the supervisor's own System.err, unbounded.
    assertThat(seenByHost.toString(StandardCharsets.UTF_8)).doesNotContain("from a worker");
    assertThat(result.stdout()).isEqualTo("main goes on\n");
    assertThat(result.stderr())
        .startsWith("Exception in thread \"ForkJoinPool-")
        .contains("java.lang.RuntimeException: from a worker\n")
        .endsWith("... (more causes or suppressed exceptions not shown: at most 100 are described)\n");
  }
}
