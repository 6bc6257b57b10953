package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;
import org.rexec.policy.Access;

/**
 * A hostile program hands a zip file system's objects to the JDK's generic code ({@code Files},
 * copies and moves across file systems, filters, URIs) and mixes them with its own file system's
 * paths, hoping the JDK reaches the JVM-wide zip provider, a host path, or writes the zip on its
 * behalf. Where the cell may write the directory, the zip file stays byte for byte unchanged.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class ZipDispatchAttackTest {

  @TempDir Path host;

  @Test
  void theJdksGenericCodeWritesNothingReachesNoOtherFileSystemAndNamesNoHostPath()
      throws Exception {
    Path data = Files.createDirectories(host.resolve("data"));
    Path zipFile = data.resolve("a.zip");
    try (OutputStream out = Files.newOutputStream(zipFile);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("hello.txt"));
      zip.write("inside".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    Files.writeString(data.resolve("plain.txt"), "plain");
    byte[] before = Files.readAllBytes(zipFile);
    String source =
        """
        import java.io.*;
        import java.net.URI;
        import java.nio.file.*;
        import java.util.*;
        public class Dispatch {
          static void attempt(String what, Callable action) {
            try {
              System.out.println(what + ": " + action.call());
            } catch (Exception e) {
              System.out.println(what + ": " + e.getClass().getName() + ": " + e.getMessage());
            }
          }
          interface Callable { Object call() throws Exception; }
          public static void main(String[] args) throws Exception {
            FileSystem zip = FileSystems.newFileSystem(Path.of("/data/a.zip"));
            Path hello = zip.getPath("/hello.txt");
            Path cell = Path.of("/data/plain.txt");
            // Writes the JDK would do on the cell's behalf
            attempt("W channel SYNC DELETE_ON_CLOSE", () -> Files.newByteChannel(hello,
                StandardOpenOption.READ, StandardOpenOption.SYNC, StandardOpenOption.DELETE_ON_CLOSE));
            attempt("W stream DELETE_ON_CLOSE", () -> Files.newInputStream(hello, StandardOpenOption.DELETE_ON_CLOSE));
            attempt("W output stream, no options", () -> Files.newOutputStream(hello));
            attempt("W copy cell to zip", () -> Files.copy(cell, hello, StandardCopyOption.REPLACE_EXISTING));
            attempt("W move cell to zip", () -> Files.move(cell, zip.getPath("/m.txt")));
            attempt("W move zip to cell", () -> Files.move(hello, Path.of("/data/moved.txt")));
            attempt("W copy stream to zip", () -> Files.copy(new ByteArrayInputStream(new byte[1]), zip.getPath("/s.txt")));
            attempt("W temp file in zip", () -> Files.createTempFile(zip.getPath("/"), "x", "y"));
            attempt("W filter deletes", () -> {
              try (DirectoryStream<Path> entries = Files.newDirectoryStream(zip.getPath("/"), p -> {
                Files.delete(p);
                return true;
              })) {
                return entries.iterator().hasNext();
              }
            });
            // Other file systems
            attempt("X compareTo cell", () -> hello.compareTo(cell));
            attempt("X cell compareTo", () -> cell.compareTo(hello));
            attempt("X relativize cell", () -> hello.relativize(cell));
            attempt("X cell relativize", () -> cell.relativize(hello));
            attempt("X resolve cell", () -> hello.resolve(cell));
            attempt("X cell resolve", () -> Path.of("/data").resolve(zip.getPath("plain.txt")));
            attempt("X cell isSameFile", () -> Files.isSameFile(cell, hello));
            attempt("X Path.of(toUri())", () -> Path.of(hello.toUri()));
            attempt("X getFileSystem(jar uri)", () -> FileSystems.getFileSystem(URI.create("jar:" + cell.toUri())));
            attempt("X newFileSystem(jar uri)", () -> FileSystems.newFileSystem(URI.create("jar:file:/data/a.zip"), Map.of()));
            // Reads, which hold
            attempt("R copy zip to cell", () -> Files.copy(hello, Path.of("/data/out.txt")) + " " + Files.readString(Path.of("/data/out.txt")));
            attempt("R zip attributes", () -> Files.readAttributes(hello, "zip:crc,size"));
            attempt("R uri", () -> hello.toUri());
            attempt("R store", () -> Files.getFileStore(hello).name());
            zip.close();
            System.out.println("closed");
          }
        }
        """;
    RunResult result =
        Programs.run(
            Policy.builder()
                .mount(data, "/data", Access.WRITE)
                .timeout(Duration.ofSeconds(60))
                .build(),
            "Dispatch.java",
            source);
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    List<String> lines = result.stdout().lines().collect(Collectors.toList());
    assertThat(lines).filteredOn(line -> line.startsWith("W "))
        .hasSize(9)
        .allMatch(line -> line.contains("ReadOnlyFileSystemException: writing /")
            && line.contains("(rule: file-systems)"), "refused as a write");
    assertThat(lines).filteredOn(line -> line.startsWith("X "))
        .hasSize(10)
        .allMatch(line -> line.contains("ProviderMismatchException")
            || line.contains("ClassCastException: not a path of a zip file system")
            || line.contains("FileSystemNotFoundException")
            || line.contains("(rule: file-systems)"), "another file system refused");
    assertThat(lines).contains(
        "R copy zip to cell: /data/out.txt inside",
        "R zip attributes: {crc=" + crc(before) + ", size=6}",
        "R uri: jar:file:/data/a.zip!/hello.txt",
        "R store: /data/a.zip",
        "closed");
    assertThat(result.stdout()).doesNotContain(host.toString()).doesNotContain("jdk.nio.zipfs");
    assertThat(Files.readAllBytes(zipFile)).isEqualTo(before);
    try (Stream<Path> files = Files.list(data)) {
      // moved.txt: a move to another file system copies, then its delete of the entry is refused
      assertThat(files.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("a.zip", "plain.txt", "out.txt", "moved.txt");
    }
    assertThat(Files.readString(data.resolve("plain.txt"))).isEqualTo("plain");
  }

  private static long crc(byte[] zip) throws Exception {
    try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      in.getNextEntry();
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(in.readAllBytes());
      return crc.getValue();
    }
  }
}
