package org.rexec.runtime;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Set;
import org.rexec.fs.StackTraces;

/**
 * Opening files for the java.io classes of a cell: through the cell's file system, with the
 * exceptions java.io throws ({@code FileNotFoundException: name (reason)}).
 */
final class CellIo {

  static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ);
  static final Set<OpenOption> WRITE =
      Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
  static final Set<OpenOption> APPEND =
      Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.APPEND);

  private CellIo() {}

  /** The cell path a {@code File} names; asked once, as the JDK asks. */
  static String name(File file) {
    return Receivers.require(file).getPath();
  }

  /** The cell's {@code Path} for a name. */
  static Path path(CellContext cell, String name) {
    return cell.files().fileSystem().getPath(name);
  }

  /**
   * Opens a file as a java.io stream does: a directory or a refusal is a
   * {@code FileNotFoundException} whose message is the name and the reason.
   */
  static FileChannel open(CellContext cell, String name, Set<OpenOption> options)
      throws FileNotFoundException {
    Receivers.require(name);
    Path path = path(cell, name);
    FileChannel channel;
    try {
      channel = FileChannel.open(path, options);
    } catch (IOException failure) {
      throw notFound(name, failure);
    }
    // A directory opens for reading on POSIX systems; java.io refuses it.
    if (Files.isDirectory(path)) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Closing a channel that read nothing.
      }
      throw notFound(name, "Is a directory");
    }
    return channel;
  }

  /** One byte from the channel, or -1 at its end, as {@code InputStream.read()} gives it. */
  static int read(FileChannel channel) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    return channel.read(one) <= 0 ? -1 : one.get(0) & 0xFF;
  }

  /** Reads into a range of an array, as {@code InputStream.read(byte[], int, int)} does. */
  static int read(FileChannel channel, byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    return length == 0 ? 0 : channel.read(ByteBuffer.wrap(bytes, offset, length));
  }

  /** Writes a range of an array entirely. */
  static void write(FileChannel channel, byte[] bytes, int offset, int length)
      throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  static FileNotFoundException notFound(String name, IOException failure) {
    String reason;
    if (failure instanceof NoSuchFileException) {
      reason = "No such file or directory";
    } else if (failure instanceof AccessDeniedException) {
      String given = ((AccessDeniedException) failure).getReason();
      reason = given == null ? "Permission denied" : given;
    } else if (failure instanceof FileSystemException
        && ((FileSystemException) failure).getReason() != null) {
      reason = ((FileSystemException) failure).getReason();
    } else {
      reason = String.valueOf(failure.getMessage());
    }
    return notFound(name, reason);
  }

  static FileNotFoundException notFound(String name, String reason) {
    return StackTraces.forCell(new FileNotFoundException(name + " (" + reason + ")"));
  }
}
