package org.rexec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code rexec run} says about a run or its failure: one JSON object for every outcome,
 * exit statuses as a shell sees them, exact output bytes, assertions as {@code java} has them.
 */
class CliResultsTest {

  @TempDir Path temp;

  private Path source(String name, String text) throws IOException {
    return Files.writeString(temp.resolve(name), text);
  }

  @Test
  void aCompileErrorIsOneObjectWithJavacsErrorsAsData() throws IOException {
    Path broken =
        source(
            "Broken.java",
            """
            public class Broken {
              public static void main(String[] a) {
                int x = "text";
                undefined();
              }
            }
            """);

    CliOutcome outcome = CliOutcome.rexec("run", "--json", broken.toString());

    assertThat(outcome.status()).isEqualTo(2);
    JsonNode json = outcome.onlyJsonObject();
    assertThat(json.get("status").asText()).isEqualTo("compile-error");
    assertThat(json.get("exitCode").asInt()).isEqualTo(2);
    assertThat(json.get("message").asText()).contains("incompatible types").endsWith("2 errors");
    JsonNode errors = json.get("compileErrors");
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0).get("file").asText()).isEqualTo(broken.toString());
    assertThat(errors.get(0).get("line").asLong()).isEqualTo(3);
    assertThat(errors.get(0).get("column").asLong()).isEqualTo(13);
    assertThat(errors.get(0).get("message").asText())
        .isEqualTo("incompatible types: java.lang.String cannot be converted to int");
    assertThat(errors.get(1).get("line").asLong()).isEqualTo(4);
    assertThat(errors.get(1).get("column").asLong()).isEqualTo(5);
    assertThat(errors.get(1).get("message").asText()).startsWith("cannot find symbol");
  }

  @Test
  void aConstantThatWouldFoldTooLongIsACompileErrorAsData() throws IOException {
    StringBuilder text = new StringBuilder("class Bomb {\n  static final String A0 = \"xxxxxxxxxxxxxxxx\";\n");
    for (int i = 1; i <= 33; i++) {
      text.append("  static final String A").append(i).append(" = A").append(i - 1)
          .append(" + A").append(i - 1).append(";\n");
    }
    Path bomb =
        source("Bomb.java",
            text.append("  public static void main(String[] a) { System.out.println(A33); }\n}\n")
                .toString());

    CliOutcome outcome = CliOutcome.rexec("run", "--json", bomb.toString());

    assertThat(outcome.status()).isEqualTo(2);
    JsonNode json = outcome.onlyJsonObject();
    assertThat(json.get("status").asText()).isEqualTo("compile-error");
    JsonNode errors = json.get("compileErrors");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get("file").asText()).isEqualTo(bomb.toString());
    assertThat(errors.get(0).get("line").asLong()).isEqualTo(12);
    assertThat(errors.get(0).get("message").asText())
        .startsWith("constant string too long (rexec refuses");
  }

  @Test
  void badUsageIsOneObjectWhereverJsonIsAmongTheOptions() {
    CliOutcome unknownAfter = CliOutcome.rexec("run", "--no-such-flag", "--json", "X.java");
    CliOutcome badValueBefore = CliOutcome.rexec("run", "--threads=many", "--json", "X.java");
    CliOutcome valueSeparate = CliOutcome.rexec("run", "--main", "Foo", "--bogus", "--json", "X.java");
    CliOutcome noTarget = CliOutcome.rexec("run", "--json");
    CliOutcome badLimit = CliOutcome.rexec("run", "--json", "--threads=-1", "X.java");

    for (CliOutcome outcome : new CliOutcome[] {unknownAfter, badValueBefore, valueSeparate, noTarget, badLimit}) {
      assertThat(outcome.status()).isEqualTo(2);
      JsonNode json = outcome.onlyJsonObject();
      assertThat(json.get("status").asText()).isEqualTo("usage-error");
      assertThat(json.get("exitCode").asInt()).isEqualTo(2);
      assertThat(json.get("compileErrors")).isEmpty();
      assertThat(outcome.err()).isEmpty();
    }
    assertThat(unknownAfter.onlyJsonObject().get("message").asText())
        .isEqualTo("Unknown option: '--no-such-flag'");
    assertThat(badValueBefore.onlyJsonObject().get("message").asText())
        .isEqualTo("Invalid value for option '--threads': 'many' is not an int");
    assertThat(badLimit.onlyJsonObject().get("message").asText())
        .isEqualTo("--threads: must be 0 or more, was -1");
  }

  @Test
  void jsonAfterTheTargetIsTheProgramsArgument() throws IOException {
    Path echo = source("Echo.java",
        "public class Echo { public static void main(String[] a) { System.out.print(a[0]); } }");

    CliOutcome outcome = CliOutcome.rexec("run", echo.toString(), "--json");

    assertThat(outcome.status()).isZero();
    assertThat(outcome.outText()).isEqualTo("--json");
  }

  @Test
  void inputThatIsNoProgramIsOneObject() throws IOException {
    Path missing = temp.resolve("Missing.java");
    Path textJar = Files.writeString(temp.resolve("app.jar"), "not a zip");

    for (Path target : new Path[] {missing, textJar}) {
      CliOutcome outcome = CliOutcome.rexec("run", "--json", target.toString());

      assertThat(outcome.status()).isEqualTo(2);
      JsonNode json = outcome.onlyJsonObject();
      assertThat(json.get("status").asText()).isEqualTo("error");
      assertThat(json.get("message").asText()).startsWith(
          target == missing ? "no such file or directory: " : textJar + ": not a jar");
    }
  }

  @Test
  void rexecsOwnFailureIsOneObjectToo() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status =
        FailureReport.ofException(
            new IllegalStateException("a bug"), true, false,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(125);
    JsonNode json = new ObjectMapper().readTree(out.toByteArray());
    assertThat(json.get("status").asText()).isEqualTo("internal-error");
    assertThat(json.get("exitCode").asInt()).isEqualTo(125);
    assertThat(json.get("message").asText())
        .isEqualTo("internal error: java.lang.IllegalStateException: a bug");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void exitStatusIsWhatAShellSeesAndJsonAgrees() throws IOException {
    for (int code : new int[] {-1, 256, 300, 3}) {
      Path quit = source("Quit.java",
          "public class Quit { public static void main(String[] a) { System.exit(" + code + "); } }");

      CliOutcome text = CliOutcome.rexec("run", quit.toString());
      CliOutcome json = CliOutcome.rexec("run", "--json", quit.toString());

      int shell = code & 0xFF; // java Quit.java; echo $? prints this
      assertThat(text.status()).isEqualTo(shell);
      assertThat(json.status()).isEqualTo(shell);
      assertThat(json.onlyJsonObject().get("exitCode").asInt()).isEqualTo(shell);
      assertThat(json.onlyJsonObject().get("status").asText()).isEqualTo("exited");
    }
  }

  @Test
  void outputThatIsNotUtf8SurvivesExactlyInBase64() throws IOException {
    Path binary =
        source(
            "Binary.java",
            """
            public class Binary {
              public static void main(String[] a) throws Exception {
                byte[] all = new byte[128];
                for (int i = 0; i < 128; i++) all[i] = (byte) (0x80 + i);
                System.out.write(all);
                System.out.flush();
                System.err.print("plain é\\n");
              }
            }
            """);
    byte[] expected = new byte[128];
    for (int i = 0; i < 128; i++) {
      expected[i] = (byte) (0x80 + i);
    }

    CliOutcome outcome = CliOutcome.rexec("run", "--json", binary.toString());

    assertThat(outcome.status()).isZero();
    JsonNode json = outcome.onlyJsonObject();
    assertThat(Base64.getDecoder().decode(json.get("stdoutBase64").asText())).isEqualTo(expected);
    assertThat(json.get("stdout").asText()).isEqualTo("\uFFFD".repeat(128));
    // Valid UTF-8 written whole: the text is exact, and no base64 is given.
    assertThat(json.get("stderr").asText()).isEqualTo("plain é\n");
    assertThat(json.get("stderrBase64").isNull()).isTrue();
  }

  @Test
  void outputCutInTheJsonComesWholeInBase64() throws IOException {
    Path zeros =
        source(
            "Zeros.java",
            """
            public class Zeros {
              public static void main(String[] a) throws Exception {
                System.out.write(new byte[1000]);
                System.out.flush();
              }
            }
            """);

    CliOutcome outcome = CliOutcome.rexec("run", "--json", "--output=1k", zeros.toString());

    // Each NUL takes 6 bytes of JSON as \\u0000: the text is cut, the bytes are not.
    JsonNode json = outcome.onlyJsonObject();
    assertThat(json.get("outputTruncated").asBoolean()).isTrue();
    assertThat(json.get("stdout").asText()).endsWith(" more characters)");
    assertThat(Base64.getDecoder().decode(json.get("stdoutBase64").asText()))
        .isEqualTo(new byte[1000]);
  }

  @Test
  void theThreadLimitNamesItsOption() throws IOException {
    Path spawn = source("Spawn.java",
        "public class Spawn { public static void main(String[] a) throws Exception {"
            + " Thread t = new Thread(() -> {}); t.start(); t.join(); } }");

    CliOutcome text = CliOutcome.rexec("run", spawn.toString());
    CliOutcome json = CliOutcome.rexec("run", "--json", "--threads=0", spawn.toString());

    assertThat(text.status()).isEqualTo(121);
    assertThat(text.err())
        .isEqualTo("rexec: the program had more than 0 thread(s) alive at once"
            + " (thread limit: --threads)\n");
    assertThat(json.onlyJsonObject().get("message").asText())
        .isEqualTo("the program had more than 0 thread(s) alive at once (thread limit: --threads)");
  }

  @Test
  void textModeSaysWhenContainmentFailed() throws IOException {
    Path stuck =
        source(
            "Stuck.java",
            """
            public class Stuck {
              static final Object A = new Object(), B = new Object();
              public static void main(String[] args) throws Exception {
                synchronized (A) {
                  Thread t = new Thread(() -> { synchronized (B) { synchronized (A) { } } }, "left");
                  t.start();
                  Thread.sleep(100);
                  synchronized (B) { }
                }
              }
            }
            """);

    CliOutcome outcome = CliOutcome.rexec("run", "--threads=1", "--timeout=1s", stuck.toString());

    assertThat(outcome.status()).isEqualTo(124);
    assertThat(outcome.err())
        .startsWith("rexec: the run took longer than 1s (wall time limit)\n")
        .contains("rexec: containment failed: threads of the program still alive after the run: ")
        .contains("left (BLOCKED)")
        .endsWith("\n");
  }

  @Test
  void assertionsAreOffByDefaultAndOnWithEa() throws IOException {
    Path asserting =
        source(
            "Asserting.java",
            """
            public class Asserting {
              public static void main(String[] args) {
                assert args.length > 5 : "too few: " + args.length;
                System.out.println("passed");
              }
            }
            """);

    CliOutcome off = CliOutcome.rexec("run", asserting.toString());
    CliOutcome on = CliOutcome.rexec("run", "-ea", asserting.toString());
    CliOutcome onLong = CliOutcome.rexec("run", "--enable-assertions", asserting.toString());

    assertThat(off.status()).isZero();
    assertThat(off.outText()).isEqualTo("passed\n");
    for (CliOutcome enabled : new CliOutcome[] {on, onLong}) {
      assertThat(enabled.status()).isEqualTo(1);
      assertThat(enabled.outText()).isEmpty();
      assertThat(enabled.err())
          .isEqualTo("Exception in thread \"main\" java.lang.AssertionError: too few: 0\n"
              + "\tat Asserting.main(Asserting.java:3)\n");
    }
  }
}
