package org.rexec.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import org.rexec.policy.Access;
import org.rexec.fs.CellFiles;
import org.rexec.fs.Mount;

/**
 * The file invariant as a property: no interleaving of the file operations of several threads,
 * of two cells sharing one writable grant, opens, creates, deletes, renames, links or lists a
 * host file outside it. Each try lays out a grant beside a secret, has the cells build moved
 * relative links there legally, then runs random operations (create, write, read, mkdir,
 * delete, move, copy, symbolic and hard links, relative targets with {@code ..}) on three
 * threads at once, each going over its list several times to widen the races (a swap of two
 * directories, as three moves, puts the tree back for the next round). It then asserts
 * that no read, listing, attribute or link returned anything of the secret and that nothing
 * outside the grant changed.
 */
class ConcurrentFileOperationsTest {

  private static final String SECRET = "SECRET-c0ncurrent-";
  /** A name that only the host's directory outside the grant holds. */
  private static final String OUTSIDE_ONLY = "zq-outside-only";
  /** The secret's size, which no file the cells write can have. */
  private static final int SECRET_SIZE = 4242;
  private static final int THREADS = 3;
  private static final int ROUNDS = 12;

  /** Paths the operations name, under the grant; the moved links live at some of them. */
  private static final List<String> PATHS =
      List.of(
          "a", "b", "c", "a/b", "a/c", "b/b", "b/c", "a/b/c", "a/f", "b/f", "a/b/f", "c/f",
          "up", "a/up", "b/up", "c/up", "a/b/up", "b/b/up", "b/up/secret.txt",
          "a/up/secret.txt", "c/up/secret.txt", "b/b/up/secret.txt", "a/b/up/secret.txt",
          "b/up/" + "new", "c/up/new", "b/s", "a/s", "a/b/s", "b/n", "a/n", "a/b/n", "n",
          "a/../b/up/secret.txt", "b/./up");

  /** Directories that swaps exchange: some hold the moved links, some real directories. */
  private static final List<String> DIRECTORIES = List.of("a", "b", "c");

  /** Names under the swapped directories that probes use. */
  private static final List<String> PROBED =
      List.of("up/secret.txt", "up/secret.txt", "up", "up/new", "s");

  /** Link targets: relative ones with {@code ..} that leave the grant once moved, and others. */
  private static final List<String> TARGETS =
      List.of(
          "../../outside", "../outside", "../../outside/secret.txt", "../../new", "..",
          "../..", "a", "../a/b", "/data/a", "/data/b/up", "up/secret.txt", "../../../outside",
          "f");

  enum Kind { READ, WRITE, MKDIR, DELETE, MOVE, SWAP, COPY, SYMLINK, HARDLINK, LIST, STAT,
    READLINK, REALPATH }

  record Op(Kind kind, String path, String other, String target) {
    @Override
    public String toString() {
      return kind + " " + path
          + (kind == Kind.MOVE || kind == Kind.SWAP || kind == Kind.COPY || kind == Kind.HARDLINK ? " " + other : "")
          + (kind == Kind.SYMLINK ? " -> " + target : "");
    }
  }

  @Property(tries = 1000)
  void noInterleavingReachesOutsideTheGrant(@ForAll("programs") List<List<Op>> programs)
      throws Exception {
    check(programs);
  }

  @Property(tries = 5000)
  @Tag("soak")
  void noInterleavingReachesOutsideTheGrantSoak(@ForAll("programs") List<List<Op>> programs)
      throws Exception {
    check(programs);
  }

  @Provide
  Arbitrary<List<List<Op>>> programs() {
    Arbitrary<Kind> kinds =
        Arbitraries.frequency(
            Tuple.of(3, Kind.READ), Tuple.of(2, Kind.WRITE), Tuple.of(1, Kind.MKDIR),
            Tuple.of(1, Kind.DELETE), Tuple.of(2, Kind.MOVE),
 Tuple.of(1, Kind.COPY),
            Tuple.of(1, Kind.SYMLINK), Tuple.of(1, Kind.HARDLINK), Tuple.of(2, Kind.LIST),
            Tuple.of(1, Kind.STAT), Tuple.of(1, Kind.READLINK), Tuple.of(1, Kind.REALPATH));
    Arbitrary<String> paths = Arbitraries.of(PATHS);
    Arbitrary<Op> op =
        Combinators.combine(kinds, paths, paths, Arbitraries.of(TARGETS)).as(Op::new);
    Arbitrary<String> directories = Arbitraries.of(DIRECTORIES);
    Arbitrary<Op> swap =
        Combinators.combine(directories, directories)
            .as((path, other) -> new Op(Kind.SWAP, path, other, null));
    // Probes name paths through the swapped directories, where the moved links are.
    Arbitrary<Op> probe =
        Combinators.combine(
                Arbitraries.of(Kind.READ, Kind.WRITE, Kind.LIST, Kind.STAT),
                directories,
                Arbitraries.of(PROBED))
            .as((kind, directory, name) -> new Op(kind, directory + "/" + name, "a", null));
    return Arbitraries.frequencyOf(Tuple.of(3, op), Tuple.of(1, swap), Tuple.of(2, probe))
        .list().ofMinSize(3).ofMaxSize(12).list().ofSize(THREADS);
  }

  private static void check(List<List<Op>> programs) throws Exception {
    // Links can climb a few levels above the grant: all of them are watched.
    Path top = Files.createTempDirectory("rexec-concurrent");
    Path root = Files.createDirectories(top.resolve("p/q/r"));
    Path grant = Files.createDirectories(root.resolve("grant"));
    Path outside = Files.createDirectories(root.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), secretText());
    Files.writeString(outside.resolve(OUTSIDE_ONLY), secretText());
    Files.createDirectories(outside.resolve("dir"));
    Files.writeString(root.resolve("beside.txt"), secretText());
    List<CellFiles> cells = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        cells.add(
            CellFiles.builder().mount(new Mount("/data", grant, Access.WRITE, "allow-write"))
                .build());
      }
      layOut(cells.get(0).fileSystem());
      Map<String, String> before = snapshotOutside(top, grant);
      ConcurrentLinkedQueue<String> leaks = new ConcurrentLinkedQueue<>();
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        FileSystem fs = cells.get(t % cells.size()).fileSystem();
        List<Op> program = programs.get(t);
        Thread thread = new Thread(() -> runProgram(fs, program, start, leaks));
        threads.add(thread);
        thread.start();
      }
      for (Thread thread : threads) {
        thread.join();
      }
      assertThat(leaks).as("what the cells got from outside the grant").isEmpty();
      assertThat(snapshotOutside(top, grant)).as("the host outside the grant").isEqualTo(before);
      assertThat(outside.resolve("secret.txt")).hasContent(secretText());
    } finally {
      for (CellFiles cell : cells) {
        cell.close();
      }
      deleteTree(top);
    }
  }

  private static String secretText() {
    return (SECRET + "x".repeat(SECRET_SIZE)).substring(0, SECRET_SIZE);
  }

  /** Moved relative links, made legally by the cell: inside when made, outside once moved. */
  private static void layOut(FileSystem fs) throws IOException {
    Path data = fs.getPath("/data");
    Files.createDirectories(data.resolve("x/b/c"));
    Files.createDirectories(data.resolve("b"));
    Files.writeString(data.resolve("x/f"), "plain");
    Files.writeString(data.resolve("x/b/f"), "plain");
    Files.createSymbolicLink(data.resolve("x/b/up"), fs.getPath("../../outside"));
    Files.createSymbolicLink(data.resolve("x/b/c/up"), fs.getPath("../../../outside"));
    Files.createSymbolicLink(data.resolve("x/b/s"), fs.getPath("../../outside/secret.txt"));
    Files.createSymbolicLink(data.resolve("x/b/n"), fs.getPath("../../new"));
    Files.move(data.resolve("x/b"), data.resolve("a"));
    Files.move(data.resolve("a/c"), data.resolve("c"));
    // A real directory where the moved links are, to swap with theirs.
    Files.createDirectories(data.resolve("b/up"));
    Files.writeString(data.resolve("b/up/secret.txt"), "decoy");
  }

  private static void runProgram(
      FileSystem fs, List<Op> program, CyclicBarrier start, ConcurrentLinkedQueue<String> leaks) {
    try {
      start.await();
    } catch (Exception interrupted) {
      leaks.add("start: " + interrupted);
      return;
    }
    for (int round = 0; round < ROUNDS; round++) {
      for (Op op : program) {
        try {
          String got = apply(fs, op);
          if (got != null && leaks(got)) {
            leaks.add(op + " gave " + got.substring(0, Math.min(80, got.length())));
          }
        } catch (IOException | UncheckedIOException | DirectoryIteratorException refused) {
          // Refused, or the host said no: fine.
        } catch (RuntimeException | Error bug) {
          leaks.add(op + " failed unexpectedly: " + bug);
        }
      }
    }
  }

  private static boolean leaks(String got) {
    return got.contains(SECRET) || got.contains(OUTSIDE_ONLY) || got.equals("size " + SECRET_SIZE)
        || got.contains("beside.txt");
  }

  /** Carries out one operation; returns what it gave the cell, as text. */
  private static String apply(FileSystem fs, Op op) throws IOException {
    Path path = fs.getPath("/data", op.path());
    Path other = fs.getPath("/data", op.other());
    switch (op.kind()) {
      case READ:
        return new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
      case WRITE:
        Files.write(path, "w".getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return null;
      case MKDIR:
        Files.createDirectory(path);
        return null;
      case DELETE:
        Files.delete(path);
        return null;
      case MOVE:
        Files.move(path, other);
        return null;
      case SWAP:
        Path aside = fs.getPath("/data", "aside-" + Thread.currentThread().getId());
        Files.move(path, aside);
        try {
          Files.move(other, path);
        } finally {
          Files.move(aside, Files.exists(other, LinkOption.NOFOLLOW_LINKS) ? path : other);
        }
        return null;
      case COPY:
        Files.copy(path, other, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        return null;
      case SYMLINK:
        Files.createSymbolicLink(path, fs.getPath(op.target()));
        return null;
      case HARDLINK:
        Files.createLink(path, other);
        return null;
      case LIST:
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
          List<String> names = new ArrayList<>();
          entries.forEach(entry -> names.add(entry.getFileName().toString()));
          return names.toString();
        }
      case STAT:
        return "size " + Files.readAttributes(path, BasicFileAttributes.class).size();
      case READLINK:
        return Files.readSymbolicLink(path).toString();
      case REALPATH:
        return path.toRealPath().toString();
      default:
        throw new AssertionError(op.kind());
    }
  }

  /** Every entry outside the grant: type, and content or link text. */
  private static Map<String, String> snapshotOutside(Path root, Path grant) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            if (dir.equals(grant)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            entries.put(root.relativize(dir).toString(), "dir");
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            entries.put(
                root.relativize(file).toString(),
                attributes.isSymbolicLink()
                    ? "link " + Files.readSymbolicLink(file)
                    : "file " + Arrays.hashCode(Files.readAllBytes(file)));
            return FileVisitResult.CONTINUE;
          }
        });
    return entries;
  }

  private static void deleteTree(Path root) throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException failure)
              throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
