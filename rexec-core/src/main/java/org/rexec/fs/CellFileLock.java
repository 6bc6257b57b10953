package org.rexec.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;

/**
 * A lock on a cell's file channel. The JDK's lock names the channel that took it, which for a
 * cell channel is the host's underneath: handed out, {@code channel()} would write past the
 * quota and map files. This one names the cell's channel and delegates the rest.
 */
final class CellFileLock extends FileLock {

  private final FileLock host;

  CellFileLock(FileChannel cellChannel, FileLock host) {
    super(cellChannel, host.position(), host.size(), host.isShared());
    this.host = host;
  }

  /** Wraps {@code host}, or gives null where no lock was taken ({@code tryLock}). */
  static FileLock of(FileChannel cellChannel, FileLock host) {
    return host == null ? null : new CellFileLock(cellChannel, host);
  }

  @Override
  public boolean isValid() {
    return host.isValid();
  }

  @Override
  public void release() throws IOException {
    host.release();
  }
}
