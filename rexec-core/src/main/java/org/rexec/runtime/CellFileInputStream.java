package org.rexec.runtime;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.util.Objects;
import org.rexec.fs.VisibleClasses;

/**
 * The cell's {@code FileInputStream}: reads a cell path through the cell's file system, or the
 * cell's standard input for {@code FileDescriptor.in}. Never opens a host file itself.
 */
@Substitutes(FileInputStream.class)
public class CellFileInputStream extends FileInputStream {

  private final FileChannel channel;
  private final InputStream delegate;
  // Guarded by this; made on first use, one per stream as the JDK's.
  private FileChannel standardInputChannel;

  public CellFileInputStream(String name, CellContext cell) throws FileNotFoundException {
    this(CellIo.open(cell, name, CellIo.READ), null, new FileDescriptor());
  }

  public CellFileInputStream(File file, CellContext cell) throws FileNotFoundException {
    this(CellIo.name(file), cell);
  }

  public CellFileInputStream(FileDescriptor descriptor, CellContext cell) {
    this(
        null,
        Objects.requireNonNull(descriptor) == cell.stdinDescriptor ? cell.in() : null,
        isCells(descriptor, cell) ? new FileDescriptor() : descriptor);
  }

  private CellFileInputStream(FileChannel channel, InputStream delegate, FileDescriptor descriptor) {
    super(descriptor);
    this.channel = channel;
    this.delegate = delegate;
  }

  static boolean isCells(FileDescriptor descriptor, CellContext cell) {
    return descriptor == cell.stdinDescriptor
        || descriptor == cell.stdoutDescriptor
        || descriptor == cell.stderrDescriptor;
  }

  @Override
  public int read() throws IOException {
    if (channel != null) {
      return CellIo.read(channel);
    }
    return delegate != null ? delegate.read() : super.read();
  }

  @Override
  public int read(byte[] bytes) throws IOException {
    return read(bytes, 0, bytes.length);
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    if (channel != null) {
      return CellIo.read(channel, bytes, offset, length);
    }
    return delegate != null ? delegate.read(bytes, offset, length) : super.read(bytes, offset, length);
  }

  @Override
  public byte[] readAllBytes() throws IOException {
    if (channel == null && delegate == null) {
      return super.readAllBytes();
    }
    return drain();
  }

  /** Reads what is left through {@link #read(byte[], int, int)}, as InputStream does. */
  private byte[] drain() throws IOException {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int read = read(buffer, 0, buffer.length); read >= 0;
        read = read(buffer, 0, buffer.length)) {
      all.write(buffer, 0, read);
    }
    return all.toByteArray();
  }

  @Override
  public long skip(long count) throws IOException {
    if (channel != null) {
      if (count <= 0) {
        return 0;
      }
      long position = channel.position();
      long skipped = Math.min(count, Math.max(0, channel.size() - position));
      channel.position(position + skipped);
      return skipped;
    }
    return delegate != null ? delegate.skip(count) : super.skip(count);
  }

  @Override
  public int available() throws IOException {
    if (channel != null) {
      return (int) Math.min(Integer.MAX_VALUE, Math.max(0, channel.size() - channel.position()));
    }
    return delegate != null ? delegate.available() : super.available();
  }

  @Override
  public long transferTo(OutputStream out) throws IOException {
    long total = 0;
    byte[] buffer = new byte[8192];
    for (int read = read(buffer, 0, buffer.length); read >= 0;
        read = read(buffer, 0, buffer.length)) {
      out.write(buffer, 0, read);
      total += read;
    }
    return total;
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
    super.close();
  }

  @Override
  public FileChannel getChannel() {
    if (channel != null) {
      return channel;
    }
    if (delegate != null) {
      synchronized (this) {
        if (standardInputChannel == null) {
          standardInputChannel = StandardStreamChannel.reading(delegate);
        }
        return standardInputChannel;
      }
    }
    return super.getChannel();
  }

  /** As the JDK's, naming the JDK class this stands for (see {@link VisibleClasses}). */
  @Override
  public String toString() {
    return VisibleClasses.shown(this, super.toString());
  }
}
