package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;
import org.rexec.policy.Access;

/**
 * A hostile program opens zip files as file systems: only those it may read, read-only, through
 * the cell's own file rules, never reaching the JVM-wide zip provider (which opens any host path
 * and holds the supervisor's zip file systems), with the inflaters of its entry streams counted
 * among its native compressors and what they inflate bounded by its memory limit.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class ZipFileSystemAttackTest {

  @TempDir Path host;
  private Path data;
  private Path zipFile;
  private Path secretZip;

  @BeforeEach
  void zips() throws IOException {
    data = Files.createDirectories(host.resolve("data"));
    zipFile = data.resolve("a.zip");
    writeZip(zipFile, Map.of(
        "hello.txt", "inside the zip",
        "/etc/hostname", "entry named /etc/hostname"));
    writeZip(data.resolve("dots.zip"), Map.of(
        "../outside.txt", "entry named ../outside.txt",
        "../../../../../../etc/passwd", "entry named ../../etc/passwd"));
    Files.writeString(host.resolve("outside.txt"), "HOST SECRET");
    Path secrets = Files.createDirectories(host.resolve("secrets"));
    secretZip = secrets.resolve("secret.zip");
    writeZip(secretZip, Map.of("secret.txt", "SECRET ENTRY"));
  }

  private static void writeZip(Path file, Map<String, String> entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
  }

  private Policy mounted(Access access) {
    return Policy.builder()
        .mount(data, "/data", access)
        .timeout(Duration.ofSeconds(60))
        .build();
  }

  private static RunResult run(Policy policy, String source) {
    String name = source.substring(source.indexOf("class ") + 6).split("[ {]")[0];
    return Programs.run(policy, name + ".java", source);
  }

  /** A program whose main body is {@code body}, with the usual imports. */
  private static String program(String name, String body) {
    return """
        import java.io.*;
        import java.net.URI;
        import java.nio.file.*;
        import java.nio.file.attribute.*;
        import java.nio.file.spi.*;
        import java.util.*;
        import java.util.stream.*;
        public class %s {
          static void attempt(String what, Callable action) {
            try {
              System.out.println(what + ": " + action.call());
            } catch (Exception e) {
              System.out.println(what + ": " + e.getClass().getName() + ": " + e.getMessage());
            }
          }
          interface Callable { Object call() throws Exception; }
          public static void main(String[] args) throws Exception {
            %s
          }
        }
        """
        .formatted(name, body);
  }

  @Test
  void aGrantedZipIsReadAndItsEntriesNamedLikeHostPathsStayInsideIt() {
    RunResult result =
        run(
            mounted(Access.READ),
            program(
                "Reader",
                """
                try (FileSystem zip = FileSystems.newFileSystem(Path.of("/data/a.zip"))) {
                  try (Stream<Path> all = Files.walk(zip.getPath("/"))) {
                    for (Path p : all.sorted().collect(Collectors.toList())) {
                      if (Files.isRegularFile(p)) System.out.println(p + " = " + Files.readString(p));
                    }
                  }
                  Path hello = zip.getPath("hello.txt");
                  attempt("uri", () -> hello.toUri());
                  attempt("toString", () -> zip);
                  attempt("store", () -> Files.getFileStore(hello).name());
                  attempt("toFile", () -> hello.toFile());
                  attempt("real", () -> hello.toRealPath());
                  attempt("up", () -> Files.readString(zip.getPath("/../outside.txt")));
                  attempt("up relative", () -> Files.readString(zip.getPath("../../outside.txt")));
                  attempt("cell path in zip provider",
                      () -> zip.provider().newInputStream(Path.of("/data/a.zip")));
                  attempt("zip path in cell", () -> Files.readString(Path.of("/").resolve(hello)));
                  attempt("zip in zip", () -> FileSystems.newFileSystem(hello));
                }
                // Entries named with '..': the JDK refuses to open such a zip (17.0.x and later);
                // where it would open it, they are names inside the zip.
                try (FileSystem dots = FileSystems.newFileSystem(Path.of("/data/dots.zip"))) {
                  try (Stream<Path> all = Files.walk(dots.getPath("/"))) {
                    for (Path p : all.sorted().collect(Collectors.toList())) {
                      if (Files.isRegularFile(p)) System.out.println(p + " = " + Files.readString(p));
                    }
                  }
                } catch (java.util.zip.ZipException refused) {
                  System.out.println("dots refused");
                }
                """));
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout())
        .contains("/hello.txt = inside the zip")
        .containsAnyOf("dots refused", "= entry named ../../etc/passwd")
        .contains("/etc/hostname = entry named /etc/hostname")
        .contains("uri: jar:file:/data/a.zip!/hello.txt")
        .contains("toString: /data/a.zip")
        .contains("store: /data/a.zip")
        .contains("toFile: java.lang.UnsupportedOperationException")
        .contains("cell path in zip provider: java.nio.file.ProviderMismatchException")
        .contains("zip path in cell: java.nio.file.ProviderMismatchException")
        .contains("zip in zip: java.nio.file.ProviderNotFoundException: Provider not found (rule:"
            + " file-systems)")
        .doesNotContain("HOST SECRET")
        .doesNotContain(host.toString());
  }

  @Test
  void aZipOutsideTheGrantsIsRefusedAsTheFileRulesSayAndNothingOfItIsRead() {
    RunResult result =
        run(
            mounted(Access.READ),
            program(
                "Outside",
                """
                attempt("absolute", () -> FileSystems.newFileSystem(Path.of(args[0])));
                attempt("escape", () -> FileSystems.newFileSystem(Path.of("/data/../secrets/secret.zip")));
                attempt("map", () -> FileSystems.newFileSystem(Path.of(args[0]), Map.of()));
                attempt("loader", () -> FileSystems.newFileSystem(Path.of(args[0]), (ClassLoader) null));
                attempt("missing", () -> FileSystems.newFileSystem(Path.of("/data/none.zip")));
                attempt("not a zip", () -> FileSystems.newFileSystem(Path.of("/data")));
                """.replace("args[0]", "\"" + secretZip + "\"")));
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout().lines())
        .filteredOn(line -> !line.startsWith("missing") && !line.startsWith("not a zip"))
        .hasSize(4)
        .allMatch(line -> line.contains("java.nio.file.NoSuchFileException")
            || line.contains("java.nio.file.AccessDeniedException"), "refused");
    assertThat(result.stdout())
        .contains("missing: java.nio.file.NoSuchFileException")
        .contains("not a zip: java.nio.file.ProviderNotFoundException")
        .doesNotContain("SECRET ENTRY");
  }

  @Test
  void theProviderOpensNoOtherFileSystemNotTheSupervisorsNorAnotherCellsNorAHostPath()
      throws IOException {
    URI secretUri = URI.create("jar:" + secretZip.toUri());
    String body =
        """
        FileSystem zip = FileSystems.newFileSystem(Path.of("/data/a.zip"));
        FileSystemProvider provider = zip.provider();
        attempt("supervisor's", () -> provider.getFileSystem(URI.create("SECRET")));
        attempt("path of supervisor's", () -> Files.readString(provider.getPath(URI.create("SECRET!/secret.txt"))));
        attempt("host path", () -> provider.newFileSystem(URI.create("jar:file:/etc/passwd.zip"), Map.of()));
        attempt("secret by uri", () -> provider.newFileSystem(URI.create("SECRET"), Map.of()));
        attempt("another cell's", () -> provider.getFileSystem(URI.create("jar:file:/data/a.zip")));
        attempt("by path", () -> provider.newFileSystem(Path.of("/data/a.zip"), Map.of()));
        attempt("FileSystems by uri", () -> FileSystems.newFileSystem(URI.create("SECRET"), Map.of()));
        attempt("FileSystems get", () -> FileSystems.getFileSystem(URI.create("SECRET")));
        attempt("Path.of uri", () -> Path.of(URI.create("SECRET!/secret.txt")));
        attempt("providers", () -> FileSystemProvider.installedProviders().size());
        Holder.kept = zip;
        """
            .replace("SECRET", secretUri.toString());
    String holder = "class Holder { static FileSystem kept; }\n";
    try (FileSystem supervisors = FileSystems.newFileSystem(secretUri, Map.of());
        Cell first = Cell.create(mounted(Access.READ));
        Cell second = Cell.create(mounted(Access.READ))) {
      assertThat(Files.readString(supervisors.getPath("secret.txt"))).isEqualTo("SECRET ENTRY");
      String source = program("Escape", body) + holder;
      RunResult firstRun = first.run(first.loadSource("Escape.java", source));
      // The first cell still holds its zip file system open while the second one tries.
      RunResult result = second.run(second.loadSource("Escape.java", source));
      for (RunResult run : List.of(firstRun, result)) {
        assertThat(run.status()).as(run.stderr()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.stdout().lines().filter(line -> !line.startsWith("providers")))
            .hasSize(9)
            .allMatch(line -> line.contains("rule: file-systems")
                || line.contains("FileSystemNotFoundException"), "refused");
        assertThat(run.stdout()).contains("providers: 1").doesNotContain("SECRET ENTRY");
        assertThat(run.violations()).extracting(Violation::rule).contains("file-systems");
      }
    }
  }

  @Test
  void everyWriteIsRefusedEvenWhereTheCellMayWriteAndTheZipFileStaysUnchanged()
      throws IOException {
    byte[] before = Files.readAllBytes(zipFile);
    RunResult result =
        run(
            mounted(Access.WRITE),
            program(
                "Writer",
                """
                Files.writeString(Path.of("/data/plain.txt"), "a plain file");
                FileSystem zip = FileSystems.newFileSystem(Path.of("/data/a.zip"));
                Path hello = zip.getPath("/hello.txt");
                attempt("read only", () -> zip.isReadOnly() + " " + Files.isWritable(hello));
                attempt("write", () -> Files.writeString(hello, "changed"));
                attempt("create", () -> Files.writeString(zip.getPath("/new.txt"), "new"));
                attempt("append", () -> Files.newOutputStream(hello, StandardOpenOption.APPEND));
                attempt("channel", () -> Files.newByteChannel(hello, StandardOpenOption.WRITE));
                attempt("delete", () -> { Files.delete(hello); return null; });
                attempt("deleteIfExists", () -> Files.deleteIfExists(hello));
                attempt("mkdir", () -> Files.createDirectory(zip.getPath("/dir")));
                attempt("copy in", () -> Files.copy(Path.of("/data/plain.txt"), zip.getPath("/in.txt")));
                attempt("copy within", () -> Files.copy(hello, zip.getPath("/copy.txt")));
                attempt("move", () -> Files.move(hello, zip.getPath("/moved.txt")));
                attempt("times", () -> Files.setLastModifiedTime(hello, FileTime.fromMillis(0)));
                attempt("view", () -> { Files.getFileAttributeView(hello, BasicFileAttributeView.class)
                    .setTimes(FileTime.fromMillis(0), null, null); return null; });
                attempt("attribute", () -> Files.setAttribute(hello, "lastModifiedTime", FileTime.fromMillis(0)));
                attempt("create=true", () -> FileSystems.newFileSystem(Path.of("/data/a.zip"), Map.of("create", "true")));
                attempt("create new", () -> FileSystems.newFileSystem(Path.of("/data/new.zip"), Map.of("create", true)));
                attempt("readWrite", () -> FileSystems.newFileSystem(Path.of("/data/a.zip"), Map.of("accessMode", "readWrite")));
                zip.close();
                System.out.println("closed");
                """));
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    List<String> lines = result.stdout().lines().collect(Collectors.toList());
    assertThat(lines).first().isEqualTo("read only: true false");
    assertThat(lines.subList(1, lines.size() - 1))
        .hasSize(16)
        .allMatch(line -> line.contains("java.nio.file.ReadOnlyFileSystemException: writing ")
            && line.contains("(rule: file-systems)"), "refused as a write");
    assertThat(lines).last().isEqualTo("closed");
    assertThat(Files.readAllBytes(zipFile)).isEqualTo(before);
    try (Stream<Path> files = Files.list(data)) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("a.zip", "dots.zip", "plain.txt");
    }
  }

  @Test
  void aHundredThousandEntryStreamsHeldOpenStopAtTheCompressorCap() {
    RunResult result =
        run(
            mounted(Access.READ),
            program(
                "Hoarder",
                """
                FileSystem zip = FileSystems.newFileSystem(Path.of("/data/a.zip"));
                List<InputStream> kept = new ArrayList<>();
                try {
                  for (int i = 0; i < 100_000; i++) kept.add(Files.newInputStream(zip.getPath("hello.txt")));
                  System.out.println("all opened");
                } catch (SecurityException e) {
                  System.out.println("stopped after " + kept.size() + ": " + e.getMessage());
                }
                """));
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout())
        .startsWith("stopped after 64: creating an entry stream of a zip file system while 64")
        .contains("(rule: native-compressors)");
    assertThat(result.violations()).extracting(Violation::rule).contains("native-compressors");
  }

  @Test
  void streamsAndFileSystemsClosedReleaseTheirCompressorsSoChurnRunsOn() {
    RunResult result =
        run(
            mounted(Access.READ),
            program(
                "Churn",
                """
                for (int round = 0; round < 200; round++) {
                  try (FileSystem zip = FileSystems.newFileSystem(Path.of("/data/a.zip"))) {
                    List<InputStream> open = new ArrayList<>();
                    for (int i = 0; i < 40; i++) open.add(Files.newInputStream(zip.getPath("hello.txt")));
                    for (InputStream in : open) in.close();
                    for (int i = 0; i < 100; i++) Files.readAllBytes(zip.getPath("hello.txt"));
                  }
                }
                List<Deflater> deflaters = new ArrayList<>();
                while (deflaters.size() < 64) deflaters.add(new Deflater());
                System.out.println("done, all 64 free");
                """.replace("Deflater", "java.util.zip.Deflater")));
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("done, all 64 free\n");
  }

  /**
   * Opening with {@code releaseVersion} makes the JDK read the manifest through an inflater of its
   * own cache, which it keeps until the file system closes: one native inflater per file system
   * held, made outside any entry stream the cell opens.
   */
  @Test
  void multiReleaseFileSystemsHeldOpenCountTheirManifestInflatersAgainstTheCap() throws IOException {
    writeZip(
        data.resolve("mr.jar"),
        Map.of("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nMulti-Release: true\r\n\r\n"));
    RunResult result =
        run(
            mounted(Access.READ),
            program(
                "Manifests",
                """
                List<FileSystem> held = new ArrayList<>();
                try {
                  for (int i = 0; i < 200; i++) {
                    held.add(FileSystems.newFileSystem(Path.of("/data/mr.jar"),
                        Map.of("releaseVersion", "17")));
                  }
                } catch (SecurityException e) {
                  System.out.println("file systems stopped: " + e.getMessage());
                }
                List<java.util.zip.Deflater> deflaters = new ArrayList<>();
                try {
                  while (deflaters.size() < 64) deflaters.add(new java.util.zip.Deflater());
                } catch (SecurityException e) {
                  System.out.println("deflaters stopped");
                }
                System.out.println("alive " + (held.size() + deflaters.size()));
                for (FileSystem zip : held) zip.close();
                held.clear();
                deflaters.forEach(java.util.zip.Deflater::end);
                deflaters.clear();
                while (deflaters.size() < 64) deflaters.add(new java.util.zip.Deflater());
                System.out.println("all 64 free after close");
                """));
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout())
        .contains("alive 64\n", "(rule: native-compressors)")
        .endsWith("all 64 free after close\n");
  }

  /**
   * Each zip file system holds the zip file open: ten thousand of them stop at the open-file cap.
   * A release version the JDK rejects used to fail only after the JDK had opened the file, whose
   * channel then stayed open with the cell's place for it until the cell closed.
   */
  @Test
  void tenThousandFileSystemsStopAtTheOpenFileCapAndFailedOpensHoldNoFile() throws IOException {
    writeZip(
        data.resolve("mr.jar"),
        Map.of("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nMulti-Release: true\r\n\r\n"));
    RunResult result =
        run(
            mounted(Access.READ),
            program(
                "Opener",
                """
                List<FileSystem> held = new ArrayList<>();
                try {
                  for (int i = 0; i < 10_000; i++) held.add(FileSystems.newFileSystem(Path.of("/data/a.zip")));
                  System.out.println("all opened");
                } catch (IOException e) {
                  System.out.println("stopped after " + held.size() + ": " + e.getMessage());
                }
                for (FileSystem zip : held) zip.close();
                int refused = 0;
                for (Object version : new Object[] {"bogus", 0, -3, "99999999999999", true}) {
                  for (int i = 0; i < 100; i++) {
                    try {
                      FileSystems.newFileSystem(Path.of("/data/mr.jar"), Map.of("releaseVersion", version));
                    } catch (IllegalArgumentException e) {
                      refused++;
                    }
                  }
                }
                System.out.println("refused " + refused);
                attempt("then", () -> Files.readAllBytes(Path.of("/data/a.zip")).length > 0);
                """));
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout())
        .startsWith("stopped after 25")
        .contains("(rule: open-files, a cell holds at most 256)")
        .endsWith("refused 500\nthen: true\n");
  }

  /**
   * The JDK reads a zip's whole central directory into one array, sized by the zip's end record,
   * on the cell's thread: a sparse file whose end record claims a directory of 768 MiB makes the
   * JDK allocate that much at once, beyond a 64 MiB memory limit.
   */
  @Test
  void aCentralDirectoryClaimedHugeEndsAtTheMemoryLimitAndTheHostHeapIsFine() {
    RunResult result =
        run(
            Policy.builder()
                .mount(data, "/data", Access.WRITE)
                .memory(64L << 20)
                .timeout(Duration.ofSeconds(60))
                .build(),
            program(
                "BigCen",
                """
                long cen = 768L << 20;
                try (RandomAccessFile file = new RandomAccessFile("/data/big.zip", "rw")) {
                  file.setLength(cen + 22);
                  file.seek(cen);
                  byte[] end = new byte[22];
                  end[0] = 'P'; end[1] = 'K'; end[2] = 5; end[3] = 6;
                  end[8] = 1; end[10] = 1;                      // one entry
                  int size = (int) cen;                          // central directory size
                  end[12] = (byte) size; end[13] = (byte) (size >> 8);
                  end[14] = (byte) (size >> 16); end[15] = (byte) (size >> 24);
                  file.write(end);                               // offset 0
                }
                System.out.println("written");
                attempt("open", () -> FileSystems.newFileSystem(Path.of("/data/big.zip")));
                """));
    assertThat(result.stdout()).startsWith("written\n");
    assertThat(result.status()).as(result.stdout() + result.stderr())
        .isEqualTo(RunStatus.MEMORY_LIMIT);
    assertThat(Runtime.getRuntime().freeMemory()).isPositive();
  }

  /**
   * Threads read entries while another closes the file system and the cell rewrites and truncates
   * the zip file under it: the readers get exceptions, and afterwards every compressor place is
   * free again (no reservation drifts up, none is released twice).
   */
  @Test
  void closingAndRewritingUnderConcurrentReadersLeavesNoReservationBehind() {
    RunResult result =
        run(
            Policy.builder()
                .mount(data, "/data", Access.WRITE)
                .threads(8)
                .timeout(Duration.ofSeconds(60))
                .build(),
            program(
                "Racer",
                """
                byte[] original = Files.readAllBytes(Path.of("/data/a.zip"));
                java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
                for (int round = 0; round < 8; round++) {
                  Files.write(Path.of("/data/a.zip"), original);
                  FileSystem zip = FileSystems.newFileSystem(Path.of("/data/a.zip"));
                  List<Thread> readers = new ArrayList<>();
                  for (int t = 0; t < 3; t++) {
                    Thread reader = new Thread(() -> {
                      for (int i = 0; i < 200; i++) {
                        try (InputStream in = Files.newInputStream(zip.getPath("hello.txt"))) {
                          in.readAllBytes();
                          Files.readAllBytes(zip.getPath("hello.txt"));
                        } catch (Exception | Error e) {
                          failures.incrementAndGet();
                        }
                      }
                    });
                    reader.start();
                    readers.add(reader);
                  }
                  if (round % 2 == 0) Files.write(Path.of("/data/a.zip"), new byte[0]);
                  else Files.write(Path.of("/data/a.zip"), new byte[original.length]);
                  Thread.sleep(1);
                  zip.close();
                  for (Thread reader : readers) reader.join();
                }
                List<java.util.zip.Deflater> deflaters = new ArrayList<>();
                while (deflaters.size() < 64) deflaters.add(new java.util.zip.Deflater());
                System.out.println("failures seen " + (failures.get() > 0) + ", all 64 free");
                """));
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("failures seen true, all 64 free\n");
  }

  /**
   * A thread swaps the zip file for a link to a zip outside the grants while another opens it
   * as a file system over and over: the JDK opens the file through the cell's provider, which
   * judges the link where it is followed, so the secret zip is never read.
   */
  @Test
  void swappingTheZipForALinkOutsideTheGrantsBetweenCheckAndOpenReadsNothingOfIt()
      throws IOException {
    Files.createSymbolicLink(data.resolve("link.zip"), secretZip);
    Files.copy(zipFile, data.resolve("plain.zip"));
    RunResult result =
        run(
            Policy.builder()
                .mount(data, "/data", Access.WRITE)
                .threads(4)
                .timeout(Duration.ofSeconds(60))
                .build(),
            program(
                "Swapper",
                """
                Path x = Path.of("/data/x.zip");
                Thread swapper = new Thread(() -> {
                  for (int i = 0; i < 4000; i++) {
                    try {
                      Files.copy(Path.of(i % 2 == 0 ? "/data/link.zip" : "/data/plain.zip"), x,
                          StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
                    } catch (Exception e) {
                    }
                  }
                });
                swapper.start();
                Set<String> seen = new TreeSet<>();
                while (swapper.isAlive()) {
                  try (FileSystem zip = FileSystems.newFileSystem(x)) {
                    try (Stream<Path> all = Files.walk(zip.getPath("/"))) {
                      for (Path p : all.collect(Collectors.toList())) {
                        if (Files.isRegularFile(p)) seen.add(p + "=" + Files.readString(p));
                      }
                    }
                  } catch (Exception e) {
                    seen.add(e.getClass().getSimpleName() + (e instanceof SecurityException ? e.getMessage() : ""));
                  }
                }
                System.out.println(seen);
                """));
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).contains("/hello.txt=inside the zip", "NoSuchFileException")
        .doesNotContain("SECRET").doesNotContain("secret.txt")
        // a close that threw (the zip moved away) once kept its reservations: they ran out
        .doesNotContain("native-compressors");
    assertThat(Files.readAllBytes(secretZip)).isNotEmpty();
  }

  @Test
  void aZipBombEntryInflatesIntoTheCellsHeapAndEndsAtItsMemoryLimit() throws IOException {
    try (OutputStream out = Files.newOutputStream(data.resolve("bomb.zip"));
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.setLevel(Deflater.BEST_SPEED);
      zip.putNextEntry(new ZipEntry("zeros"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 1024; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    for (String read :
        new String[] {
          "Files.readAllBytes(p).length", "Files.newInputStream(p).readAllBytes().length"
        }) {
      RunResult result =
          run(
              Policy.builder()
                  .mount(data, "/data", Access.READ)
                  .memory(64L << 20)
                  .timeout(Duration.ofSeconds(60))
                  .build(),
              program(
                  "Bomb",
                  """
                  FileSystem zip = FileSystems.newFileSystem(Path.of("/data/bomb.zip"));
                  Path p = zip.getPath("zeros");
                  System.out.println("size " + Files.size(p));
                  System.out.println("inflated " + READ);
                  """
                      .replace("READ", read)));
      assertThat(result.status()).as(read + ": " + result.stderr())
          .isEqualTo(RunStatus.MEMORY_LIMIT);
      assertThat(result.stdout()).isEqualTo("size 1073741824\n");
    }
  }
}
