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
import java.nio.file.Files;
import java.nio.file.Path;
import org.rexec.fs.StackTraces;

/**
 * The methods of {@code java.io.File} that touch the disk, called on a plain {@code File} (one
 * the JDK made, such as {@code path.toFile()}): carried out by a {@link CellFile} of the same
 * path. A {@code CellFile}, or a cell's subclass of it, answers for itself, overrides included.
 */
public final class FileShim {

  private FileShim() {}

  private static CellFile cellFile(File file, CellContext cell) {
    return CellFile.of(file, cell);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean exists(File file, CellContext cell) {
    return cellFile(file, cell).exists();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean isDirectory(File file, CellContext cell) {
    return cellFile(file, cell).isDirectory();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean isFile(File file, CellContext cell) {
    return cellFile(file, cell).isFile();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean isHidden(File file, CellContext cell) {
    return cellFile(file, cell).isHidden();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean canRead(File file, CellContext cell) {
    return cellFile(file, cell).canRead();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean canWrite(File file, CellContext cell) {
    return cellFile(file, cell).canWrite();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean canExecute(File file, CellContext cell) {
    return cellFile(file, cell).canExecute();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static long length(File file, CellContext cell) {
    return cellFile(file, cell).length();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static long lastModified(File file, CellContext cell) {
    return cellFile(file, cell).lastModified();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean setLastModified(File file, long time, CellContext cell) {
    return cellFile(file, cell).setLastModified(time);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean createNewFile(File file, CellContext cell) throws IOException {
    return cellFile(file, cell).createNewFile();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean delete(File file, CellContext cell) {
    return cellFile(file, cell).delete();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static void deleteOnExit(File file, CellContext cell) {
    cellFile(file, cell).deleteOnExit();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean mkdir(File file, CellContext cell) {
    return cellFile(file, cell).mkdir();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean mkdirs(File file, CellContext cell) {
    return cellFile(file, cell).mkdirs();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean renameTo(File file, File destination, CellContext cell) {
    return cellFile(file, cell).renameTo(destination);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static String[] list(File file, CellContext cell) {
    return cellFile(file, cell).list();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static String[] list(File file, FilenameFilter filter, CellContext cell) {
    return cellFile(file, cell).list(filter);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static File[] listFiles(File file, CellContext cell) {
    return cellFile(file, cell).listFiles();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static File[] listFiles(File file, FilenameFilter filter, CellContext cell) {
    return cellFile(file, cell).listFiles(filter);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static File[] listFiles(File file, FileFilter filter, CellContext cell) {
    return cellFile(file, cell).listFiles(filter);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean setReadOnly(File file, CellContext cell) {
    return cellFile(file, cell).setReadOnly();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean setWritable(
      File file, boolean writable, boolean ownerOnly, CellContext cell) {
    return cellFile(file, cell).setWritable(writable, ownerOnly);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean setWritable(File file, boolean writable, CellContext cell) {
    return cellFile(file, cell).setWritable(writable);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean setReadable(
      File file, boolean readable, boolean ownerOnly, CellContext cell) {
    return cellFile(file, cell).setReadable(readable, ownerOnly);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean setReadable(File file, boolean readable, CellContext cell) {
    return cellFile(file, cell).setReadable(readable);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean setExecutable(
      File file, boolean executable, boolean ownerOnly, CellContext cell) {
    return cellFile(file, cell).setExecutable(executable, ownerOnly);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static boolean setExecutable(File file, boolean executable, CellContext cell) {
    return cellFile(file, cell).setExecutable(executable);
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static long getTotalSpace(File file, CellContext cell) {
    return cellFile(file, cell).getTotalSpace();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static long getFreeSpace(File file, CellContext cell) {
    return cellFile(file, cell).getFreeSpace();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static long getUsableSpace(File file, CellContext cell) {
    return cellFile(file, cell).getUsableSpace();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static String getAbsolutePath(File file, CellContext cell) {
    return cellFile(file, cell).getAbsolutePath();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static File getAbsoluteFile(File file, CellContext cell) {
    return cellFile(file, cell).getAbsoluteFile();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static String getCanonicalPath(File file, CellContext cell) throws IOException {
    return cellFile(file, cell).getCanonicalPath();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static File getCanonicalFile(File file, CellContext cell) throws IOException {
    return cellFile(file, cell).getCanonicalFile();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static File getParentFile(File file, CellContext cell) {
    return cellFile(file, cell).getParentFile();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static Path toPath(File file, CellContext cell) {
    return cellFile(file, cell).toPath();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  public static URI toURI(File file, CellContext cell) {
    return cellFile(file, cell).toURI();
  }

  @Interposes(owner = File.class, kind = VIRTUAL_METHOD)
  @SuppressWarnings("deprecation")
  public static URL toURL(File file, CellContext cell) throws MalformedURLException {
    return cellFile(file, cell).toURL();
  }

  @Interposes(owner = File.class, kind = STATIC_METHOD)
  public static File[] listRoots(CellContext cell) {
    return new File[] {new CellFile("/", cell)};
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
    Path in = directory == null ? NioShim.scratch(cell) : cellFile(directory, cell).toPath();
    Path created = Files.createTempFile(in, prefix, suffix == null ? ".tmp" : suffix);
    return new CellFile(created.toString(), cell);
  }
}
