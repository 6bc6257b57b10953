package org.rexec.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;

/**
 * The channel of {@code new FileInputStream(FileDescriptor.in)} in a cell: reads the cell's
 * standard input, as the JDK's channel reads descriptor 0. The cell's standard input is a stream
 * whose kind the cell does not know, so the channel answers as the JDK's does for a pipe: it has
 * no position or size ({@code IOException}, as {@code lseek} on a pipe fails), rather than a
 * made-up size that would make a program map or read nothing and complete with a wrong answer.
 * It is read-only, as any channel of a {@code FileInputStream}.
 */
final class StandardInputChannel extends FileChannel {

  private static final String NO_POSITION =
      "Illegal seek: the cell's standard input is a stream, without a position or size";

  private final InputStream in;

  StandardInputChannel(InputStream in) {
    this.in = Objects.requireNonNull(in);
  }

  @Override
  public int read(ByteBuffer destination) throws IOException {
    ensureOpen();
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
  public int write(ByteBuffer source) {
    throw new NonWritableChannelException();
  }

  @Override
  public long write(ByteBuffer[] sources, int offset, int length) {
    throw new NonWritableChannelException();
  }

  @Override
  public int write(ByteBuffer source, long position) {
    throw new NonWritableChannelException();
  }

  @Override
  public FileChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public long transferFrom(ReadableByteChannel source, long position, long count) {
    throw new NonWritableChannelException();
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
    // The stream is the cell's System.in, which outlives this view of it.
  }

  private void ensureOpen() throws IOException {
    if (!isOpen()) {
      throw new java.nio.channels.ClosedChannelException();
    }
  }

  private IOException noPosition() throws IOException {
    ensureOpen();
    return new IOException(NO_POSITION);
  }
}
