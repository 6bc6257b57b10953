package org.rexec.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.rexec.policy.Access;
import org.rexec.fs.CellFiles;
import org.rexec.fs.Mount;

/**
 * What a cell's file checks cost: the same small file operations through the JDK's own file
 * system on a host path and through a cell's file system on the cell path of the same file
 * (resolution name by name, the check, the namespace lock, cell paths in results). Run both
 * sides in one JMH run and compare: {@code java -jar rexec-bench/target/benchmarks.jar
 * FileOperationsBenchmark}.
 *
 * <p>Not through the API: it times the cell's file system ({@code CellFiles}) itself, below any
 * cell, so that neither a run nor the rewriter is part of what is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 8, time = 1)
public class FileOperationsBenchmark {

  /** {@code host} or {@code cell}. */
  @Param({"host", "cell"})
  public String side;

  private Path root;
  private CellFiles cell;
  private Path file;
  private Path directory;
  private Path missing;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    root = Files.createTempDirectory("rexec-file-bench");
    Path data = Files.createDirectories(root.resolve("data/in"));
    Files.writeString(data.resolve("input.txt"), "x".repeat(4096));
    for (int i = 0; i < 16; i++) {
      Files.writeString(data.resolve("entry" + i), "e");
    }
    cell = CellFiles.builder().mount(new Mount("/data", root.resolve("data"), Access.WRITE, "mount"))
        .build();
    FileSystem fs = side.equals("cell") ? cell.fileSystem() : root.getFileSystem();
    Path base = side.equals("cell") ? fs.getPath("/data") : root.resolve("data");
    file = base.resolve("in/input.txt");
    directory = base.resolve("in");
    missing = base.resolve("in/missing");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    cell.close();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path entry, BasicFileAttributes attributes)
              throws IOException {
            Files.delete(entry);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path entry, IOException failure)
              throws IOException {
            Files.delete(entry);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Open, read 4 KiB, close. */
  @Benchmark
  public byte[] readSmallFile() throws IOException {
    return Files.readAllBytes(file);
  }

  /** A stat of a file that exists and of one that does not. */
  @Benchmark
  public void exists(Blackhole sink) {
    sink.consume(Files.exists(file));
    sink.consume(Files.exists(missing));
  }

  /** List 17 entries. */
  @Benchmark
  public int listDirectory() throws IOException {
    int count = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path ignored : entries) {
        count++;
      }
    }
    return count;
  }

  /** Create, write and delete a file (a rename-free change: the exclusive lock for the delete). */
  @Benchmark
  public void createAndDelete() throws IOException {
    Path created = directory.resolve("created");
    Files.writeString(created, "c");
    Files.delete(created);
  }
}
