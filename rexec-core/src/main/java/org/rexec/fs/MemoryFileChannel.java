package org.rexec.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import org.rexec.policy.Rule;

/** A read-only channel over an in-memory file the supervisor gave the cell. */
final class MemoryFileChannel extends FileChannel {

  private final byte[] content;
  private final FileEvents events;
  private long position;

  MemoryFileChannel(byte[] content, FileEvents events) {
    this.content = content;
    this.events = events;
  }

  @Override
  public synchronized int read(ByteBuffer destination) throws IOException {
    int read = read(destination, position);
    if (read > 0) {
      position += read;
    }
    return read;
  }

  @Override
  public synchronized long read(ByteBuffer[] destinations, int offset, int length)
      throws IOException {
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      int read = read(destinations[i]);
      if (read < 0) {
        return total == 0 ? -1 : total;
      }
      total += read;
    }
    return total;
  }

  @Override
  public int read(ByteBuffer destination, long at) throws IOException {
    ensureOpen();
    if (at >= content.length) {
      return -1;
    }
    int count = (int) Math.min(destination.remaining(), content.length - at);
    destination.put(content, (int) at, count);
    events.read(count);
    return count;
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
  public int write(ByteBuffer source, long at) {
    throw new NonWritableChannelException();
  }

  @Override
  public synchronized long position() throws IOException {
    ensureOpen();
    return position;
  }

  @Override
  public synchronized FileChannel position(long newPosition) throws IOException {
    ensureOpen();
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position");
    }
    position = newPosition;
    return this;
  }

  @Override
  public long size() throws IOException {
    ensureOpen();
    return content.length;
  }

  @Override
  public FileChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public void force(boolean metaData) {}

  @Override
  public long transferTo(long at, long count, WritableByteChannel target) throws IOException {
    ensureOpen();
    if (at >= content.length) {
      return 0;
    }
    int length = (int) Math.min(count, content.length - at);
    int written = target.write(ByteBuffer.wrap(content, (int) at, length));
    events.read(written);
    return written;
  }

  @Override
  public long transferFrom(ReadableByteChannel source, long at, long count) {
    throw new NonWritableChannelException();
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long at, long size) throws IOException {
    throw StackTraces.forCell(new IOException(
        "mapping a file into memory is not allowed in this cell (rule: "
            + Rule.MEMORY_MAPPING
            + ")"));
  }

  @Override
  public FileLock lock(long at, long size, boolean shared) throws IOException {
    return tryLock(at, size, shared);
  }

  @Override
  public FileLock tryLock(long at, long size, boolean shared) throws IOException {
    ensureOpen();
    if (!shared) {
      throw new NonWritableChannelException();
    }
    return new FileLock(this, at, size, true) {
      private boolean valid = true;

      @Override
      public boolean isValid() {
        return valid && isOpen();
      }

      @Override
      public void release() {
        valid = false;
      }
    };
  }

  private void ensureOpen() throws IOException {
    if (!isOpen()) {
      throw new java.nio.channels.ClosedChannelException();
    }
  }

  @Override
  protected void implCloseChannel() {}

  /** As {@code Object.toString()} names it on a plain JVM (see {@link VisibleClasses}). */
  @Override
  public String toString() {
    return VisibleClasses.toString(this);
  }
}
