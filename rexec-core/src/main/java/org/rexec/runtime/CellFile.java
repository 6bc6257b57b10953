package org.rexec.runtime;

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
 * The cell's {@code java.io.File}: a {@code File} that holds a cell path and goes to the cell's
 * file system whenever it touches the disk. Cell code that creates or extends {@code File} gets
 * this class (so {@code super.exists()} in a cell's subclass lands here); {@link FileShim} wraps
 * the plain {@code File}s the JDK creates. The semantics are {@code File}'s: a refused or failed
 * operation returns {@code false}, {@code 0} or {@code null}, and a refusal is recorded.
 */
@Substitutes(File.class)
public class CellFile extends File {

  private static final long serialVersionUID = 1L;

  private final transient CellContext cell;

  public CellFile(String path, CellContext cell) {
    super(path);
    this.cell = cell;
  }

  public CellFile(String parent, String child, CellContext cell) {
    super(parent, child);
    this.cell = cell;
  }

  public CellFile(File parent, String child, CellContext cell) {
    super(parent, child);
    this.cell = cell;
  }

  public CellFile(URI uri, CellContext cell) {
    super(uri);
    this.cell = cell;
  }

  /** {@code file} as a cell file: itself if it is one, else one with its path. */
  static CellFile of(File file, CellContext cell) {
    return Receivers.require(file) instanceof CellFile
        ? (CellFile) file
        : new CellFile(file.getPath(), cell);
  }

  private Path path() {
    return CellIo.path(cell, getPath());
  }

  @Override
  public File getParentFile() {
    String parent = getParent();
    return parent == null ? null : new CellFile(parent, cell);
  }

  @Override
  public boolean exists() {
    return Files.exists(path());
  }

  @Override
  public boolean isDirectory() {
    return Files.isDirectory(path());
  }

  @Override
  public boolean isFile() {
    return Files.isRegularFile(path());
  }

  @Override
  public boolean isHidden() {
    return getName().startsWith(".");
  }

  @Override
  public boolean canRead() {
    return Files.isReadable(path());
  }

  @Override
  public boolean canWrite() {
    return Files.isWritable(path());
  }

  @Override
  public boolean canExecute() {
    return Files.isExecutable(path());
  }

  @Override
  public long length() {
    try {
      return Files.isRegularFile(path()) ? Files.size(path()) : 0L;
    } catch (IOException failed) {
      return 0L;
    }
  }

  @Override
  public long lastModified() {
    try {
      return Files.getLastModifiedTime(path()).toMillis();
    } catch (IOException failed) {
      return 0L;
    }
  }

  @Override
  public boolean setLastModified(long time) {
    if (time < 0) {
      throw StackTraces.forCell(new IllegalArgumentException("Negative time"));
    }
    try {
      Files.setLastModifiedTime(path(), FileTime.fromMillis(time));
      return true;
    } catch (IOException failed) {
      return false;
    }
  }

  @Override
  public boolean createNewFile() throws IOException {
    try {
      Files.createFile(path());
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

  @Override
  public boolean delete() {
    try {
      Files.delete(path());
      return true;
    } catch (IOException failed) {
      return false;
    }
  }

  @Override
  public void deleteOnExit() {
    cell.files().deleteOnClose(getPath());
  }

  @Override
  public boolean mkdir() {
    try {
      Files.createDirectory(path());
      return true;
    } catch (IOException failed) {
      return false;
    }
  }

  @Override
  public boolean mkdirs() {
    if (Files.exists(path())) {
      return false;
    }
    try {
      Files.createDirectories(path());
      return true;
    } catch (IOException failed) {
      return false;
    }
  }

  @Override
  public boolean renameTo(File destination) {
    try {
      Files.move(path(), of(destination, cell).path(), StandardCopyOption.REPLACE_EXISTING);
      return true;
    } catch (IOException failed) {
      return false;
    }
  }

  @Override
  public String[] list() {
    return names(null);
  }

  @Override
  public String[] list(FilenameFilter filter) {
    return names(filter);
  }

  @Override
  public File[] listFiles() {
    return files(names(null), null);
  }

  @Override
  public File[] listFiles(FilenameFilter filter) {
    return files(names(filter), null);
  }

  @Override
  public File[] listFiles(FileFilter filter) {
    return files(names(null), filter);
  }

  /** The names in this directory, as {@code File.list} gives them: null if it cannot list. */
  private String[] names(FilenameFilter filter) {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(path())) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (filter == null || filter.accept(this, name)) {
          names.add(name);
        }
      }
    } catch (IOException failed) {
      return null;
    }
    return names.toArray(new String[0]);
  }

  private File[] files(String[] names, FileFilter filter) {
    if (names == null) {
      return null;
    }
    List<File> files = new ArrayList<>();
    for (String name : names) {
      File child = new CellFile(this, name, cell);
      if (filter == null || filter.accept(child)) {
        files.add(child);
      }
    }
    return files.toArray(new File[0]);
  }

  @Override
  public boolean setReadOnly() {
    return changePermissions(false, false, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
  }

  @Override
  public boolean setWritable(boolean writable, boolean ownerOnly) {
    return changePermissions(writable, ownerOnly, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
  }

  @Override
  public boolean setWritable(boolean writable) {
    return setWritable(writable, true);
  }

  @Override
  public boolean setReadable(boolean readable, boolean ownerOnly) {
    return changePermissions(readable, ownerOnly, PosixFilePermission.OWNER_READ,
        PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
  }

  @Override
  public boolean setReadable(boolean readable) {
    return setReadable(readable, true);
  }

  @Override
  public boolean setExecutable(boolean executable, boolean ownerOnly) {
    return changePermissions(executable, ownerOnly, PosixFilePermission.OWNER_EXECUTE,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
  }

  @Override
  public boolean setExecutable(boolean executable) {
    return setExecutable(executable, true);
  }

  /** Sets or clears the owner's permission, and everyone's unless {@code ownerOnly}. */
  private boolean changePermissions(
      boolean enable,
      boolean ownerOnly,
      PosixFilePermission owner,
      PosixFilePermission group,
      PosixFilePermission others) {
    try {
      Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(path()));
      Set<PosixFilePermission> changed = ownerOnly ? Set.of(owner) : Set.of(owner, group, others);
      if (enable) {
        permissions.addAll(changed);
      } else {
        permissions.removeAll(changed);
      }
      Files.setPosixFilePermissions(path(), permissions);
      return true;
    } catch (IOException | IllegalArgumentException failed) {
      return false;
    }
  }

  @Override
  public long getTotalSpace() {
    return space(0);
  }

  @Override
  public long getFreeSpace() {
    return space(1);
  }

  @Override
  public long getUsableSpace() {
    return space(2);
  }

  private long space(int which) {
    try {
      FileStore store = Files.getFileStore(path());
      return which == 0
          ? store.getTotalSpace()
          : which == 1 ? store.getUnallocatedSpace() : store.getUsableSpace();
    } catch (IOException failed) {
      return 0L;
    }
  }

  /** Against the cell's working directory, never the supervisor's {@code user.dir}. */
  @Override
  public String getAbsolutePath() {
    return path().toAbsolutePath().toString();
  }

  @Override
  public File getAbsoluteFile() {
    return new CellFile(getAbsolutePath(), cell);
  }

  /** Absolute, normalized, and with symbolic links resolved where the cell may see them. */
  @Override
  public String getCanonicalPath() {
    return cell.files().realPathQuietly(path().toAbsolutePath().normalize().toString());
  }

  @Override
  public File getCanonicalFile() {
    return new CellFile(getCanonicalPath(), cell);
  }

  @Override
  public Path toPath() {
    return path();
  }

  @Override
  public URI toURI() {
    return path().toUri();
  }

  @Override
  @Deprecated
  public URL toURL() throws MalformedURLException {
    return UrlShim.fileUrl(toURI(), cell);
  }
}
