package org.rexec.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;
import org.rexec.policy.Rule;

/**
 * A host file channel as a cell uses it: bytes are counted, growth of a scratch file is
 * reserved against the quota (on the file's {@link DiskQuota.Charge}, which also serializes the
 * file's writes and truncations) before it is written, and files cannot be mapped into memory (a
 * mapping is native memory outside the cell's bounds, and writes through it bypass the quota).
 */
final class CellFileChannel extends FileChannel {

  private final FileChannel host;
  private final CellFiles files;
  private final DiskQuota quota;
  private final Object fileKey;
  private final String cellPath;
  private final boolean append;

  /**
   * @param fileKey the file's inode, or null where it cannot count against the quota (read
   *     only, outside the scratch directory); this channel holds the file open until closed
   */
  CellFileChannel(
      FileChannel host, CellFiles files, Object fileKey, String cellPath, boolean append) {
    this.host = host;
    this.files = files;
    this.quota = files.quota();
    this.fileKey = fileKey;
    this.cellPath = cellPath;
    this.append = append;
    quota.opened(fileKey);
  }

  /**
   * Writes {@code source}'s remaining bytes at {@code position} (-1: the channel's, then
   * advanced). For a scratch file the growth is reserved first, on the file's charge, which
   * also keeps truncations out until the write is done; the bytes written are a snapshot of the
   * buffer's range and go to the position reserved, so another thread of the cell that moves the
   * buffer's limit or the channel's position meanwhile cannot make it write more, or elsewhere,
   * than was counted.
   */
  private int reservedWrite(ByteBuffer source, long position) throws IOException {
    DiskQuota.Charge charge = quota.chargeOf(fileKey);
    if (charge == null) {
      return position < 0 ? host.write(source) : host.write(source, position);
    }
    ByteBuffer bytes = source.slice();
    int length = bytes.remaining();
    synchronized (charge) {
      long start = append ? host.size() : position < 0 ? host.position() : position;
      charge.extendTo(start + length, cellPath);
      int written = 0;
      while (bytes.hasRemaining()) {
        written += host.write(bytes, start + written);
      }
      if (position < 0 && !append) {
        host.position(start + written);
      }
      source.position(source.position() + written);
      return written;
    }
  }

  private long counted(long read) {
    if (read > 0) {
      files.events().read(read);
    }
    return read;
  }

  private long written(long written) {
    if (written > 0) {
      files.events().written(written);
    }
    return written;
  }

  @Override
  public int read(ByteBuffer destination) throws IOException {
    return (int) counted(host.read(destination));
  }

  @Override
  public long read(ByteBuffer[] destinations, int offset, int length) throws IOException {
    return counted(host.read(destinations, offset, length));
  }

  @Override
  public int read(ByteBuffer destination, long position) throws IOException {
    return (int) counted(host.read(destination, position));
  }

  @Override
  public int write(ByteBuffer source) throws IOException {
    return (int) written(reservedWrite(source, -1));
  }

  @Override
  public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, sources.length);
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      total += reservedWrite(sources[i], -1);
    }
    return written(total);
  }

  @Override
  public int write(ByteBuffer source, long position) throws IOException {
    if (position < 0) {
      throw new IllegalArgumentException("Negative position");
    }
    return (int) written(reservedWrite(source, position));
  }

  @Override
  public long position() throws IOException {
    return host.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    host.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return host.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    DiskQuota.Charge charge = quota.chargeOf(fileKey);
    if (charge == null) {
      host.truncate(size);
      return this;
    }
    synchronized (charge) {
      host.truncate(size);
      charge.settle(host.size());
    }
    return this;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    host.force(metaData);
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target)
      throws IOException {
    return counted(host.transferTo(position, count, target));
  }

  @Override
  public long transferFrom(ReadableByteChannel source, long position, long count)
      throws IOException {
    DiskQuota.Charge charge = quota.chargeOf(fileKey);
    if (charge == null) {
      return written(host.transferFrom(source, position, count));
    }
    synchronized (charge) {
      // At most count bytes, at position: what is reserved is what can be written.
      charge.extendTo(position + Math.max(0, count), cellPath);
      return written(host.transferFrom(source, position, count));
    }
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    throw StackTraces.forCell(new IOException(
        "mapping a file into memory is not allowed in this cell (rule: "
            + Rule.MEMORY_MAPPING
            + ")"));
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return CellFileLock.of(this, host.lock(position, size, shared));
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return CellFileLock.of(this, host.tryLock(position, size, shared));
  }

  @Override
  protected void implCloseChannel() throws IOException {
    try {
      host.close();
    } finally {
      files.openFiles().closed(this, false);
      quota.closed(fileKey);
    }
  }

  /** As {@code Object.toString()} names it on a plain JVM (see {@link VisibleClasses}). */
  @Override
  public String toString() {
    return VisibleClasses.toString(this);
  }
}
