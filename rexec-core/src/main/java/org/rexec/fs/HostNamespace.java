package org.rexec.fs;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The lock that makes each host file operation of a cell see the host's file names as it checked
 * them. An operation resolves its cell path to a real host path (no symbolic link on it, see
 * {@link RealPaths}), checks that path against the grants, and names it in a system call, all
 * while holding this lock. Operations that only create names or use them hold it shared; those
 * that could make a resolved path lead elsewhere (rename, delete, creating a symbolic or hard
 * link) hold it exclusively. So no thread of any cell can change, between a check and its use,
 * what the checked path names. Resolution needs the {@link Held} token that only this class
 * hands out, so no path is resolved outside the lock.
 *
 * <p>One lock for the whole JVM, not one per cell: cells may share a grant, and the host's names
 * are one namespace. It is never held while data moves (reads and writes go through an open
 * descriptor), so its sections are as short as the system calls in them. A waiting change stops
 * new shared holders, so a stream of readers cannot starve it.
 *
 * <p>The lock is a counter changed by one compare-and-set, with no call between that change and
 * the section it guards, and it is taken only after {@link #reserveStack} has gone deeper than
 * taking and releasing it do. A cell thread at the edge of its stack therefore overflows before
 * the lock changes or inside the section (whose {@code finally} then runs at a depth it already
 * reached), never between: a lock left held would stop every cell's file operations, and the
 * supervisor's own cleanup, for the rest of the JVM.
 */
final class HostNamespace {

  /** Proof, passed to resolution, that the caller holds the lock. */
  static final class Held {
    private Held() {}
  }

  /** Work on host paths that must not change under it. */
  interface HostWork<T> {
    T run(Held held) throws IOException;
  }

  private static final Held HELD = new Held();
  /** Shared holders, or -1 while a change holds it. */
  private static final AtomicInteger state = new AtomicInteger();
  /** Changes waiting: while any is, no new shared holder enters. */
  private static final AtomicInteger waitingChanges = new AtomicInteger();
  /** Frames {@link #reserveStack} goes down: more than taking or releasing the lock needs. */
  private static final int RESERVED_FRAMES = 48;

  private HostNamespace() {}

  /** Runs {@code work} while no name on a path it resolves can be renamed, deleted or linked. */
  static <T> T using(HostWork<T> work) throws IOException {
    reserveStack(RESERVED_FRAMES);
    for (int round = 0; ; round++) {
      int holders = state.get();
      if (holders >= 0 && waitingChanges.get() == 0 && state.compareAndSet(holders, holders + 1)) {
        break;
      }
      pause(round);
    }
    try {
      return work.run(HELD);
    } finally {
      state.decrementAndGet();
    }
  }

  /**
   * Runs {@code work}, which may rename, delete or link, with no other work under way. Not to be
   * called from inside {@link #using}: the change would wait for its own caller.
   */
  static <T> T changing(HostWork<T> work) throws IOException {
    reserveStack(RESERVED_FRAMES);
    waitingChanges.incrementAndGet();
    try {
      for (int round = 0; !state.compareAndSet(0, -1); round++) {
        pause(round);
      }
    } finally {
      waitingChanges.decrementAndGet();
    }
    try {
      return work.run(HELD);
    } finally {
      state.set(0);
    }
  }

  /** Spins briefly, then sleeps a little: sections last as long as a system call or two. */
  private static void pause(int round) {
    if (round < 64) {
      Thread.onSpinWait();
    } else {
      LockSupport.parkNanos(20_000L);
    }
  }

  /**
   * Goes {@code frames} calls deep and back: a stack too short for that overflows here, before
   * the lock is touched. Recursion is not inlined to any depth, so the frames are real.
   */
  private static int reserveStack(int frames) {
    return frames == 0 ? 0 : 1 + reserveStack(frames - 1);
  }
}
