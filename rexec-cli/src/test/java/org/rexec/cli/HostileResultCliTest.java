package org.rexec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Programs that use their result as a weapon against the rexec command: its size, the time the
 * command takes to print it, its lines, and its exit status stay the supervisor's.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class HostileResultCliTest {

  /**
   * The command's own time beyond the run's limit, at most: compiling the program in a JVM
   * that may not have compiled one yet, on a shared 2-core machine, and the grace for threads.
   */
  private static final Duration OVERHEAD = Duration.ofSeconds(8);

  @TempDir Path temp;

  /** What one invocation printed, returned and took. */
  record Outcome(int status, byte[] out, String err, Duration took) {
    String outText() {
      return new String(out, StandardCharsets.UTF_8);
    }

    JsonNode json() throws IOException {
      return new ObjectMapper().readTree(out);
    }
  }

  private Outcome rexec(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long start = System.nanoTime();
    int status =
        Main.execute(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new Outcome(
        status,
        out.toByteArray(),
        err.toString(StandardCharsets.UTF_8),
        Duration.ofNanos(System.nanoTime() - start));
  }

  private Path program(String declarations, String body) throws IOException {
    return Files.writeString(
        temp.resolve("Hostile.java"),
        "public class Hostile { "
            + declarations
            + " public static void main(String[] args) throws Throwable { "
            + body
            + " } }");
  }

  @Test
  void violationsNamingHugeStringsGiveASmallJsonQuickly() throws IOException {
    Path hostile =
        program("", "String big = \"\\u0001\".repeat(2_000_000);"
            + " for (int i = 0; i < 20; i++) {"
            + " try { new java.io.FileInputStream(\"/etc/\" + big + i); }"
            + " catch (java.io.IOException e) { } }");

    Outcome outcome = rexec("run", "--json", "--timeout=2s", hostile.toString());

    assertThat(outcome.status()).isEqualTo(0);
    assertThat(outcome.took()).isLessThan(Duration.ofSeconds(2).plus(OVERHEAD));
    // 20 violations, each field at most its bound in JSON: far from the 480 MB it was.
    assertThat(outcome.out().length).isLessThan(20 * 6 * 1_100 + 1_000);
    JsonNode violations = outcome.json().get("violations");
    assertThat(violations).hasSize(20);
    assertThat(violations.get(0).get("detail").asText()).startsWith("/etc/\u0001\u0001");
    assertThat(outcome.json().get("violationsDropped").asLong()).isZero();
  }

  @Test
  void outputThatNeedsEscapingTakesNoMoreThanTheOutputLimitInJson() throws IOException {
    Path hostile =
        program("", "byte[] zeros = new byte[1 << 20];"
            + " for (int i = 0; i < 2; i++) { System.out.write(zeros); System.err.write(zeros); }"
            + " System.out.flush(); System.err.flush();");

    Outcome outcome = rexec("run", "--json", "--output=4m", hostile.toString());

    // 4 MiB of NUL bytes were 25 MB of JSON; the output limit now holds in JSON too, and the
    // exact bytes beside the cut text take 4/3 of them in base64, no more.
    assertThat((long) outcome.out().length)
        .isLessThanOrEqualTo((4 << 20) + OutputBytes.maxBase64Length(4 << 20) + 1_000);
    JsonNode json = outcome.json();
    assertThat(json.get("status").asText()).isEqualTo("completed");
    assertThat(json.get("outputTruncated").asBoolean()).isTrue();
    assertThat(json.get("stdout").asText()).startsWith("\0\0\0").endsWith(" more characters)");
    assertThat(json.get("stderr").asText()).endsWith(" more characters)");
    byte[] stdout = java.util.Base64.getDecoder().decode(json.get("stdoutBase64").asText());
    byte[] stderr = java.util.Base64.getDecoder().decode(json.get("stderrBase64").asText());
    assertThat(stdout.length + stderr.length).isEqualTo(4 << 20);
    assertThat(stdout).containsOnly(0);
  }

  @Test
  void multiByteCharactersCountInBytes() throws IOException {
    Path hostile =
        program("", "String euros = \"\\u20ac\".repeat(200_000);"
            + " System.out.print(euros); System.out.print(\"\\0\".repeat(100_000));");

    Outcome outcome = rexec("run", "--json", "--output=1m", hostile.toString());

    assertThat((long) outcome.out().length)
        .isLessThanOrEqualTo((1 << 20) + OutputBytes.maxBase64Length(1 << 20) + 1_000);
    assertThat(outcome.json().get("stdout").asText()).startsWith("\u20ac\u20ac");
  }

  @Test
  void anExceptionWithADeepCauseChainFailsTheRun() throws IOException {
    Path hostile =
        program("", "Throwable t = new IllegalStateException(\"root\");"
            + " for (int i = 0; i < 300_000; i++) t = new RuntimeException(\"level\", t);"
            + " throw t;");

    Outcome text = rexec("run", "--timeout=5s", hostile.toString());
    Outcome json = rexec("run", "--json", "--timeout=5s", hostile.toString());

    assertThat(text.status()).isEqualTo(1);
    assertThat(text.err())
        .startsWith("Exception in thread \"main\" java.lang.RuntimeException: level\n")
        .hasSizeLessThanOrEqualTo(100_100);
    assertThat(json.status()).isEqualTo(1);
    assertThat(json.json().get("status").asText()).isEqualTo("exception");
    assertThat(json.json().get("exception").get("stackTrace").asText())
        .endsWith("(more causes or suppressed exceptions not shown: at most 100 are described)\n");
  }

  @Test
  void anExitInGetMessageDoesNotTurnTheFailureIntoSuccess() throws IOException {
    Path hostile =
        program(
            "static class Liar extends RuntimeException {"
                + " @Override public String getMessage() { System.exit(0); return \"\"; } }",
            "throw new Liar();");

    assertThat(rexec("run", hostile.toString()).status()).isEqualTo(1);
    assertThat(rexec("run", "--json", hostile.toString()).json().get("status").asText())
        .isEqualTo("exception");
  }

  @Test
  void aGetMessageThatLoopsForeverEndsAtTheTimeLimit() throws IOException {
    Path hostile =
        program(
            "static class Loop extends RuntimeException {"
                + " @Override public String getMessage() { while (true) { } } }",
            "throw new Loop();");

    Outcome outcome = rexec("run", "--json", "--timeout=1s", hostile.toString());

    assertThat(outcome.status()).isEqualTo(124);
    assertThat(outcome.took()).isLessThan(Duration.ofSeconds(1).plus(OVERHEAD));
  }

  @Test
  void aRefusedPathCannotForgeLinesOfRexec() throws IOException {
    Path hostile =
        // An absolute path outside every grant: a relative one would depend on where the tests
        // run (under /tmp it would name the cell's own scratch directory).
        program(
            "",
            "try { new java.io.FileInputStream(\"/etc/x\\nrexec: all tests passed\\u001b[2J\"); }"
            + " catch (java.io.IOException e) { }");

    Outcome outcome = rexec("run", hostile.toString());

    assertThat(outcome.err().lines()).hasSize(1);
    assertThat(outcome.err()).startsWith("rexec: refused: Hostile.main:1: ").doesNotContain("\u001b");
  }

  @Test
  void refusalsPastTheListAreCountedInTextAndJson() throws IOException {
    Path hostile =
        program("", "for (int i = 0; i < 1500; i++) {"
            + " try { new java.io.FileInputStream(\"/etc/passwd\"); }"
            + " catch (java.io.IOException e) { } }");

    Outcome text = rexec("run", hostile.toString());
    Outcome json = rexec("run", "--json", hostile.toString());

    assertThat(text.err().lines()).hasSize(1001);
    assertThat(text.err()).endsWith("rexec: refused 500 more time(s), not listed\n");
    assertThat(json.json().get("violations")).hasSize(1000);
    assertThat(json.json().get("violationsDropped").asLong()).isEqualTo(500);
  }

  @Test
  void compileErrorsQuotingALongLineAreBounded() throws IOException {
    StringBuilder line = new StringBuilder("class Hostile {");
    for (int i = 0; i < 150; i++) {
      line.append(" int x").append(i).append(" = ;");
    }
    line.append(" /*").append("x".repeat(200_000)).append("*/ }\n");
    Path hostile = Files.writeString(temp.resolve("Hostile.java"), line);

    Outcome outcome = rexec("run", hostile.toString());

    // javac quotes the 200 KB line in each of its 100 errors: 20 MB, it was.
    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.err()).hasSizeLessThan(25_000).endsWith(" more not shown)\n100 errors\n");
  }

  @Test
  void everythingAtOnceStaysWithinTheDocumentedSize() throws IOException {
    String className = "H" + "h".repeat(1_500);
    String methodName = "m".repeat(1_500);
    Path hostile =
        Files.writeString(
            temp.resolve("Hostile.java"),
            "class " + className + " {\n"
                + " static void " + methodName + "(int i) throws Exception {\n"
                + "   try { new java.io.FileInputStream(\"/etc/\" + \"\\u0001\".repeat(3000) + i); }"
                + "   catch (java.io.IOException e) { } }\n"
                + " public static void main(String[] args) throws Exception {\n"
                + "   for (int i = 0; i < 1500; i++) " + methodName + "(i);\n"
                + "   System.out.write(new byte[(1 << 20) - 4096]); System.out.flush();\n"
                + "   Throwable t = new IllegalStateException(\"\\u0001\".repeat(20_000));\n"
                + "   for (int i = 0; i < 300; i++) t = new RuntimeException(\"\\u0002\".repeat(20_000), t);\n"
                + "   throw (RuntimeException) t; } }\n");

    Outcome outcome = rexec("run", "--json", "--output=1m", hostile.toString());

    assertThat((long) outcome.out().length)
        .isLessThanOrEqualTo(ResultJson.maxSize(1 << 20));
    JsonNode json = outcome.json();
    assertThat(json.get("violations")).hasSize(1000);
    assertThat(json.get("violationsDropped").asLong()).isEqualTo(500);
    assertThat(json.get("violations").get(0).get("class").asText()).endsWith(" more characters)");
  }
}
