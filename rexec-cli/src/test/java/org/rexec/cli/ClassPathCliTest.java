package org.rexec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rexec run -cp}: a program and its libraries as jars and directories, and programs of
 * several source files, compared with plain {@code java} where this JDK can run them.
 */
class ClassPathCliTest {

  @TempDir Path temp;

  private Path greeting;
  private Path numbers;
  private Path app;

  record Outcome(int status, String out, String err) {}

  private static Outcome rexec(String... args) {
    CliOutcome outcome = CliOutcome.rexec(args);
    return new Outcome(outcome.status(), outcome.outText(), outcome.err());
  }

  /** Plain java with these arguments: its exit status and output. */
  private Outcome java(Path directory, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    process.getOutputStream().close();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Outcome(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private Path write(String relative, String text) throws IOException {
    Path file = temp.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  /** Compiles sources with the JDK's javac into {@code output}, against {@code classPath}. */
  private Path javac(Path output, String classPath, Path... sources) {
    List<String> args = new ArrayList<>(List.of("-d", output.toString()));
    if (classPath != null) {
      args.addAll(List.of("-cp", classPath));
    }
    for (Path source : sources) {
      args.add(source.toString());
    }
    int status =
        javax.tools.ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, args.toArray(new String[0]));
    assertThat(status).isZero();
    return output;
  }

  /** Packs a directory into a jar with the JDK's jar tool. */
  private Path jar(Path jar, Path classes) {
    int status =
        ToolProvider.findFirst("jar").orElseThrow()
            .run(System.out, System.err, "--create", "--file", jar.toString(), "-C",
                classes.toString(), ".");
    assertThat(status).isZero();
    return jar;
  }

  @BeforeEach
  void twoJarsAndADirectory() throws IOException {
    Path greetingSource = write("lib1/src/org/greet/Greeting.java", """
        package org.greet;
        public class Greeting {
          public static String of(String name) { return "hello, " + name; }
        }
        """);
    greeting = jar(temp.resolve("greeting.jar"), javac(temp.resolve("lib1/classes"), null, greetingSource));
    Path numbersSource = write("lib2/src/org/numbers/Sum.java", """
        package org.numbers;
        import java.util.stream.IntStream;
        public class Sum {
          public static int upTo(int n) { return IntStream.rangeClosed(1, n).sum(); }
        }
        """);
    numbers = jar(temp.resolve("numbers.jar"), javac(temp.resolve("lib2/classes"), null, numbersSource));
    Path appSource = write("app/src/com/x/Main.java", """
        package com.x;
        import org.greet.Greeting;
        import org.numbers.Sum;
        public class Main {
          public static void main(String[] args) {
            System.out.println(Greeting.of(args.length > 0 ? args[0] : "nobody"));
            System.out.println("sum " + Sum.upTo(10));
          }
        }
        """);
    app = javac(temp.resolve("app/classes"), greeting + File.pathSeparator + numbers, appSource);
  }

  private String classPath() {
    return String.join(File.pathSeparator, greeting.toString(), numbers.toString(), app.toString());
  }

  @Test
  void runsAMainClassFromTwoJarsAndADirectoryAsJavaDoes() throws Exception {
    Outcome cell = rexec("run", "-cp", classPath(), "com.x.Main", "cell");
    Outcome plain = java(temp, "-cp", classPath(), "com.x.Main", "cell");

    assertThat(cell).isEqualTo(new Outcome(0, "hello, cell\nsum 55\n", ""));
    assertThat(cell).isEqualTo(plain);
  }

  @Test
  void theLongOptionNamesAndMainTakeTheSameClassPath() {
    Outcome expected = new Outcome(0, "hello, cell\nsum 55\n", "");

    assertThat(rexec("run", "--class-path", classPath(), "--main", "com.x.Main", "cell"))
        .isEqualTo(expected);
    assertThat(rexec("run", "--classpath", classPath(), "com.x.Main", "cell"))
        .isEqualTo(expected);
  }

  @Test
  void aDirectoryStarIsTheJarsInItAsForJava() throws Exception {
    Path lib = temp.resolve("lib");
    Files.createDirectories(lib.resolve("nested"));
    Files.copy(greeting, lib.resolve("greeting.jar"));
    Files.copy(numbers, lib.resolve("nested/numbers.jar"));
    Files.copy(numbers, lib.resolve("numbers.JAR"));
    String path = lib + File.separator + "*" + File.pathSeparator + app;

    Outcome cell = rexec("run", "-cp", path, "com.x.Main", "stars");

    assertThat(cell).isEqualTo(new Outcome(0, "hello, stars\nsum 55\n", ""));
    assertThat(cell).isEqualTo(java(temp, "-cp", path, "com.x.Main", "stars"));
  }

  @Test
  void aSourceProgramIsCompiledAgainstTheClassPathAsJavaDoes() throws Exception {
    Path main = write("script/Report.java", """
        import org.greet.Greeting;
        public class Report {
          public static void main(String[] args) {
            System.out.println(Greeting.of("source") + " " + org.numbers.Sum.upTo(4));
          }
        }
        """);
    String libs = greeting + File.pathSeparator + numbers;

    Outcome cell = rexec("run", "-cp", libs, main.toString());
    Outcome plain = java(temp, "-cp", libs, main.toString());

    assertThat(cell).isEqualTo(new Outcome(0, "hello, source 10\n", ""));
    assertThat(cell).isEqualTo(plain);
  }

  @Test
  void aProgramOfSeveralSourceFilesRunsAsJava22AndLaterRunIt() throws Exception {
    Path main = write("multi/Main.java", """
        public class Main {
          public static void main(String[] args) {
            System.out.println(new Counter().add(3).add(4).total() + " " + util.Words.join(args));
          }
        }
        """);
    write("multi/Counter.java", """
        class Counter {
          private int total;
          Counter add(int n) { total += n; return this; }
          int total() { return total; }
        }
        """);
    write("multi/util/Words.java", """
        package util;
        public class Words {
          public static String join(String[] words) { return String.join("+", words); }
        }
        """);

    Outcome cell = rexec("run", main.toString(), "a", "b");

    assertThat(cell).isEqualTo(new Outcome(0, "7 a+b\n", ""));
    if (Runtime.version().feature() >= 22) {
      assertThat(cell).isEqualTo(java(temp, main.toString(), "a", "b"));
    }
  }

  @Test
  void aCompileErrorInAnotherFileNamesThatFile() throws IOException {
    Path main = write("broken/Main.java",
        "public class Main { public static void main(String[] a) { Helper.go(); } }\n");
    write("broken/Helper.java", "class Helper {\n  static void go() { undefined(); }\n}\n");

    Outcome outcome = rexec("run", main.toString());

    assertThat(outcome.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(outcome.err()).contains(temp.resolve("broken/Helper.java") + ":2: error: cannot find symbol");
  }

  @Test
  void aMissingEntryOrOneThatIsNotAJarOrDirectoryIsAOneLineError() throws IOException {
    Path missing = temp.resolve("nowhere.jar");
    Path text = write("notes.txt", "not a jar");

    Outcome gone = rexec("run", "-cp", missing + File.pathSeparator + app, "com.x.Main");
    Outcome notAJar = rexec("run", "-cp", text.toString(), "com.x.Main");
    Outcome empty = rexec("run", "-cp", File.pathSeparator + app, "com.x.Main");

    assertThat(gone.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(gone.err()).isEqualTo(
        "rexec: --class-path: " + missing + ": no such class path entry (file or directory)\n");
    assertThat(notAJar.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(notAJar.err()).startsWith("rexec: --class-path: " + text + ": not a jar file");
    assertThat(notAJar.err().strip()).doesNotContain("\n");
    assertThat(empty.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(empty.err()).contains("an empty entry");
  }

  @Test
  void aJarOnTheClassPathIsNotATarget() {
    Outcome outcome = rexec("run", "-cp", classPath(), greeting.toString());

    assertThat(outcome.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(outcome.err()).contains("is not a class name");
  }

  @Test
  void checkListsTheRefusalsOfTheClassPathToo() throws IOException {
    Path exec = write("evil/src/org/evil/Exec.java", """
        package org.evil;
        public class Exec {
          public static void run() { System.out.println(Thread.getAllStackTraces()); }
        }
        """);
    Path evil = jar(temp.resolve("evil.jar"), javac(temp.resolve("evil/classes"), null, exec));
    Path main = write("uses/Main.java",
        "public class Main { public static void main(String[] a) throws Exception {"
            + " org.evil.Exec.run(); } }");

    Outcome outcome = rexec("check", "-cp", evil.toString(), main.toString());

    assertThat(outcome.status()).isEqualTo(ExitCodes.VIOLATIONS);
    assertThat(outcome.out())
        .isEqualTo("org.evil.Exec.run:3: calling java.lang.Thread.getAllStackTraces() is not"
            + " allowed in this cell (rule: allow-list)\n");
  }
}
