package org.rexec.fs;

import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bound on the scratch directory: bytes (the apparent size of its files) and entries. Checked
 * before a write or a creation, so the bound is never exceeded, not merely detected afterwards.
 */
final class DiskQuota {

  private final Path root;
  private final long maxBytes;
  private final int maxEntries;
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicInteger entries = new AtomicInteger();

  DiskQuota(Path root, long maxBytes, int maxEntries) {
    this.root = root;
    this.maxBytes = maxBytes;
    this.maxEntries = maxEntries;
  }

  /** Whether the host path lies in the scratch directory. */
  boolean covers(Path host) {
    return host.startsWith(root);
  }

  /** Reserves one more entry, or refuses as a full disk does. */
  void create(Path host, String cellPath) throws FileSystemException {
    if (!covers(host)) {
      return;
    }
    if (entries.incrementAndGet() > maxEntries) {
      entries.decrementAndGet();
      throw full(cellPath, maxEntries + " files");
    }
  }

  /** Reserves {@code growth} more bytes, or refuses as a full disk does. */
  void grow(Path host, String cellPath, long growth) throws FileSystemException {
    if (growth <= 0 || !covers(host)) {
      return;
    }
    if (bytes.addAndGet(growth) > maxBytes) {
      bytes.addAndGet(-growth);
      throw full(cellPath, maxBytes + " bytes");
    }
  }

  /** Gives back space: a file shrank or went away. */
  void shrink(Path host, long bytesFreed, int entriesFreed) {
    if (covers(host)) {
      bytes.addAndGet(-Math.max(0, bytesFreed));
      entries.addAndGet(-entriesFreed);
    }
  }

  long maxBytes() {
    return maxBytes;
  }

  long usedBytes() {
    return bytes.get();
  }

  int usedEntries() {
    return entries.get();
  }

  private static FileSystemException full(String cellPath, String limit) {
    return StackTraces.forCell(new FileSystemException(
        cellPath, null, "No space left on device (rule: disk, the scratch limit is " + limit + ")"));
  }
}
