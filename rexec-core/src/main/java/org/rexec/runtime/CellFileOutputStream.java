package org.rexec.runtime;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.util.Objects;
import org.rexec.fs.VisibleClasses;

/**
 * The cell's {@code FileOutputStream}: writes a cell path through the cell's file system (so the
 * scratch quota holds and bytes are counted), or the cell's standard output and error for
 * {@code FileDescriptor.out} and {@code err}.
 */
@Substitutes(FileOutputStream.class)
public class CellFileOutputStream extends FileOutputStream {

  private final FileChannel channel;
  private final OutputStream delegate;
  // Guarded by this; made on first use, one per stream as the JDK's.
  private FileChannel standardStreamChannel;

  public CellFileOutputStream(String name, CellContext cell) throws FileNotFoundException {
    this(name, false, cell);
  }

  public CellFileOutputStream(String name, boolean append, CellContext cell)
      throws FileNotFoundException {
    this(CellIo.open(cell, name, append ? CellIo.APPEND : CellIo.WRITE), null,
        new FileDescriptor());
  }

  public CellFileOutputStream(File file, CellContext cell) throws FileNotFoundException {
    this(CellIo.name(file), false, cell);
  }

  public CellFileOutputStream(File file, boolean append, CellContext cell)
      throws FileNotFoundException {
    this(CellIo.name(file), append, cell);
  }

  public CellFileOutputStream(FileDescriptor descriptor, CellContext cell) {
    this(
        null,
        standardStream(Objects.requireNonNull(descriptor), cell),
        CellFileInputStream.isCells(descriptor, cell) ? new FileDescriptor() : descriptor);
  }

  private CellFileOutputStream(
      FileChannel channel, OutputStream delegate, FileDescriptor descriptor) {
    super(descriptor);
    this.channel = channel;
    this.delegate = delegate;
  }

  private static OutputStream standardStream(FileDescriptor descriptor, CellContext cell) {
    if (descriptor == cell.stdoutDescriptor) {
      return cell.out();
    }
    return descriptor == cell.stderrDescriptor ? cell.err() : null;
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
    if (channel != null) {
      CellIo.write(channel, bytes, offset, length);
    } else if (delegate != null) {
      delegate.write(bytes, offset, length);
      delegate.flush();
    } else {
      super.write(bytes, offset, length);
    }
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
        if (standardStreamChannel == null) {
          standardStreamChannel = StandardStreamChannel.writing(delegate);
        }
        return standardStreamChannel;
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
