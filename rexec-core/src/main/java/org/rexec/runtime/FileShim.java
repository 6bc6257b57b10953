package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;
import static org.rexec.runtime.Interposes.Kind.VIRTUAL_METHOD;

import java.io.File;
import java.io.FileFilter;
import java.io.FilenameFilter;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.rexec.fs.StackTraces;

/**
 * The methods of {@code java.io.File} that touch the file system, carried out on the cell's:
 * a {@code File} holds a cell path, and asks the cell's rules whenever it goes to disk. The
 * semantics are {@code File}'s: a refused or failed operation returns {@code false}, {@code 0}
 * or {@code null} (and a refusal is recorded). A cell's subclass that overrides one of these
 * methods still gets its override.
 */
public final class FileShim {

  private FileShim() {}

  private static Path path(File file, CellContext cell) {
    return CellIo.path(cell, CellIo.name(file));
  }

  private static boolean overridden(File file, String name, Class<?>... parameters) {
    return Receivers.overriddenOutsideJdk(file, File.class, name, parameters);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean exists(File file, CellContext cell) {
    return overridden(file, "exists") ? file.exists() : Files.exists(path(file, cell));
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean isDirectory(File file, CellContext cell) {
    return overridden(file, "isDirectory")
        ? file.isDirectory()
        : Files.isDirectory(path(file, cell));
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean isFile(File file, CellContext cell) {
    return overridden(file, "isFile") ? file.isFile() : Files.isRegularFile(path(file, cell));
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean isHidden(File file, CellContext cell) {
    if (overridden(file, "isHidden")) {
      return file.isHidden();
    }
    return file.getName().startsWith(".");
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean canRead(File file, CellContext cell) {
    return overridden(file, "canRead") ? file.canRead() : Files.isReadable(path(file, cell));
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean canWrite(File file, CellContext cell) {
    return overridden(file, "canWrite") ? file.canWrite() : Files.isWritable(path(file, cell));
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean canExecute(File file, CellContext cell) {
    return overridden(file, "canExecute")
        ? file.canExecute()
        : Files.isExecutable(path(file, cell));
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static long length(File file, CellContext cell) {
    if (overridden(file, "length")) {
      return file.length();
    }
    try {
      return Files.isRegularFile(path(file, cell)) ? Files.size(path(file, cell)) : 0L;
    } catch (IOException | SecurityException failed) {
      return 0L;
    }
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static long lastModified(File file, CellContext cell) {
    if (overridden(file, "lastModified")) {
      return file.lastModified();
    }
    try {
      return Files.getLastModifiedTime(path(file, cell)).toMillis();
    } catch (IOException failed) {
      return 0L;
    }
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean setLastModified(File file, long time, CellContext cell) {
    if (overridden(file, "setLastModified", long.class)) {
      return file.setLastModified(time);
    }
    if (time < 0) {
      throw StackTraces.forCell(new IllegalArgumentException("Negative time"));
    }
    try {
      Files.setLastModifiedTime(path(file, cell), FileTime.fromMillis(time));
      return true;
    } catch (IOException failed) {
      return false;
    }
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean createNewFile(File file, CellContext cell) throws IOException {
    if (overridden(file, "createNewFile")) {
      return file.createNewFile();
    }
    try {
      Files.createFile(path(file, cell));
      return true;
    } catch (FileAlreadyExistsException exists) {
      return false;
    } catch (java.nio.file.NoSuchFileException noParent) {
      throw StackTraces.forCell(new IOException("No such file or directory"));
    } catch (java.nio.file.FileSystemException failed) {
      // As the JDK's: the reason alone, with no path.
      String reason = failed.getReason();
      throw StackTraces.forCell(new IOException(reason == null ? "Permission denied" : reason));
    }
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean delete(File file, CellContext cell) {
    if (overridden(file, "delete")) {
      return file.delete();
    }
    try {
      Files.delete(path(file, cell));
      return true;
    } catch (IOException failed) {
      return false;
    }
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static void deleteOnExit(File file, CellContext cell) {
    if (overridden(file, "deleteOnExit")) {
      file.deleteOnExit();
    } else {
      cell.files().deleteOnClose(CellIo.name(file));
    }
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean mkdir(File file, CellContext cell) {
    if (overridden(file, "mkdir")) {
      return file.mkdir();
    }
    try {
      Files.createDirectory(path(file, cell));
      return true;
    } catch (IOException failed) {
      return false;
    }
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean mkdirs(File file, CellContext cell) {
    if (overridden(file, "mkdirs")) {
      return file.mkdirs();
    }
    Path path = path(file, cell);
    if (Files.exists(path)) {
      return false;
    }
    try {
      Files.createDirectories(path);
      return true;
    } catch (IOException failed) {
      return false;
    }
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean renameTo(File file, File destination, CellContext cell) {
    if (overridden(file, "renameTo", File.class)) {
      return file.renameTo(destination);
    }
    try {
      Files.move(path(file, cell), path(Receivers.require(destination), cell),
          StandardCopyOption.REPLACE_EXISTING);
      return true;
    } catch (IOException failed) {
      return false;
    }
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static String[] list(File file, CellContext cell) {
    if (overridden(file, "list")) {
      return file.list();
    }
    return names(file, null, cell);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static String[] list(File file, FilenameFilter filter, CellContext cell) {
    if (overridden(file, "list", FilenameFilter.class)) {
      return file.list(filter);
    }
    return names(file, filter, cell);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static File[] listFiles(File file, CellContext cell) {
    if (overridden(file, "listFiles")) {
      return file.listFiles();
    }
    return files(file, names(file, null, cell), null);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static File[] listFiles(File file, FilenameFilter filter, CellContext cell) {
    if (overridden(file, "listFiles", FilenameFilter.class)) {
      return file.listFiles(filter);
    }
    return files(file, names(file, filter, cell), null);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static File[] listFiles(File file, FileFilter filter, CellContext cell) {
    if (overridden(file, "listFiles", FileFilter.class)) {
      return file.listFiles(filter);
    }
    return files(file, names(file, null, cell), filter);
  }

  /** The names in a directory, as {@code File.list} gives them: null if it cannot list. */
  private static String[] names(File directory, FilenameFilter filter, CellContext cell) {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(path(directory, cell))) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (filter == null || filter.accept(directory, name)) {
          names.add(name);
        }
      }
    } catch (IOException failed) {
      return null;
    }
    return names.toArray(new String[0]);
  }

  private static File[] files(File directory, String[] names, FileFilter filter) {
    if (names == null) {
      return null;
    }
    List<File> files = new ArrayList<>();
    for (String name : names) {
      File child = new File(directory, name);
      if (filter == null || filter.accept(child)) {
        files.add(child);
      }
    }
    return files.toArray(new File[0]);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean setReadOnly(File file, CellContext cell) {
    if (overridden(file, "setReadOnly")) {
      return file.setReadOnly();
    }
    return changePermissions(file, false, true, cell, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean setWritable(
      File file, boolean writable, boolean ownerOnly, CellContext cell) {
    if (overridden(file, "setWritable", boolean.class, boolean.class)) {
      return file.setWritable(writable, ownerOnly);
    }
    return changePermissions(file, writable, ownerOnly, cell, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean setWritable(File file, boolean writable, CellContext cell) {
    return setWritable(file, writable, true, cell);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean setReadable(
      File file, boolean readable, boolean ownerOnly, CellContext cell) {
    if (overridden(file, "setReadable", boolean.class, boolean.class)) {
      return file.setReadable(readable, ownerOnly);
    }
    return changePermissions(file, readable, ownerOnly, cell, PosixFilePermission.OWNER_READ,
        PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean setReadable(File file, boolean readable, CellContext cell) {
    return setReadable(file, readable, true, cell);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean setExecutable(
      File file, boolean executable, boolean ownerOnly, CellContext cell) {
    if (overridden(file, "setExecutable", boolean.class, boolean.class)) {
      return file.setExecutable(executable, ownerOnly);
    }
    return changePermissions(file, executable, ownerOnly, cell,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_EXECUTE);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean setExecutable(File file, boolean executable, CellContext cell) {
    return setExecutable(file, executable, true, cell);
  }

  /**
   * Sets or clears the owner's permission (and, unless {@code ownerOnly}, everyone's), as
   * {@code File}'s setters do.
   */
  private static boolean changePermissions(
      File file,
      boolean enable,
      boolean ownerOnly,
      CellContext cell,
      PosixFilePermission owner,
      PosixFilePermission group,
      PosixFilePermission others) {
    Path path = path(file, cell);
    try {
      Set<PosixFilePermission> permissions =
          EnumSet.copyOf(Files.getPosixFilePermissions(path));
      Set<PosixFilePermission> changed = ownerOnly ? Set.of(owner) : Set.of(owner, group, others);
      if (enable) {
        permissions.addAll(changed);
      } else {
        permissions.removeAll(changed);
      }
      Files.setPosixFilePermissions(path, permissions);
      return true;
    } catch (IOException | IllegalArgumentException failed) {
      return false;
    }
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static long getTotalSpace(File file, CellContext cell) {
    return overridden(file, "getTotalSpace") ? file.getTotalSpace() : space(file, cell, 0);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static long getFreeSpace(File file, CellContext cell) {
    return overridden(file, "getFreeSpace") ? file.getFreeSpace() : space(file, cell, 1);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static long getUsableSpace(File file, CellContext cell) {
    return overridden(file, "getUsableSpace") ? file.getUsableSpace() : space(file, cell, 2);
  }

  private static long space(File file, CellContext cell, int which) {
    try {
      FileStore store = Files.getFileStore(path(file, cell));
      return which == 0
          ? store.getTotalSpace()
          : which == 1 ? store.getUnallocatedSpace() : store.getUsableSpace();
    } catch (IOException failed) {
      return 0L;
    }
  }

  /** Against the cell's working directory, never the supervisor's {@code user.dir}. */
  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static String getAbsolutePath(File file, CellContext cell) {
    if (overridden(file, "getAbsolutePath")) {
      return file.getAbsolutePath();
    }
    return path(file, cell).toAbsolutePath().toString();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static File getAbsoluteFile(File file, CellContext cell) {
    if (overridden(file, "getAbsoluteFile")) {
      return file.getAbsoluteFile();
    }
    return new File(getAbsolutePath(file, cell));
  }

  /** Absolute, normalized, and with symbolic links resolved where the cell may see them. */
  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static String getCanonicalPath(File file, CellContext cell) throws IOException {
    if (overridden(file, "getCanonicalPath")) {
      return file.getCanonicalPath();
    }
    Path absolute = path(file, cell).toAbsolutePath().normalize();
    return cell.files().realPathQuietly(absolute.toString());
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static File getCanonicalFile(File file, CellContext cell) throws IOException {
    if (overridden(file, "getCanonicalFile")) {
      return file.getCanonicalFile();
    }
    return new File(getCanonicalPath(file, cell));
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static Path toPath(File file, CellContext cell) {
    return overridden(file, "toPath") ? file.toPath() : path(file, cell);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static URI toURI(File file, CellContext cell) {
    return overridden(file, "toURI") ? file.toURI() : path(file, cell).toUri();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  @SuppressWarnings("deprecation")
  public static URL toURL(File file, CellContext cell) throws MalformedURLException {
    return overridden(file, "toURL") ? file.toURL() : toURI(file, cell).toURL();
  }

  @Interposes(owner = File.class, kind = STATIC_METHOD)
  public static File[] listRoots(CellContext cell) {
    return new File[] {new File("/")};
  }

  @Interposes(owner = File.class, kind = STATIC_METHOD)
  public static File createTempFile(String prefix, String suffix, CellContext cell)
      throws IOException {
    return createTempFile(prefix, suffix, null, cell);
  }

  /** As the JDK's: the prefix needs three characters; the default directory is the scratch. */
  @Interposes(owner = File.class, kind = STATIC_METHOD)
  public static File createTempFile(
      String prefix, String suffix, File directory, CellContext cell) throws IOException {
    if (Receivers.require(prefix).length() < 3) {
      throw StackTraces.forCell(new IllegalArgumentException("Prefix string \"" + prefix
          + "\" too short: length must be at least 3"));
    }
    Path in = directory == null ? NioShim.scratch(cell) : path(directory, cell);
    Path created = Files.createTempFile(in, prefix, suffix == null ? ".tmp" : suffix);
    return new File(created.toString());
  }
}
