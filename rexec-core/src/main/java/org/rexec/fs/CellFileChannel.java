package org.rexec.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A host file channel as a cell uses it: bytes are counted, growth of a scratch file is
 * reserved against the quota (on the file's {@link DiskQuota.Charge}, which also serializes the
 * file's writes and truncations) before it is written, and files cannot be mapped into memory (a
 * mapping is native memory outside the cell's bounds, and writes through it bypass the quota).
 */
final class CellFileChannel extends FileChannel {

  private final FileChannel host;
  private final CellFiles files;
  private final DiskQuota.Charge charge;
  private final String cellPath;
  private final boolean append;

  /**
   * @param charge the charge of the file if it is in the scratch directory, else null; this
   *     channel holds the file open for it until closed
   */
  CellFileChannel(
      FileChannel host, CellFiles files, DiskQuota.Charge charge, String cellPath,
      boolean append) {
    this.host = host;
    this.files = files;
    this.charge = charge;
    this.cellPath = cellPath;
    this.append = append;
    if (charge != null) {
      charge.opened();
    }
  }

  /** A write of the host channel, by one of the methods below. */
  private interface HostWrite {
    long write() throws IOException;
  }

  /**
   * Writes {@code length} bytes at {@code position} (-1: the channel's), the growth reserved
   * first; for a scratch file both are one step on its charge, so no truncation comes between.
   */
  private long reserved(long position, long length, HostWrite write) throws IOException {
    if (charge == null) {
      return write.write();
    }
    synchronized (charge) {
      long size = host.size();
      long start = append ? size : position < 0 ? host.position() : position;
      charge.extendTo(start + length, cellPath);
      return write.write();
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
    return (int) written(reserved(-1, source.remaining(), () -> host.write(source)));
  }

  @Override
  public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      total += sources[i].remaining();
    }
    return written(reserved(-1, total, () -> host.write(sources, offset, length)));
  }

  @Override
  public int write(ByteBuffer source, long position) throws IOException {
    return (int) written(reserved(position, source.remaining(), () -> host.write(source, position)));
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
    return written(reserved(position, count, () -> host.transferFrom(source, position, count)));
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    throw StackTraces.forCell(new IOException(
        "mapping a file into memory is not allowed in this cell (rule: memory-mapping)"));
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
      if (charge != null) {
        charge.closed();
      }
    }
  }

  /** As {@code Object.toString()} names it on a plain JVM (see {@link VisibleClasses}). */
  @Override
  public String toString() {
    return VisibleClasses.toString(this);
  }
}
