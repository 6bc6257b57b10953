package org.rexec.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The alternative to a cell: the same program started as a fresh JVM per run, with the best
 * start-up flags: an application class-data-sharing archive made for this program with
 * {@code -XX:ArchiveClassesAtExit} (which also holds the JDK classes the run loads, on top of
 * the JDK's default CDS archive), C1 only ({@code -XX:TieredStopAtLevel=1}), the serial
 * collector, no perf-data file, and {@code -Xshare:auto}.
 */
final class FreshJvm {

  /** Flags for every run, before the archive's. */
  static final List<String> FLAGS =
      List.of(
          "-XX:TieredStopAtLevel=1",
          "-XX:+UseSerialGC",
          "-XX:-UsePerfData",
          "-Xshare:auto",
          "-Xlog:disable");

  private final Workload workload;
  private final List<String> command;

  private FreshJvm(Workload workload, List<String> command) {
    this.workload = workload;
    this.command = command;
  }

  /** The java launcher of the JDK running the benchmarks. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * Prepares {@code workload} in {@code directory}: its class files (or, with {@code fromSource},
   * its source file, run in the launcher's source-file mode) and an AppCDS archive made by one
   * training run.
   */
  static FreshJvm prepare(Workload workload, boolean fromSource, Path directory)
      throws IOException {
    Files.createDirectories(directory);
    List<String> program = new ArrayList<>();
    if (fromSource) {
      program.add(workload.writeSource(directory.resolve("src")).toString());
    } else {
      Path jar = workload.writeJar(directory.resolve(workload.mainClass() + ".jar"));
      program.addAll(List.of("-cp", jar.toString(), workload.mainClass()));
    }
    Path archive = directory.resolve(workload.mainClass() + (fromSource ? "-src" : "") + ".jsa");
    Files.deleteIfExists(archive);
    List<String> training = new ArrayList<>(List.of(java()));
    training.addAll(FLAGS);
    training.add("-XX:ArchiveClassesAtExit=" + archive);
    training.addAll(program);
    new FreshJvm(workload, training).runOnce();
    List<String> command = new ArrayList<>(List.of(java()));
    command.addAll(FLAGS);
    if (Files.isRegularFile(archive)) {
      command.add("-XX:SharedArchiveFile=" + archive);
    }
    command.addAll(program);
    return new FreshJvm(workload, command);
  }

  /** The command line of a run. */
  String commandLine() {
    return String.join(" ", command);
  }

  /** Whether the AppCDS archive was made and is used. */
  boolean usesArchive() {
    return command.stream().anyMatch(argument -> argument.startsWith("-XX:SharedArchiveFile="));
  }

  /** Starts the JVM, waits for it and checks its output. */
  void runOnce() {
    try {
      Process process =
          new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = process.waitFor();
      if (status != 0 || !output.equals(workload.expectedOutput())) {
        throw new IllegalStateException(
            "fresh JVM run failed (status " + status + "): " + commandLine() + "\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
