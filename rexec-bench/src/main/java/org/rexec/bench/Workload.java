package org.rexec.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.rexec.compile.CompilationException;
import org.rexec.compile.SourceCompiler;

/**
 * A program written for the benchmarks, from {@code src/main/resources/workloads/}: its source,
 * its class files (compiled once, with {@code --release 17}) and the output it must print.
 *
 * <p>Compiled with rexec's in-memory {@code SourceCompiler}, not through the API: the class files
 * are given to a plain JVM as well as to cells, and a cell's {@code loadSource} keeps them to
 * itself. The compilation happens once, outside every measured cycle.
 */
enum Workload {
  /** One line of output. */
  HELLO("Hello", "Hello, world!\n"),
  /** Sorts 1,000 integers and prints three numbers. */
  SORT("SortAndPrint", "min 1373 max 999243\nchecksum 3056146041275891418\n");

  private final String mainClass;
  private final String expectedOutput;
  private volatile Map<String, byte[]> classFiles;

  Workload(String mainClass, String expectedOutput) {
    this.mainClass = mainClass;
    this.expectedOutput = expectedOutput;
  }

  /** By the name benchmarks use as a parameter: {@code hello}, {@code sort}. */
  static Workload named(String name) {
    return valueOf(name.toUpperCase(java.util.Locale.ROOT));
  }

  String mainClass() {
    return mainClass;
  }

  String fileName() {
    return mainClass + ".java";
  }

  String expectedOutput() {
    return expectedOutput;
  }

  String source() {
    try (InputStream in =
        Workload.class.getResourceAsStream("/workloads/" + fileName())) {
      if (in == null) {
        throw new IllegalStateException("workload source missing from the jar: " + fileName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Class files by internal name; the main class's first. */
  Map<String, byte[]> classFiles() {
    Map<String, byte[]> compiled = classFiles;
    if (compiled == null) {
      compiled = compile(fileName(), source());
      classFiles = compiled;
    }
    return compiled;
  }

  /**
   * Writes the class files into a jar, for a plain {@code java -cp} (class-data sharing archives
   * application classes from jars only).
   */
  Path writeJar(Path jar) throws IOException {
    Files.createDirectories(jar.toAbsolutePath().getParent());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (Map.Entry<String, byte[]> classFile : classFiles().entrySet()) {
        out.putNextEntry(new JarEntry(classFile.getKey() + ".class"));
        out.write(classFile.getValue());
        out.closeEntry();
      }
    }
    return jar;
  }

  /** Writes the source into {@code directory}, for {@code java Source.java}. */
  Path writeSource(Path directory) throws IOException {
    Files.createDirectories(directory);
    return Files.writeString(directory.resolve(fileName()), source());
  }

  /** Compiled as a cell compiles sources: rexec's own in-memory javac. */
  private static Map<String, byte[]> compile(String fileName, String source) {
    try {
      return new TreeMap<>(
          new SourceCompiler().compile(fileName, source, Duration.ofMinutes(1)).classFiles());
    } catch (CompilationException e) {
      throw new IllegalStateException(
          "workload " + fileName + " does not compile:\n" + e.getMessage(), e);
    }
  }
}
