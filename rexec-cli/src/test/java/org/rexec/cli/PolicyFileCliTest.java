package org.rexec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --policy FILE}: the command line's options, one a line, with file:line errors. */
class PolicyFileCliTest {

  @TempDir Path temp;

  record Outcome(int status, String out, String err) {}

  private static Outcome rexec(String... args) {
    CliOutcome outcome = CliOutcome.rexec(args);
    return new Outcome(outcome.status(), outcome.outText(), outcome.err());
  }

  private Path write(String name, String text) throws IOException {
    Path file = temp.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void grantsLimitsAndEnvironmentComeFromTheFileWithPathsRelativeToIt() throws IOException {
    write("data/in.txt", "from the data directory\n");
    Files.createDirectories(temp.resolve("out"));
    Path policy =
        write(
            "conf/run.policy",
            """
            # what Report may do
            allow-read ../data          # relative to this file's directory
            allow-write=../out
            workdir ..
            allow-env PATH
            threads 2
            memory 256m
            strict
            """);
    Path program =
        write(
            "Report.java",
            """
            import java.nio.file.*;
            public class Report {
              public static void main(String[] args) throws Exception {
                String text = Files.readString(Path.of("data/in.txt"));
                Files.writeString(Path.of("out/report.txt"), text.toUpperCase());
                System.out.println(System.getenv("PATH") != null);
                System.out.println(System.getProperty("user.dir").equals(args[0]));
                try {
                  Files.readString(Path.of("conf/run.policy"));
                } catch (java.io.IOException e) {
                  System.out.println(e.getClass().getSimpleName());
                }
              }
            }
            """);

    Outcome outcome =
        rexec("run", "--policy", policy.toString(), program.toString(), temp.toString());

    assertThat(outcome)
        .isEqualTo(
            new Outcome(
                0,
                "true\ntrue\nAccessDeniedException\n",
                "rexec: refused: Report.main:9: reading " + temp.resolve("conf/run.policy")
                    + " is not allowed in this cell (rule: file-read)\n"));
    assertThat(Files.readString(temp.resolve("out/report.txt")))
        .isEqualTo("FROM THE DATA DIRECTORY\n");
  }

  @Test
  void theCommandLineOverridesTheFilesLimitsAndAddsToItsGrants() throws IOException {
    Path policy = write("p.policy", "threads 0\ndeny java.util.ArrayList#size\n");
    Path program =
        write(
            "Spawn.java",
            """
            public class Spawn {
              public static void main(String[] args) throws Exception {
                Thread worker = new Thread(() -> System.out.println("worker"));
                worker.start();
                worker.join();
                System.out.println(new java.util.ArrayList<>(java.util.List.of(1, 2)).size());
              }
            }
            """);

    Outcome fileOnly = rexec("run", "--policy=" + policy, program.toString());
    Outcome overridden =
        rexec(
            "run", "--policy=" + policy, "--threads=1", "--allow", "java.util.ArrayList#size",
            program.toString());

    assertThat(fileOnly.status()).isEqualTo(121);
    assertThat(fileOnly.err()).contains("thread");
    assertThat(overridden).isEqualTo(new Outcome(0, "worker\n2\n", ""));
  }

  @Test
  void aDenyLineRefusesTheMemberAndCheckListsIt() throws IOException {
    Path policy = write("deny.policy", "deny java.util.ArrayList#size\n");
    Path program =
        write(
            "Sizes.java",
            """
            public class Sizes {
              public static void main(String[] args) throws Exception {
                System.out.println(new java.util.ArrayList<String>().size());
                new ProcessBuilder("id").start();
              }
            }
            """);

    Outcome withPolicy = rexec("check", "--policy", policy.toString(), program.toString());
    Outcome without = rexec("check", program.toString());

    assertThat(withPolicy.status()).isEqualTo(1);
    assertThat(withPolicy.out().lines())
        .containsExactly(
            "Sizes.main:3: calling java.util.ArrayList.size() is not allowed in this cell"
                + " (rule: allow-list)",
            "Sizes.main:4: calling java.lang.ProcessBuilder.start() is not allowed in this cell"
                + " (rule: processes)");
    assertThat(without.out().lines())
        .containsExactly(
            "Sizes.main:4: calling java.lang.ProcessBuilder.start() is not allowed in this cell"
                + " (rule: processes)");
  }

  @Test
  void mistakesInTheFileAreOneLineErrorsNamingFileAndLine() throws IOException {
    Path program =
        write("Ok.java", "public class Ok { public static void main(String[] a) {} }");

    assertError("# fine\nmemory 1g\nallow-reed data\n", program, "3: unknown key 'allow-reed'");
    assertError("memory lots\n", program, "1: memory: ");
    assertError("timeout\n", program, "1: Missing required parameter for option 'timeout'");
    assertError("allow-read no/such/dir\n", program,
        "1: allow-read: no such file or directory: " + temp.resolve("no/such/dir"));
    assertError("allow org.rexec.Cell\n", program,
        "1: allow: rexec's own classes cannot be allowed: org.rexec.Cell");
    assertError("allow org.rexec.cli.Main#main\n", program,
        "1: allow: rexec's own classes cannot be allowed: org.rexec.cli.Main");
    assertError("allow picocli.CommandLine\n", program,
        "1: allow: not a class of the JDK: picocli.CommandLine");
    assertError("allow java.util.List#get(int\n", program,
        "1: allow: parameter list must end with ')': get(int");
    assertError("--memory 1g\n", program, "1: write the key without dashes: 'memory'");
    assertError("policy other.policy\n", program, "1: a policy file cannot name another");
    assertError("json\n", program, "1: unknown key 'json'");

    Outcome missing = rexec("run", "--policy", temp.resolve("absent.policy").toString(),
        program.toString());
    assertThat(missing)
        .isEqualTo(new Outcome(2, "",
            "rexec: --policy: no such file: " + temp.resolve("absent.policy") + "\n"));
  }

  private void assertError(String policyText, Path program, String expected) throws IOException {
    Path policy = write("bad.policy", policyText);

    Outcome outcome = rexec("run", "--policy", policy.toString(), program.toString());

    assertThat(outcome.status()).as(policyText).isEqualTo(2);
    assertThat(outcome.out()).isEmpty();
    assertThat(outcome.err().lines()).as(policyText).hasSize(1);
    assertThat(outcome.err()).as(policyText).startsWith("rexec: " + policy + ":" + expected);
  }

  @Test
  void aStrictLineMakesTheRunStrict() throws IOException {
    Path policy = write("strict.policy", "strict true\n");
    Path program =
        write(
            "Never.java",
            """
            public class Never {
              public static void main(String[] args) {
                System.out.println("ran");
                if (args.length > 5) Thread.getAllStackTraces();
              }
            }
            """);

    assertThat(rexec("run", "--policy", policy.toString(), program.toString()).status())
        .isEqualTo(126);
    assertThat(rexec("run", "--policy", policy.toString(), "--strict=false",
            program.toString()).out())
        .isEqualTo("ran\n");
    assertThat(rexec("run", "--strict", program.toString()).status()).isEqualTo(126);
  }
}
