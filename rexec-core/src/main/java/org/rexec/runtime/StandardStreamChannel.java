package org.rexec.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;

/**
 * The channel of {@code new FileInputStream(FileDescriptor.in)} or {@code new
 * FileOutputStream(FileDescriptor.out)} (or {@code err}) in a cell: reads the cell's standard
 * input or writes its standard output or error, as the JDK's channel does with descriptors 0, 1
 * and 2. A standard stream is a stream whose kind the cell does not know, so the channel answers
 * as the JDK's does for a pipe: it has no position or size ({@code IOException}, as {@code
 * lseek} on a pipe fails), rather than a made-up size that would make a program map or read
 * nothing and complete with a wrong answer. It reads only or writes only, as the channel of a
 * {@code FileInputStream} or a {@code FileOutputStream}.
 */
final class StandardStreamChannel extends FileChannel {

  private static final String NO_POSITION =
      "Illegal seek: the cell's standard streams are streams, without a position or size";

  private final InputStream in;
  private final OutputStream out;

  private StandardStreamChannel(InputStream in, OutputStream out) {
    this.in = in;
    this.out = out;
  }

  /** Reads {@code in}, the cell's standard input. */
  static FileChannel reading(InputStream in) {
    return new StandardStreamChannel(Objects.requireNonNull(in), null);
  }

  /** Writes {@code out}, the cell's standard output or error. */
  static FileChannel writing(OutputStream out) {
    return new StandardStreamChannel(null, Objects.requireNonNull(out));
  }

  @Override
  public int read(ByteBuffer destination) throws IOException {
    ensureOpen();
    if (in == null) {
      throw new NonReadableChannelException();
    }
    if (!destination.hasRemaining()) {
      return 0;
    }
    if (destination.hasArray()) {
      int count =
          in.read(
              destination.array(),
              destination.arrayOffset() + destination.position(),
              destination.remaining());
      if (count > 0) {
        destination.position(destination.position() + count);
      }
      return count;
    }
    byte[] bytes = new byte[Math.min(destination.remaining(), 65536)];
    int count = in.read(bytes);
    if (count > 0) {
      destination.put(bytes, 0, count);
    }
    return count;
  }

  @Override
  public long read(ByteBuffer[] destinations, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, destinations.length);
    long total = 0;
    for (int index = offset; index < offset + length; index++) {
      int wanted = destinations[index].remaining();
      int count = read(destinations[index]);
      if (count < 0) {
        return total == 0 ? -1 : total;
      }
      total += count;
      if (count < wanted) {
        break;
      }
    }
    return total;
  }

  @Override
  public int write(ByteBuffer source) throws IOException {
    ensureWritable();
    int count = source.remaining();
    if (source.hasArray()) {
      out.write(source.array(), source.arrayOffset() + source.position(), count);
      source.position(source.limit());
    } else {
      byte[] bytes = new byte[Math.min(count, 65536)];
      for (int left = count; left > 0; left -= bytes.length) {
        int slice = Math.min(left, bytes.length);
        source.get(bytes, 0, slice);
        out.write(bytes, 0, slice);
      }
    }
    out.flush();
    return count;
  }

  @Override
  public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, sources.length);
    long total = 0;
    for (int index = offset; index < offset + length; index++) {
      total += write(sources[index]);
    }
    return total;
  }

  @Override
  public int write(ByteBuffer source, long position) throws IOException {
    ensureWritable();
    throw noPosition();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    ensureWritable();
    throw noPosition();
  }

  @Override
  public long transferFrom(ReadableByteChannel source, long position, long count)
      throws IOException {
    ensureWritable();
    throw noPosition();
  }

  @Override
  public long position() throws IOException {
    throw noPosition();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    throw noPosition();
  }

  @Override
  public long size() throws IOException {
    throw noPosition();
  }

  @Override
  public int read(ByteBuffer destination, long position) throws IOException {
    throw noPosition();
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target)
      throws IOException {
    throw noPosition();
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    throw noPosition();
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    throw noPosition();
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    throw noPosition();
  }

  @Override
  public void force(boolean metaData) throws IOException {
    ensureOpen();
  }

  @Override
  protected void implCloseChannel() {
    // The stream is the cell's System.in, out or err, which outlives this view of it.
  }

  private void ensureOpen() throws IOException {
    if (!isOpen()) {
      throw new java.nio.channels.ClosedChannelException();
    }
  }

  private void ensureWritable() throws IOException {
    ensureOpen();
    if (out == null) {
      throw new NonWritableChannelException();
    }
  }

  private IOException noPosition() throws IOException {
    ensureOpen();
    return new IOException(NO_POSITION);
  }
}
