package org.rexec;

import org.rexec.cell.RunOutcome;
import org.rexec.runtime.StopReason;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.objectweb.asm.Opcodes;

/**
 * Programs that make their result as large as they can: every string of a result that a
 * program chooses is cut to its documented bound, with a visible note, and the number of
 * violations listed is bounded, the rest counted.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class ResultBoundsTest {

  private static final String HUGE = "\"\\u0001\".repeat(2_000_000)";

  private static RunResult run(Policy policy, String body) {
    return Programs.run(
        policy,
        "Hostile.java",
        "public class Hostile { public static void main(String[] args) throws Throwable { "
            + body
            + " } }");
  }

  private static RunResult run(String body) {
    return run(Policy.builder().timeout(Duration.ofSeconds(30)).build(), body);
  }

  @Test
  void violationsNamingHugePathsAreCut() {
    RunResult result =
        run("String big = " + HUGE + "; for (int i = 0; i < 20; i++) {"
            + " try { new java.io.FileInputStream(\"/etc/\" + big + i); }"
            + " catch (java.io.IOException e) { } }");

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.violations()).hasSize(20);
    for (Violation violation : result.violations()) {
      assertThat(violation.detail())
          .hasSizeLessThanOrEqualTo(Violation.MAX_FIELD_LENGTH)
          .startsWith("/etc/\u0001")
          .matches("(?s).*\u0001\\.\\.\\. \\(\\d{7} more characters\\)");
      assertThat(violation.message()).hasSizeLessThan(Violation.MAX_FIELD_LENGTH + 100);
    }
  }

  @Test
  void violationsPastTheListAreCounted() {
    RunResult result =
        run("for (int i = 0; i < 5000; i++) {"
            + " try { new java.io.FileInputStream(\"/etc/passwd\"); }"
            + " catch (java.io.IOException e) { } }");

    assertThat(result.violations()).hasSize(RunResult.MAX_VIOLATIONS);
    assertThat(result.droppedViolations()).isEqualTo(5000 - RunResult.MAX_VIOLATIONS);
    assertThat(result.toString()).contains("violations=5000");
  }

  @Test
  void strictModeListsAtMostTheBoundAndCountsAll() {
    StringBuilder calls = new StringBuilder();
    for (int i = 0; i < 1200; i++) {
      calls.append("Thread.getAllStackTraces();\n");
    }
    RunResult result =
        Programs.run(
            Policy.builder().strict(true).build(),
            "Hostile.java",
            "public class Hostile { public static void main(String[] args) {\n" + calls + "} }");

    assertThat(result.status()).isEqualTo(RunStatus.REJECTED);
    assertThat(result.message()).hasValue("1200 violation(s) in strict mode; nothing ran");
    assertThat(result.violations()).hasSize(RunResult.MAX_VIOLATIONS);
    assertThat(result.droppedViolations()).isEqualTo(200);
  }

  @Test
  void aViolationPrintsOnOneLineWhateverThePathHolds() {
    RunResult result =
        run("try { new java.io.FileInputStream(\"/etc/x\\nrexec: status completed\\u001b[2J\"); }"
            + " catch (java.io.IOException e) { }");

    Violation violation = result.violations().get(0);
    assertThat(violation.detail()).isEqualTo("/etc/x\nrexec: status completed\u001b[2J");
    assertThat(violation.toString())
        .isEqualTo("Hostile.main:1: reading /etc/x\\nrexec: status completed\\u001b[2J is not"
            + " allowed in this cell (rule: file-read)");
  }

  @Test
  void aThrownOutOfMemoryErrorCannotWriteTheStopMessage() {
    // Made with a branch inside the new, which the rewriter does not mark as the program's: it
    // counts as the JVM's, whose message the stop repeats.
    RunResult result =
        run("throw new OutOfMemoryError(args.length == 0 ? " + HUGE
            + " + \"\\nrexec: forged line\" : \"\");");

    assertThat(result.status()).isEqualTo(RunStatus.MEMORY_LIMIT);
    assertThat(result.message().orElseThrow())
        .startsWith("the program ran out of memory: \\u0001")
        .hasSizeLessThanOrEqualTo(RunResult.MAX_MESSAGE_LENGTH)
        .doesNotContain("\n", "\u0001", "forged");
  }

  @Test
  void survivorsNamedByTheProgramAreCut() {
    RunResult result =
        run(
            Policy.builder().threads(2).timeout(Duration.ofMillis(800)).build(),
            "Object a = new Object(); Object b = new Object();"
                + " String name = \"n\\n\".repeat(1_000_000);"
                + " java.util.concurrent.CountDownLatch both = new java.util.concurrent.CountDownLatch(2);"
                + " Runnable ab = () -> { synchronized (a) { both.countDown();"
                + "   try { both.await(); } catch (InterruptedException e) { } synchronized (b) { } } };"
                + " Runnable ba = () -> { synchronized (b) { both.countDown();"
                + "   try { both.await(); } catch (InterruptedException e) { } synchronized (a) { } } };"
                + " new Thread(ab, name).start(); new Thread(ba, name).start();");

    assertThat(result.status()).isEqualTo(RunStatus.TIMEOUT);
    List<String> survivors = result.survivors();
    assertThat(survivors).hasSize(2);
    for (String survivor : survivors) {
      assertThat(survivor)
          .hasSizeLessThanOrEqualTo(RunResult.MAX_MESSAGE_LENGTH)
          .startsWith("n\\nn\\n")
          .endsWith("more characters) (BLOCKED)")
          .doesNotContain("\n");
    }
  }

  @Test
  void aResultListsAtMostTheBoundOfSurvivors() {
    List<String> many = new java.util.ArrayList<>();
    for (int i = 0; i < 250; i++) {
      many.add("Thread-" + i + " (BLOCKED)");
    }

    RunResult result =
        new RunResult(
            RunOutcome.stopped(StopReason.KILLED, "killed").threads(0, 250, many));

    assertThat(result.survivors()).hasSize(RunResult.MAX_SURVIVORS + 1);
    assertThat(result.survivors().get(RunResult.MAX_SURVIVORS)).isEqualTo("... (150 more threads)");
    assertThat(result.contained()).isFalse();
  }

  @Test
  void aRefusedReferenceWithHugeNamesIsGuardedWithABoundedSite() {
    String className = "p/" + "C".repeat(40_000);
    String member = "m".repeat(40_000);
    byte[] classFile =
        Programs.mainClass(
            className,
            main -> {
              main.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Thread", member, "()V", false);
              main.visitInsn(Opcodes.RETURN);
            });

    RunResult result;
    List<Violation> checked;
    try (Cell cell = Cell.create(Policy.defaults())) {
      String main = cell.loadClassFile(classFile);
      checked = cell.check();
      result = cell.run(main);
    }

    // The site planted beside the guard is bounded, so it fits a constant of the class file.
    assertThat(result.status()).isEqualTo(RunStatus.EXCEPTION);
    assertThat(result.exception().orElseThrow().type()).isEqualTo("java.lang.SecurityException");
    assertThat(result.exception().orElseThrow().message())
        .hasSizeLessThan(2 * Violation.MAX_FIELD_LENGTH)
        .startsWith("calling java.lang.Thread.mmm");
    assertThat(checked).hasSize(1);
    assertThat(checked.get(0).detail()).hasSizeLessThanOrEqualTo(Violation.MAX_FIELD_LENGTH);
    assertThat(checked.get(0).className()).hasSizeLessThanOrEqualTo(Violation.MAX_FIELD_LENGTH);
  }

  @Test
  void shutdownHooksAreThreadsAndCountAsSuch() {
    String register =
        "for (int i = 0; i < Integer.parseInt(args[0]); i++)"
            + " Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.print(\"h\")));"
            + " System.exit(3);";
    Policy policy = Policy.builder().timeout(Duration.ofSeconds(30)).build();
    RunResult sixteen;
    RunResult thousands;
    try (Cell cell = Cell.create(policy)) {
      sixteen = cell.run(cell.loadSource("Hostile.java",
          "public class Hostile { public static void main(String[] args) { " + register + " } }"),
          "16");
    }
    try (Cell cell = Cell.create(policy)) {
      thousands = cell.run(cell.loadSource("Hostile.java",
          "public class Hostile { public static void main(String[] args) { " + register + " } }"),
          "3000");
    }

    assertThat(sixteen.status()).isEqualTo(RunStatus.EXITED);
    assertThat(sixteen.stdout()).isEqualTo("h".repeat(16));
    // Each hook was a thread the supervisor started: thousands of them, whatever the limit.
    assertThat(thousands.status()).isEqualTo(RunStatus.THREAD_LIMIT);
    assertThat(thousands.message())
        .hasValue("the program registered more than 16 shutdown hooks (thread limit: Policy.Builder.threads)");
    assertThat(thousands.stdout()).isEmpty();
    assertThat(thousands.peakThreads()).isEqualTo(1);
  }

  @Test
  void aClassWithThousandsOfRefusedReferencesIsRejectedWhole() {
    StringBuilder calls = new StringBuilder();
    for (int i = 0; i < 2_500; i++) {
      calls.append("Thread.getAllStackTraces();\n");
    }
    String twoMethods =
        "public class Hostile {\n"
            + " static void first() {\n" + calls + "}\n"
            + " static void second() {\n" + calls + "}\n"
            + " public static void main(String[] args) { first(); second(); } }";

    RunResult result = Programs.run("Hostile.java", twoMethods);

    assertThat(result.status()).isEqualTo(RunStatus.REJECTED);
    assertThat(result.message().orElseThrow())
        .contains("more than 4096 refused references in one class");
  }
}
