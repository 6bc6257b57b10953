package org.rexec.runtime;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import org.rexec.fs.StackTraces;
import org.rexec.fs.VisibleClasses;

/**
 * The cell's {@code RandomAccessFile}. The file is opened as a cell channel, through the cell's
 * file system and its checks (counted, and bounded by the quota); every read, write, seek and
 * length goes through that channel, and {@link #cellChannel()} stands in for the final
 * {@code getChannel()}. The JDK's constructor must open some host path by name, and a host path
 * opened by name after the check could name something else by then; so what it opens is
 * {@code /dev/null}, which no cell can change, and closes again at once.
 */
@Substitutes(RandomAccessFile.class)
public class CellRandomAccessFile extends RandomAccessFile {

  /** What the JDK's constructor opens: a name no cell can change, unused once opened. */
  private static final File NOTHING = new File("/dev/null");

  private final FileChannel channel;

  public CellRandomAccessFile(String name, String mode, CellContext cell)
      throws FileNotFoundException {
    this(open(name, mode, cell), mode);
  }

  public CellRandomAccessFile(File file, String mode, CellContext cell)
      throws FileNotFoundException {
    this(CellIo.name(file), mode, cell);
  }

  private CellRandomAccessFile(FileChannel channel, String mode) throws FileNotFoundException {
    super(NOTHING, mode);
    this.channel = channel;
    try {
      // Its descriptor is never used: give it back at once.
      super.close();
    } catch (IOException ignored) {
      // Closing /dev/null.
    }
  }

  private static FileChannel open(String name, String mode, CellContext cell)
      throws FileNotFoundException {
    Receivers.require(name);
    Set<OpenOption> options = new HashSet<>();
    options.add(StandardOpenOption.READ);
    switch (mode) {
      case "r":
        break;
      case "rws":
        options.add(StandardOpenOption.SYNC);
        // fall through
      case "rw":
        options.add(StandardOpenOption.WRITE);
        options.add(StandardOpenOption.CREATE);
        break;
      case "rwd":
        options.add(StandardOpenOption.DSYNC);
        options.add(StandardOpenOption.WRITE);
        options.add(StandardOpenOption.CREATE);
        break;
      default:
        throw StackTraces.forCell(new IllegalArgumentException(
            "Illegal mode \"" + mode + "\" must be one of \"r\", \"rw\", \"rws\", or \"rwd\""));
    }
    return CellIo.open(cell, name, options);
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
  public long getFilePointer() throws IOException {
    return channel.position();
  }

  @Override
  public void seek(long position) throws IOException {
    if (position < 0) {
      throw StackTraces.forCell(new IOException("Negative seek offset"));
    }
    channel.position(position);
  }

  @Override
  public long length() throws IOException {
    return channel.size();
  }

  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      super.close();
    }
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
