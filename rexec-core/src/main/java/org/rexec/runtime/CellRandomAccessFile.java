package org.rexec.runtime;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.rexec.fs.StackTraces;
import org.rexec.fs.VisibleClasses;

/**
 * The cell's {@code RandomAccessFile}. The JDK's class can only open a host file, so this one
 * opens the host file that the cell path maps to, after the cell's checks; its reads and writes
 * then go through a cell channel over the same descriptor (counted, and bounded by the quota),
 * and {@link #cellChannel()} stands in for the final {@code getChannel()}. In-memory files
 * cannot be opened this way.
 */
@Substitutes(RandomAccessFile.class)
public class CellRandomAccessFile extends RandomAccessFile {

  private final FileChannel channel;

  public CellRandomAccessFile(String name, String mode, CellContext cell)
      throws FileNotFoundException {
    this(name, open(name, mode, cell), mode, cell);
  }

  public CellRandomAccessFile(File file, String mode, CellContext cell)
      throws FileNotFoundException {
    this(CellIo.name(file), mode, cell);
  }

  private CellRandomAccessFile(String name, Path host, String mode, CellContext cell)
      throws FileNotFoundException {
    super(host.toFile(), mode);
    this.channel = cell.files().cellChannel(super.getChannel(), host, name);
  }

  private static Path open(String name, String mode, CellContext cell)
      throws FileNotFoundException {
    Receivers.require(name);
    if (!mode.equals("r") && !mode.equals("rw") && !mode.equals("rws") && !mode.equals("rwd")) {
      throw StackTraces.forCell(new IllegalArgumentException(
          "Illegal mode \"" + mode + "\" must be one of \"r\", \"rw\", \"rws\", or \"rwd\""));
    }
    try {
      Path host = cell.files().randomAccessPath(name, !mode.equals("r"));
      // Checked here so that the JDK's own open, which names the host path, does not fail.
      if (java.nio.file.Files.isDirectory(host)) {
        throw CellIo.notFound(name, "Is a directory");
      }
      if (mode.equals("r") && !java.nio.file.Files.exists(host)) {
        throw CellIo.notFound(name, "No such file or directory");
      }
      if (!mode.equals("r") && !java.nio.file.Files.isDirectory(host.getParent())) {
        throw CellIo.notFound(name, "No such file or directory");
      }
      return host;
    } catch (IOException failure) {
      throw failure instanceof FileNotFoundException
          ? (FileNotFoundException) failure
          : CellIo.notFound(name, failure);
    }
  }

  /** What {@code getChannel()} gives cell code: the cell channel over this file. */
  FileChannel cellChannel() {
    return channel;
  }

  @Override
  public int read() throws IOException {
    return CellIo.read(channel);
  }

  @Override
  public int read(byte[] bytes) throws IOException {
    return read(bytes, 0, bytes.length);
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    return CellIo.read(channel, bytes, offset, length);
  }

  @Override
  public void write(int value) throws IOException {
    write(new byte[] {(byte) value}, 0, 1);
  }

  @Override
  public void write(byte[] bytes) throws IOException {
    write(bytes, 0, bytes.length);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    CellIo.write(channel, bytes, offset, length);
  }

  @Override
  public void setLength(long newLength) throws IOException {
    if (newLength > length()) {
      long position = getFilePointer();
      channel.position(newLength - 1);
      channel.write(ByteBuffer.wrap(new byte[1]));
      channel.position(Math.min(position, newLength));
    } else {
      channel.truncate(newLength);
      if (getFilePointer() > newLength) {
        seek(newLength);
      }
    }
  }

  /** As the JDK's, naming the JDK class this stands for (see {@link VisibleClasses}). */
  @Override
  public String toString() {
    return VisibleClasses.shown(this, super.toString());
  }
}
