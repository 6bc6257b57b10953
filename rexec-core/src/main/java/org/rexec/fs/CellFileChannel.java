package org.rexec.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * A host file channel as a cell uses it: bytes are counted, growth of the scratch directory is
 * reserved against its quota before it is written, and files cannot be mapped into memory (a
 * mapping is native memory outside the cell's bounds, and writes through it bypass the quota).
 */
final class CellFileChannel extends FileChannel {

  private final FileChannel host;
  private final CellFiles files;
  private final Path hostPath;
  private final String cellPath;
  private final boolean append;

  CellFileChannel(
      FileChannel host, CellFiles files, Path hostPath, String cellPath, boolean append) {
    this.host = host;
    this.files = files;
    this.hostPath = hostPath;
    this.cellPath = cellPath;
    this.append = append;
  }

  private long counted(long read) {
    if (read > 0) {
      files.events().read(read);
    }
    return read;
  }

  /** Reserves what writing {@code length} bytes at {@code position} adds to the file. */
  private void reserve(long position, long length) throws IOException {
    long size = host.size();
    long end = (append ? size : position) + length;
    files.quota().grow(hostPath, cellPath, end - size);
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
    reserve(host.position(), source.remaining());
    return (int) written(host.write(source));
  }

  @Override
  public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      total += sources[i].remaining();
    }
    reserve(host.position(), total);
    return written(host.write(sources, offset, length));
  }

  @Override
  public int write(ByteBuffer source, long position) throws IOException {
    reserve(position, source.remaining());
    return (int) written(host.write(source, position));
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
    long before = host.size();
    host.truncate(size);
    files.quota().shrink(hostPath, before - host.size(), 0);
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
    reserve(position, count);
    return written(host.transferFrom(source, position, count));
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    throw StackTraces.forCell(new IOException(
        "mapping a file into memory is not allowed in this cell (rule: memory-mapping)"));
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return host.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return host.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    host.close();
  }

  /** As {@code Object.toString()} names it on a plain JVM (see {@link VisibleClasses}). */
  @Override
  public String toString() {
    return VisibleClasses.toString(this);
  }
}
