package org.rexec.fs;

import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.rexec.policy.Rule;

/**
 * The bound on the scratch directory: bytes and entries. Checked before a write or a creation, so
 * the bound is never exceeded, not merely detected afterwards.
 *
 * <p>Bytes are counted per file, not per name: a {@link Charge} for each inode in the scratch
 * directory holds the bytes counted for it, the end of its furthest write (so sparse files count
 * as large as they look). A file's bytes are given back only when they leave the disk: when its
 * last name is removed and no channel of the cell holds it open, or when it is truncated. Writes
 * and truncations of one file are serialized on its charge, so no interleaving of them counts
 * less than the file holds. Hard links never join a name in the scratch directory to one
 * outside it, so every name of a counted file is in it.
 */
final class DiskQuota {

  private final Path root;
  private final long maxBytes;
  private final int maxEntries;
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicInteger entries = new AtomicInteger();
  private final ConcurrentHashMap<Object, Charge> charges = new ConcurrentHashMap<>();
  /** Channels of the cell open on each file (by inode), in the scratch directory or not. */
  private final ConcurrentHashMap<Object, Integer> openChannels = new ConcurrentHashMap<>();

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

  /** Gives back entries: names went away. */
  void removed(Path host, int entriesFreed) {
    if (covers(host)) {
      entries.addAndGet(-entriesFreed);
    }
  }

  /**
   * The charge of a file of the scratch directory, made on first sight with the bytes it holds
   * (refused if they do not fit); null for a file elsewhere.
   */
  Charge charge(Path host, Object fileKey, long size, String cellPath)
      throws FileSystemException {
    if (!covers(host) || fileKey == null) {
      return null;
    }
    Charge existing = charges.get(fileKey);
    if (existing != null) {
      return existing;
    }
    take(size, cellPath);
    Charge made = new Charge(fileKey, size);
    Charge raced = charges.putIfAbsent(fileKey, made);
    if (raced != null) {
      give(size);
      return raced;
    }
    return made;
  }

  /** The charge of a file if it is counted (in the scratch directory), else null. */
  Charge chargeOf(Object fileKey) {
    return fileKey == null ? null : charges.get(fileKey);
  }

  /**
   * A channel of the cell opened the file {@code fileKey}. Channels are counted by inode, not
   * by charge: a file moved out of the scratch directory and back has a new charge, which the
   * channels opened before must count against too.
   */
  void opened(Object fileKey) {
    if (fileKey != null) {
      openChannels.merge(fileKey, 1, Integer::sum);
    }
  }

  /** A channel of the file closed: a counted file with no name left goes with its last one. */
  void closed(Object fileKey) {
    if (fileKey == null) {
      return;
    }
    Integer left = openChannels.computeIfPresent(fileKey, (key, open) -> open > 1 ? open - 1 : null);
    if (left == null) {
      Charge charge = chargeOf(fileKey);
      if (charge != null) {
        charge.lastChannelClosed();
      }
    }
  }

  private boolean isOpen(Object fileKey) {
    return openChannels.containsKey(fileKey);
  }

  /** The last name of a file went away: its bytes go when no channel holds it. */
  void unlinked(Object fileKey) {
    Charge charge = chargeOf(fileKey);
    if (charge != null) {
      charge.unlink();
    }
  }

  /** A file left the scratch directory (moved out): its bytes are no longer the cell's here. */
  void movedOut(Object fileKey) {
    Charge charge = chargeOf(fileKey);
    if (charge != null) {
      charge.release();
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

  private void take(long growth, String cellPath) throws FileSystemException {
    if (growth <= 0) {
      return;
    }
    if (bytes.addAndGet(growth) > maxBytes) {
      bytes.addAndGet(-growth);
      throw full(cellPath, maxBytes + " bytes");
    }
  }

  private void give(long freed) {
    bytes.addAndGet(-Math.max(0, freed));
  }

  private static FileSystemException full(String cellPath, String limit) {
    return StackTraces.forCell(new FileSystemException(
        cellPath,
        null,
        "No space left on device (rule: " + Rule.DISK + ", the scratch limit is " + limit + ")"));
  }

  /**
   * The bytes counted for one file of the scratch directory. Its monitor also serializes the
   * writes and truncations of the file, so that a reservation and the write it guards are one
   * step.
   */
  final class Charge {
    private final Object fileKey;
    private long counted;
    private boolean unlinked;
    private boolean released;

    private Charge(Object fileKey, long counted) {
      this.fileKey = fileKey;
      this.counted = counted;
    }

    /** Counts the file as reaching {@code end}, or refuses as a full disk does. */
    synchronized void extendTo(long end, String cellPath) throws FileSystemException {
      if (!released && end > counted) {
        take(end - counted, cellPath);
        counted = end;
      }
    }

    /** The file now holds {@code size} bytes (it was truncated): gives back what went. */
    synchronized void settle(long size) {
      if (!released && size < counted) {
        give(counted - size);
        counted = size;
      }
    }

    /** The last channel of the file closed: a file with no name left goes now. */
    synchronized void lastChannelClosed() {
      if (unlinked) {
        release();
      }
    }

    private synchronized void unlink() {
      unlinked = true;
      if (!isOpen(fileKey)) {
        release();
      }
    }

    private synchronized void release() {
      if (!released) {
        released = true;
        give(counted);
        counted = 0;
        charges.remove(fileKey, this);
      }
    }
  }
}
