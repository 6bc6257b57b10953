package org.rexec.fs;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The lock that makes each host file operation of a cell see the host's file names as it checked
 * them. An operation resolves its cell path to a real host path (no symbolic link on it, see
 * {@link RealPaths}), checks that path against the grants, and names it in a system call, all
 * while holding this lock. Operations that only create names or use them hold it shared; those
 * that could make a resolved path lead elsewhere (rename, delete, creating a symbolic link)
 * hold it exclusively. So no other thread of any cell can change, between a check and its use,
 * what the checked path names.
 *
 * <p>One lock for the whole JVM, not one per cell: cells may share a grant, and the host's names
 * are one namespace. It is never held while data moves (reads and writes go through an open
 * descriptor), so its sections are as short as the system calls in them.
 */
final class HostNamespace {

  private static final ReentrantReadWriteLock LOCK = new ReentrantReadWriteLock();

  private HostNamespace() {}

  /** Work on host paths that must not change under it. */
  interface HostWork<T> {
    T run() throws IOException;
  }

  /** Runs {@code work} while no name on a resolved path can be renamed, deleted or linked. */
  static <T> T using(HostWork<T> work) throws IOException {
    LOCK.readLock().lock();
    try {
      return work.run();
    } finally {
      LOCK.readLock().unlock();
    }
  }

  /** Runs {@code work}, which may rename, delete or link, with no other resolution under way. */
  static <T> T changing(HostWork<T> work) throws IOException {
    if (LOCK.getReadHoldCount() > 0) {
      // A shared holder waiting for the exclusive lock would wait for itself.
      throw new IllegalStateException("a namespace change inside a shared section");
    }
    LOCK.writeLock().lock();
    try {
      return work.run();
    } finally {
      LOCK.writeLock().unlock();
    }
  }

  /** Whether the calling thread holds the lock, shared or exclusively. */
  static boolean isHeld() {
    return LOCK.getReadHoldCount() > 0 || LOCK.isWriteLockedByCurrentThread();
  }
}
