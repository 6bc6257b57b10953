package org.rexec.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rexec.Cell;
import org.rexec.Policy;
import org.rexec.RunResult;

/**
 * Ordinary programs behave in a cell exactly as on a plain JVM.
 *
 * <p>Each program of the corpus ({@code src/test/resources/compat/*.java}) runs twice: as a child
 * JVM of the running JDK, and in a cell with the default policy. Standard output, standard error
 * and the exit code must be identical, and the cell must record no violation: these programs use
 * only what a cell is meant to offer, so any refusal is a gap in the allow-list or the builtins.
 *
 * <p>A program named {@code *_21.java} uses Java 21 language features and is skipped on older
 * JDKs; every other program must compile with {@code --release 17}. A sibling {@code Name.stdin}
 * is fed to the program's standard input.
 */
class CompatibilityTest {

  private static final String CORPUS_FOLDER = "compat";
  private static final String JAVA_21_SUFFIX = "_21.java";
  private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(60);

  /** Programs that do not end normally; every other program must exit with 0. */
  private static final Map<String, Integer> EXPECTED_EXIT_CODES =
      Map.of("ExitCode", 3, "UncaughtException", 1);

  /** Programs that start threads, with the thread limit their cell needs (the default is 0). */
  private static final Map<String, Integer> THREADS_NEEDED = Map.of("ThreadGroups", 8);

  /** Options of the JVM launcher that the child would pick up and report on its stderr. */
  private static final List<String> LAUNCHER_ENVIRONMENT =
      List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

  @TempDir static Path workDirectory;

  private static Path classesDirectory;

  /** Compiles the whole corpus in one javac run, for the plain JVM runs. */
  @BeforeAll
  static void compileCorpus() throws IOException {
    classesDirectory = Files.createDirectory(workDirectory.resolve("classes"));
    List<String> fileNames =
        programs().filter(CompatibilityTest::runsOnThisJdk).collect(Collectors.toList());
    String errors = compile(fileNames, List.of("-d", classesDirectory.toString(), "-g"));
    assertThat(errors).as("javac errors compiling the corpus").isEmpty();
  }

  /** The corpus: every {@code .java} file of the resource folder, sorted by name. */
  static Stream<String> programs() {
    URL folder = CompatibilityTest.class.getClassLoader().getResource(CORPUS_FOLDER);
    assertThat(folder).as("classpath resource folder %s/", CORPUS_FOLDER).isNotNull();
    try {
      URI uri = folder.toURI();
      List<String> names;
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          names = javaFileNames(jar.getPath(CORPUS_FOLDER));
        }
      } else {
        names = javaFileNames(Path.of(uri));
      }
      assertThat(names).as("corpus programs").isNotEmpty();
      return names.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bad resource URL " + folder, e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void runsInCellAsOnPlainJvm(String fileName) throws Exception {
    assumeTrue(
        runsOnThisJdk(fileName),
        () -> fileName + " needs Java 21, this is Java " + Runtime.version().feature());
    String className = fileName.substring(0, fileName.length() - ".java".length());
    String source = new String(readResource(fileName), StandardCharsets.UTF_8);
    byte[] stdin = readOptionalResource(className + ".stdin");

    ProcessOutcome plain = runPlainJvm(className, stdin);
    int expectedExitCode = EXPECTED_EXIT_CODES.getOrDefault(className, 0);
    // The plain run must do what the program is written to do, or equal failures would pass.
    assertThat(plain.exitCode())
        .as("exit code of %s on a plain JVM; stderr:%n%s", className, plain.stderr())
        .isEqualTo(expectedExitCode);
    if (expectedExitCode == 1) {
      // Exit code 1 is the launcher's for an exception escaping main.
      assertThat(plain.stderr())
          .startsWith("Exception in thread \"main\" java.lang.RuntimeException: ")
          .contains("\tat " + className + ".main(" + fileName + ":");
    }

    String mainClass;
    RunResult result;
    try (Cell cell =
        Cell.builder(policyFor(className)).stdin(new ByteArrayInputStream(stdin)).create()) {
      mainClass = cell.loadSource(fileName, source);
      result = cell.run(mainClass);
    }
    String context =
        String.format("%s in a cell: %s%nstderr:%n%s", className, result, result.stderr());

    assertThat(mainClass).as("main class of %s", fileName).isEqualTo(className);
    assertThat(result.violations()).as("violations of %s", context).isEmpty();
    assertThat(result.stdout()).as("stdout of %s", context).isEqualTo(plain.stdout());
    // Exact for every program, not only those with an empty stderr: the corpus writes to stderr
    // only deterministic text (an uncaught exception's trace, diagnostics), and the child's
    // launcher options, which it would report there, are removed from its environment.
    assertThat(result.stderr()).as("stderr of %s", context).isEqualTo(plain.stderr());
    assertThat(result.exitCode()).as("exit code of %s", context).isEqualTo(plain.exitCode());
  }

  private static Policy policyFor(String className) {
    Integer threads = THREADS_NEEDED.get(className);
    return threads == null ? Policy.defaults() : Policy.builder().threads(threads).build();
  }

  /** The corpus keeps to Java 17 outside the {@code _21} files, so it runs on every JDK. */
  @Test
  void programsWithoutJava21SuffixCompileForJava17() throws IOException {
    List<String> fileNames =
        programs().filter(name -> !name.endsWith(JAVA_21_SUFFIX)).collect(Collectors.toList());
    Path release17 = Files.createDirectory(workDirectory.resolve("release17"));
    String errors = compile(fileNames, List.of("--release", "17", "-d", release17.toString()));
    assertThat(errors).as("javac --release 17 errors").isEmpty();
  }

  private static boolean runsOnThisJdk(String fileName) {
    return !fileName.endsWith(JAVA_21_SUFFIX) || Runtime.version().feature() >= 21;
  }

  private static List<String> javaFileNames(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".java"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  /** Compiles corpus files with the running JDK's javac; returns its errors, empty if none. */
  private static String compile(List<String> fileNames, List<String> options) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac).as("the running Java has a compiler").isNotNull();
    List<JavaFileObject> units = new ArrayList<>();
    for (String fileName : fileNames) {
      String source = new String(readResource(fileName), StandardCharsets.UTF_8);
      units.add(
          new SimpleJavaFileObject(URI.create("string:///" + fileName), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return source;
            }
          });
    }
    List<String> allOptions = new ArrayList<>(options);
    allOptions.addAll(List.of("-proc:none", "-encoding", "UTF-8", "-Xlint:none", "-nowarn"));
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter javacOutput = new StringWriter();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      boolean compiled =
          javac.getTask(javacOutput, files, diagnostics, allOptions, null, units).call();
      if (compiled) {
        return "";
      }
    }
    return diagnostics.getDiagnostics().stream()
            .filter(diagnostic -> diagnostic.getKind() == javax.tools.Diagnostic.Kind.ERROR)
            .map(Object::toString)
            .collect(Collectors.joining("\n"))
        + javacOutput;
  }

  /**
   * Runs the compiled program as {@code java -cp classes -Xshare:auto Name} with the running
   * JDK's launcher, its standard streams in UTF-8.
   */
  private static ProcessOutcome runPlainJvm(String className, byte[] stdin)
      throws IOException, InterruptedException {
    Path runDirectory = Files.createTempDirectory(workDirectory, className);
    Path input = Files.write(runDirectory.resolve("stdin"), stdin);
    Path output = runDirectory.resolve("stdout");
    Path error = runDirectory.resolve("stderr");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // The cell's System.out and System.err encode UTF-8; the child's would follow the
    // platform locale (JDK 17 reads sun.*.encoding, JDK 19 and later *.encoding).
    ProcessBuilder builder =
        new ProcessBuilder(
                java.toString(),
                "-Dstdout.encoding=UTF-8",
                "-Dstderr.encoding=UTF-8",
                "-Dsun.stdout.encoding=UTF-8",
                "-Dsun.stderr.encoding=UTF-8",
                "-cp",
                classesDirectory.toString(),
                "-Xshare:auto",
                className)
            .directory(runDirectory.toFile())
            .redirectInput(input.toFile())
            .redirectOutput(output.toFile())
            .redirectError(error.toFile());
    LAUNCHER_ENVIRONMENT.forEach(builder.environment()::remove);
    Process process = builder.start();
    if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(className + " did not end within " + PROCESS_TIMEOUT);
    }
    return new ProcessOutcome(
        process.exitValue(), Files.readString(output), Files.readString(error));
  }

  private static byte[] readResource(String fileName) throws IOException {
    byte[] bytes = readOptionalResource(fileName);
    assertThat(bytes).as("resource %s/%s", CORPUS_FOLDER, fileName).isNotEmpty();
    return bytes;
  }

  /** The resource's bytes, or none if it does not exist. */
  private static byte[] readOptionalResource(String fileName) throws IOException {
    String name = CORPUS_FOLDER + "/" + fileName;
    try (InputStream in = CompatibilityTest.class.getClassLoader().getResourceAsStream(name)) {
      return in == null ? new byte[0] : in.readAllBytes();
    }
  }

  /** What a child JVM did, its output decoded as UTF-8. */
  private record ProcessOutcome(int exitCode, String stdout, String stderr) {}
}
