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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rexec command as a user sees it: exit statuses, output, errors, JSON. */
class CliTest {

  @TempDir Path temp;

  /** What one invocation printed and returned. */
  record Outcome(int status, String out, String err) {}

  private Outcome rexecWithInput(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.execute(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new Outcome(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Outcome rexec(String... args) {
    return rexecWithInput("", args);
  }

  private Path source(String name, String text) throws IOException {
    return Files.writeString(temp.resolve(name), text);
  }

  @Test
  void runsASourceProgramWithItsArgumentsAndInput() throws IOException {
    Path hello =
        source(
            "Hello.java",
            """
            import java.util.Scanner;
            public class Hello {
              public static void main(String[] args) {
                System.out.println("hello " + String.join(",", args) + " "
                    + new Scanner(System.in).nextLine());
              }
            }
            """);

    Outcome outcome = rexecWithInput("from stdin\n", "run", hello.toString(), "a", "--b");

    assertThat(outcome).isEqualTo(new Outcome(0, "hello a,--b from stdin\n", ""));
  }

  @Test
  void exitsWithTheProgramsOwnStatus() throws IOException {
    Path quit = source("Quit.java",
        "public class Quit { public static void main(String[] a) { System.exit(7); } }");

    assertThat(rexec("run", quit.toString()).status()).isEqualTo(7);
  }

  @Test
  void anUncaughtExceptionExitsWithOneAndPrintsItAsJavaDoes() throws IOException {
    Path boom = source("Boom.java", """
        public class Boom {
          public static void main(String[] a) {
            throw new IllegalStateException("boom");
          }
        }
        """);

    Outcome outcome = rexec("run", boom.toString());

    assertThat(outcome.status()).isEqualTo(1);
    assertThat(outcome.err())
        .isEqualTo(
            "Exception in thread \"main\" java.lang.IllegalStateException: boom\n"
                + "\tat Boom.main(Boom.java:3)\n");
  }

  @Test
  void refusedOperationsAreReportedAfterTheProgramsOutput() throws IOException {
    Path evil = source("Evil.java", """
        public class Evil {
          public static void main(String[] a) {
            try { Runtime.getRuntime().exec("id"); } catch (Exception e) { System.out.println("no"); }
          }
        }
        """);

    Outcome outcome = rexec("run", evil.toString());

    assertThat(outcome.status()).isEqualTo(0);
    assertThat(outcome.out()).isEqualTo("no\n");
    assertThat(outcome.err())
        .isEqualTo("rexec: refused: Evil.main:3: running id is not allowed in this cell"
            + " (rule: processes)\n");
  }

  @Test
  void jsonIsOneParsableObjectWhateverTheProgramPrinted() throws IOException {
    Path nasty =
        source(
            "Nasty.java",
            """
            public class Nasty {
              public static void main(String[] a) throws Exception {
                System.out.print("quote\\" backslash\\\\ tab\\t nul\\0 bell\\7 esc\\u001b line\\u2028 é 😀\\n");
                System.out.write(new byte[] {(byte) 0xff, (byte) 0xc3, 0x28});
                System.err.println("}{\\"injected\\": true}");
                Nasty.class.getDeclaredMethods();
              }
            }
            """);

    Outcome outcome = rexec("run", "--json", nasty.toString());

    assertThat(outcome.status()).isEqualTo(1);
    assertThat(outcome.err()).isEmpty();
    assertThat(outcome.out().strip().lines()).hasSize(1);
    JsonNode json = new ObjectMapper().readTree(outcome.out());
    assertThat(json.get("status").asText()).isEqualTo("exception");
    assertThat(json.get("exitCode").asInt()).isEqualTo(1);
    assertThat(json.get("stdout").asText())
        .startsWith("quote\" backslash\\ tab\t nul\0 bell\7 esc\u001b line\u2028 é 😀\n");
    assertThat(json.get("stderr").asText()).startsWith("}{\"injected\": true}\n");
    assertThat(json.get("exception").get("type").asText()).isEqualTo("java.lang.SecurityException");
    assertThat(json.get("exception").get("message").asText()).contains("getDeclaredMethods");
    assertThat(json.get("violations")).hasSize(1);
    JsonNode violation = json.get("violations").get(0);
    assertThat(violation.get("operation").asText()).isEqualTo("call");
    assertThat(violation.get("detail").asText())
        .isEqualTo("java.lang.Class.getDeclaredMethods()");
    assertThat(violation.get("rule").asText()).isEqualTo("allow-list");
    assertThat(violation.get("line").asInt()).isEqualTo(6);
    assertThat(json.get("wallMillis").isIntegralNumber()).isTrue();
    assertThat(json.get("cpuMillis").isIntegralNumber()).isTrue();
  }

  @Test
  void strictModeRejectsWithItsOwnStatus() throws IOException {
    Path evil = source("Evil.java", """
        public class Evil {
          public static void main(String[] a) throws Exception {
            System.out.println("ran");
            if (a.length > 0) Evil.class.getDeclaredMethods();
          }
        }
        """);

    Outcome outcome = rexec("run", "--strict", evil.toString());

    assertThat(outcome.status()).isEqualTo(126);
    assertThat(outcome.out()).isEmpty();
    assertThat(outcome.err())
        .isEqualTo(
            "rexec: 1 violation(s) in strict mode; nothing ran\n"
                + "rexec: refused: Evil.main:4: calling java.lang.Class.getDeclaredMethods()"
                + " is not allowed in this cell (rule: allow-list)\n");
  }

  @Test
  void grantedEnvironmentVariablesAreVisible() throws IOException {
    Path env = source("Env.java", """
        public class Env {
          public static void main(String[] a) {
            System.out.println(System.getenv("PATH") != null);
            System.out.println(System.getenv("HOME") != null);
          }
        }
        """);

    assertThat(rexec("run", env.toString()).out()).isEqualTo("false\nfalse\n");
    assertThat(rexec("run", "--allow-env=PATH", env.toString()).out()).isEqualTo("true\nfalse\n");
    assertThat(rexec("run", "--allow-env", "PATH,HOME", env.toString()).out())
        .isEqualTo("true\ntrue\n");
  }

  @Test
  void checkListsViolationsAndExitsWithOne() throws IOException {
    Path evil = source("Evil.java", """
        public class Evil {
          public static void main(String[] a) throws Exception {
            Evil.class.getDeclaredMethods();
            Thread.getAllStackTraces();
          }
        }
        """);
    Path clean = source("Clean.java",
        "public class Clean { public static void main(String[] a) { System.out.println(1); } }");

    Outcome dirty = rexec("check", evil.toString());
    Outcome fine = rexec("check", clean.toString());

    assertThat(dirty.status()).isEqualTo(1);
    assertThat(dirty.out().lines())
        .containsExactly(
            "Evil.main:3: calling java.lang.Class.getDeclaredMethods() is not allowed in this"
                + " cell (rule: allow-list)",
            "Evil.main:4: calling java.lang.Thread.getAllStackTraces() is not allowed in this"
                + " cell (rule: allow-list)");
    assertThat(fine).isEqualTo(new Outcome(0, "", ""));
  }

  @Test
  void badInputIsOneLineAndStatusTwo() throws IOException {
    Path notAClass = Files.write(temp.resolve("Fake.class"), new byte[] {1, 2, 3});
    Path textJar = Files.writeString(temp.resolve("app.jar"), "not a zip");
    Path missing = temp.resolve("Missing.java");

    assertThat(rexec("run", missing.toString()))
        .isEqualTo(new Outcome(2, "", "rexec: no such file or directory: " + missing + "\n"));
    assertThat(rexec("run", notAClass.toString()))
        .isEqualTo(new Outcome(126, "", "rexec: " + notAClass + ": not a valid class file\n"));
    assertThat(rexec("run", textJar.toString()).err()).startsWith("rexec: " + textJar + ": not a jar");
    assertThat(rexec("run", textJar.toString()).err().lines()).hasSize(1);
    assertThat(rexec("run", "--no-such-flag", "X.java"))
        .isEqualTo(new Outcome(2, "",
            "rexec: Unknown option: '--no-such-flag'\nTry 'rexec run --help' for usage.\n"));
    assertThat(rexec().status()).isEqualTo(2);
  }

  @Test
  void aCompileErrorShowsJavacsMessageAndStatusTwo() throws IOException {
    Path broken = source("Broken.java", "public class Broken { int x = ; }\n");

    Outcome outcome = rexec("run", broken.toString());

    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.err())
        .startsWith("rexec: " + broken + ":1: error: illegal start of expression")
        .endsWith("1 error\n")
        .doesNotContain("\tat ");
  }

  @Test
  void aJarWithoutMainClassAsksForMain() throws IOException {
    Path jar = temp.resolve("lib.jar");
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new java.util.jar.JarEntry("readme.txt"));
      out.write("no classes".getBytes(StandardCharsets.UTF_8));
    }

    Outcome outcome = rexec("run", jar.toString());

    assertThat(outcome)
        .isEqualTo(new Outcome(2, "", "rexec: " + jar
            + " has no Main-Class in its manifest; name the class to run with --main CLASS\n"));
  }

  @Test
  void helpDocumentsTheOptions() {
    Outcome help = rexec("run", "--help");

    assertThat(help.status()).isEqualTo(0);
    assertThat(help.out()).contains("--strict", "--allow-env=VAR", "--json", "--main=CLASS",
        "--allow-read=PATH", "--allow-write=PATH", "--mount=HOST:CELL", "--disk=SIZE",
        "--workdir=CELLPATH", "--timeout=DURATION", "--cpu=DURATION", "--memory=SIZE",
        "--max-allocation=SIZE", "--threads=N", "--output=SIZE", "--stack=SIZE", "Exit status",
        "Examples:");
  }

  @Test
  void fileGrantsOpenExactlyWhatTheySay() throws IOException {
    Path data = Files.createDirectories(temp.resolve("data"));
    Files.writeString(data.resolve("in.txt"), "42");
    Path out = Files.createDirectories(temp.resolve("out"));
    Path program =
        source(
            "Copy.java",
            """
            import java.nio.file.*;
            public class Copy {
              public static void main(String[] a) throws Exception {
                String text = Files.readString(Path.of(a[0]));
                Files.writeString(Path.of(a[1]), text + "!");
                System.out.println("copied " + text);
              }
            }
            """);
    String in = data.resolve("in.txt").toString();
    String result = out.resolve("result.txt").toString();

    Outcome denied = rexec("run", program.toString(), in, result);
    Outcome readOnly = rexec("run", "--allow-read=" + data, program.toString(), in, result);
    Outcome granted =
        rexec("run", "--allow-read", data.toString(), "--allow-write", out.toString(), "--json",
            program.toString(), in, result);

    assertThat(denied.status()).isEqualTo(1);
    assertThat(denied.err())
        .contains("java.nio.file.AccessDeniedException: " + in + ": Permission denied"
            + " (rule: file-read)");
    assertThat(readOnly.err()).contains("(rule: file-write)");
    assertThat(granted.status()).isZero();
    assertThat(Files.readString(out.resolve("result.txt"))).isEqualTo("42!");
    JsonNode json = new ObjectMapper().readTree(granted.out());
    assertThat(json.get("stdout").asText()).isEqualTo("copied 42\n");
    assertThat(json.get("bytesRead").asLong()).isEqualTo(2);
    assertThat(json.get("bytesWritten").asLong()).isEqualTo(3);
  }

  @Test
  void aMountHidesTheHostPathAndRelativePathsUseTheWorkingDirectory() throws IOException {
    Path data = Files.createDirectories(temp.resolve("secret-location"));
    Files.writeString(data.resolve("in.txt"), "mounted");
    Path program =
        source(
            "Where.java",
            """
            import java.nio.file.*;
            public class Where {
              public static void main(String[] a) throws Exception {
                System.out.println(Files.readString(Path.of("in.txt")) + " at "
                    + Path.of("in.txt").toAbsolutePath() + " " + System.getProperty("user.dir"));
              }
            }
            """);

    Outcome outcome =
        rexec("run", "--mount=" + data + ":/data", "--workdir=/data", program.toString());

    assertThat(outcome).isEqualTo(new Outcome(0, "mounted at /data/in.txt /data\n", ""));
  }

  @Test
  void badGrantsAreOneLineErrors() {
    assertThat(rexec("run", "--allow-read=" + temp.resolve("nope"), "X.java"))
        .isEqualTo(new Outcome(2, "", "rexec: --allow-read: no such file or directory: "
            + temp.resolve("nope") + "\n"));
    assertThat(rexec("run", "--mount=" + temp + ":relative", "X.java").err())
        .isEqualTo("rexec: --mount: the cell path must be absolute, was 'relative'\n");
    assertThat(rexec("run", "--mount=" + temp + ":/x:rx", "X.java").err())
        .startsWith("rexec: --mount: the mode must be ro or rw, was 'rx'");
    assertThat(rexec("run", "--disk=lots", "X.java").err())
        .isEqualTo("rexec: --disk: not a size: 'lots' (write e.g. 512k, 64m or 2g)\n");
    assertThat(rexec("run", "--allow-net=host:http", "X.java").err())
        .isEqualTo("rexec: --allow-net: not a port in 'host:http'\n");
    assertThat(rexec("run", "--mount=" + temp + ":/tmp", "X.java").err())
        .startsWith("rexec: cannot grant " + temp + " at /tmp: that is the cell's scratch");
  }

  @Test
  void limitsEndTheRunWithTheirOwnStatusAndMessage() throws IOException {
    Path spin =
        source(
            "Spin.java",
            """
            public class Spin {
              public static void main(String[] a) {
                System.out.println("started");
                while (true) { try { while (true) { } } catch (Throwable t) { } }
              }
            }
            """);
    Path flood =
        source(
            "Flood.java",
            "public class Flood { public static void main(String[] a) {"
                + " while (true) System.out.print(\"ab\"); } }");
    Path spawn =
        source(
            "Spawn.java",
            "public class Spawn { public static void main(String[] a) throws Exception {"
                + " Thread t = new Thread(() -> System.out.println(\"worker\")); t.start();"
                + " t.join(); } }");

    assertThat(rexec("run", "--cpu=300ms", "--timeout=30s", spin.toString()))
        .isEqualTo(new Outcome(124, "started\n",
            "rexec: the run used more than 300ms of CPU time (CPU limit)\n"));
    assertThat(rexec("run", "--timeout=0.3s", "--cpu=30s", spin.toString()))
        .isEqualTo(new Outcome(124, "started\n",
            "rexec: the run took longer than 300ms (wall time limit)\n"));
    assertThat(rexec("run", "--output=1k", flood.toString()))
        .isEqualTo(new Outcome(120, "ab".repeat(512),
            "rexec: the run wrote more than 1 KiB of output (output limit)\n"));
    assertThat(rexec("run", spawn.toString()))
        .isEqualTo(new Outcome(121, "",
            "rexec: the program had more than 0 thread(s) alive at once (thread limit: --threads)\n"));
    assertThat(rexec("run", "--threads=1", spawn.toString())).isEqualTo(new Outcome(0, "worker\n", ""));
  }

  @Test
  void jsonReportsWhatTheRunUsed() throws IOException {
    Path hoard =
        source(
            "Hoard.java",
            """
            import java.util.*;
            public class Hoard {
              public static void main(String[] a) {
                List<long[]> all = new ArrayList<>();
                while (true) { all.add(new long[1000]); }
              }
            }
            """);

    Outcome outcome = rexec("run", "--json", "--memory=32m", hoard.toString());

    assertThat(outcome.status()).isEqualTo(123);
    JsonNode json = new ObjectMapper().readTree(outcome.out());
    assertThat(json.get("status").asText()).isEqualTo("memory-limit");
    assertThat(json.get("message").asText())
        .isEqualTo("the run allocated more than 32 MiB (memory limit)");
    assertThat(json.get("allocatedBytes").asLong()).isGreaterThan(32L << 20);
    assertThat(json.get("peakThreads").asInt()).isEqualTo(1);
    assertThat(json.get("outputTruncated").asBoolean()).isFalse();
    assertThat(json.get("containment").get("complete").asBoolean()).isTrue();
    assertThat(json.get("containment").get("survivors")).isEmpty();
  }

  @Test
  void badLimitsAreOneLineErrors() {
    assertThat(rexec("run", "--timeout=soon", "X.java").err())
        .isEqualTo("rexec: --timeout: not a duration: 'soon' (write e.g. 500ms, 2s or 1m)\n");
    assertThat(rexec("run", "--cpu=0s", "X.java").err())
        .isEqualTo("rexec: --cpu: duration out of range: '0s'\n");
    assertThat(rexec("run", "--memory=-1", "X.java").err())
        .isEqualTo("rexec: --memory: not a size: '-1' (write e.g. 512k, 64m or 2g)\n");
    assertThat(rexec("run", "--threads=-2", "X.java").err())
        .isEqualTo("rexec: --threads: must be 0 or more, was -2\n");
    assertThat(rexec("run", "--stack=1k", "X.java").err())
        .isEqualTo("rexec: --stack: at least 256k, was '1k'\n");
    assertThat(rexec("run", "--stack=1k", "X.java").status()).isEqualTo(2);
  }
}
