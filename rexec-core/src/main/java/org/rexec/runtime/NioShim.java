package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.STATIC_FIELD_GET;
import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;
import static org.rexec.runtime.Interposes.Kind.VIRTUAL_METHOD;

import java.io.FileDescriptor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.ProviderNotFoundException;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.spi.FileSystemProvider;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rexec.fs.CellZipFileSystem;
import org.rexec.fs.StackTraces;
import org.rexec.policy.Rule;

/**
 * The ways into NIO's file systems, leading to the cell's: {@code Path.of}, {@code Paths.get},
 * {@code FileSystems.getDefault()} and the provider list. A cell path's file system is the
 * cell's, so every {@code Files} method then applies the cell's rules by itself. A zip or jar
 * file the cell may read opens as a read-only zip file system of the cell's; other file system
 * providers (jrt, zip by URI) do not exist for a cell.
 */
public final class NioShim {

  private NioShim() {}

  private static FileSystem fileSystem(CellContext cell) {
    return cell.files().fileSystem();
  }

  @Interposes(owner = Path.class, member = "of", kind = STATIC_METHOD)
  public static Path pathOf(String first, String[] more, CellContext cell) {
    return fileSystem(cell).getPath(first, more);
  }

  @Interposes(owner = Path.class, member = "of", kind = STATIC_METHOD)
  public static Path pathOf(URI uri, CellContext cell) {
    return fromUri(uri, cell);
  }

  @Interposes(owner = Paths.class, member = "get", kind = STATIC_METHOD)
  public static Path pathsGet(String first, String[] more, CellContext cell) {
    return fileSystem(cell).getPath(first, more);
  }

  @Interposes(owner = Paths.class, member = "get", kind = STATIC_METHOD)
  public static Path pathsGet(URI uri, CellContext cell) {
    return fromUri(uri, cell);
  }

  private static Path fromUri(URI uri, CellContext cell) {
    if (!"file".equalsIgnoreCase(Receivers.require(uri).getScheme())) {
      throw StackTraces.forCell(new FileSystemNotFoundException(
          "Provider \"" + uri.getScheme() + "\" not installed"));
    }
    return fileSystem(cell).provider().getPath(uri);
  }

  @Interposes(owner = FileSystems.class, member = "getDefault", kind = STATIC_METHOD)
  public static FileSystem defaultFileSystem(CellContext cell) {
    return fileSystem(cell);
  }

  @Interposes(owner = FileSystems.class, member = "getFileSystem", kind = STATIC_METHOD)
  public static FileSystem fileSystem(URI uri, CellContext cell) {
    if (!"file".equalsIgnoreCase(Receivers.require(uri).getScheme())) {
      throw StackTraces.forCell(new FileSystemNotFoundException(
          "Provider \"" + uri.getScheme() + "\" not installed"));
    }
    return fileSystem(cell);
  }

  @Interposes(owner = FileSystems.class, member = "newFileSystem", kind = STATIC_METHOD)
  public static FileSystem newFileSystem(URI uri, Map<String, ?> env, CellContext cell) {
    throw noProvider(cell, uri.toString());
  }

  @Interposes(owner = FileSystems.class, member = "newFileSystem", kind = STATIC_METHOD)
  public static FileSystem newFileSystem(
      URI uri, Map<String, ?> env, ClassLoader loader, CellContext cell) {
    throw noProvider(cell, uri.toString());
  }

  // A zip or jar file at a cell path opens read-only, wrapped (org.rexec.fs.CellZipFileSystem);
  // the class loader chooses among providers, and a cell has the zip provider only.

  @Interposes(owner = FileSystems.class, member = "newFileSystem", kind = STATIC_METHOD)
  public static FileSystem newFileSystem(Path path, ClassLoader loader, CellContext cell)
      throws IOException {
    return zipFileSystem(path, Map.of(), cell);
  }

  @Interposes(owner = FileSystems.class, member = "newFileSystem", kind = STATIC_METHOD)
  public static FileSystem newFileSystem(Path path, CellContext cell) throws IOException {
    return zipFileSystem(path, Map.of(), cell);
  }

  @Interposes(owner = FileSystems.class, member = "newFileSystem", kind = STATIC_METHOD)
  public static FileSystem newFileSystem(Path path, Map<String, ?> env, CellContext cell)
      throws IOException {
    return zipFileSystem(path, env, cell);
  }

  @Interposes(owner = FileSystems.class, member = "newFileSystem", kind = STATIC_METHOD)
  public static FileSystem newFileSystem(
      Path path, Map<String, ?> env, ClassLoader loader, CellContext cell) throws IOException {
    return zipFileSystem(path, env, cell);
  }

  private static FileSystem zipFileSystem(Path path, Map<String, ?> env, CellContext cell)
      throws IOException {
    Guards.check(cell);
    if (!cell.files().fileSystem().owns(Receivers.require(path))) {
      throw noProvider(cell, String.valueOf(path));
    }
    return CellZipFileSystem.open(
        cell.files().fileSystem(), path, Objects.requireNonNull(env), new CellZipRules(cell));
  }

  /** Only the cell's own file system exists: a zip or jrt file system would bypass its rules. */
  private static ProviderNotFoundException noProvider(CellContext cell, String target) {
    RefusalSite site =
        Refusals.record(cell, "call", "java.nio.file.FileSystems.newFileSystem(" + target + ")",
            Rule.FILE_SYSTEMS);
    return StackTraces.forCell(new ProviderNotFoundException("Provider not found (rule: "
        + site.rule() + ")"));
  }

  @Interposes(owner = FileSystemProvider.class, kind = STATIC_METHOD)
  public static List<FileSystemProvider> installedProviders(CellContext cell) {
    return List.of(fileSystem(cell).provider());
  }

  /** Temporary files go to the cell's {@code java.io.tmpdir}, its scratch directory. */
  @Interposes(owner = Files.class, kind = STATIC_METHOD)
  public static Path createTempFile(
      String prefix, String suffix, FileAttribute<?>[] attributes, CellContext cell)
      throws IOException {
    return Files.createTempFile(scratch(cell), prefix, suffix, attributes);
  }

  @Interposes(owner = Files.class, kind = STATIC_METHOD)
  public static Path createTempDirectory(
      String prefix, FileAttribute<?>[] attributes, CellContext cell) throws IOException {
    return Files.createTempDirectory(scratch(cell), prefix, attributes);
  }

  static Path scratch(CellContext cell) {
    return fileSystem(cell).getPath(cell.files().scratchDirectory());
  }

  @Interposes(owner = FileDescriptor.class, member = "in", kind = STATIC_FIELD_GET)
  public static FileDescriptor standardIn(CellContext cell) {
    return cell.stdinDescriptor;
  }

  @Interposes(owner = FileDescriptor.class, member = "out", kind = STATIC_FIELD_GET)
  public static FileDescriptor standardOut(CellContext cell) {
    return cell.stdoutDescriptor;
  }

  @Interposes(owner = FileDescriptor.class, member = "err", kind = STATIC_FIELD_GET)
  public static FileDescriptor standardErr(CellContext cell) {
    return cell.stderrDescriptor;
  }

  /** The final {@code getChannel()} of a cell's RandomAccessFile gives the cell's channel. */
  @Interposes(owner = RandomAccessFile.class, kind = VIRTUAL_METHOD)
  public static FileChannel getChannel(RandomAccessFile file, CellContext cell) {
    return Receivers.require(file) instanceof CellRandomAccessFile
        ? ((CellRandomAccessFile) file).cellChannel()
        : file.getChannel();
  }
}
