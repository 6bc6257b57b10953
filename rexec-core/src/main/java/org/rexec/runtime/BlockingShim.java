package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.SPECIAL_METHOD;
import static org.rexec.runtime.Interposes.Kind.VIRTUAL_METHOD;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The JDK's uninterruptible waits, made to end at a kill: each waits interruptibly instead,
 * and an interrupt that is not a kill is kept for later, as the uninterruptible wait would.
 * The program sees the JDK's semantics; only a kill ends the wait, at a guard.
 */
public final class BlockingShim {

  private BlockingShim() {}

  /** A wait that may be interrupted and returns nothing. */
  private interface Wait {
    void await() throws InterruptedException;
  }

  private static void uninterruptibly(Wait wait, CellContext cell) {
    Waits.uninterruptibly(
        () -> {
          wait.await();
          return null;
        },
        cell);
  }

  /**
   * {@code lock.lock()}: a program's own {@code lock()} is called; the JDK's waits
   * interruptibly. Decided by the method the call would run, not by the class of the lock: a
   * cell's subclass of {@code ReentrantLock} that does not override {@code lock()} would
   * otherwise reach the JDK's uninterruptible wait by dispatch.
   */
  @Interposes(owner = Lock.class, kind = VIRTUAL_METHOD)
  public static void lock(Lock lock, CellContext cell) {
    if (Receivers.overriddenOutsideJdk(Receivers.require(lock), Lock.class, "lock")) {
      lock.lock();
    } else {
      uninterruptibly(lock::lockInterruptibly, cell);
    }
  }

  @Interposes(owner = ReentrantLock.class, member = "lock", kind = VIRTUAL_METHOD)
  public static void lockReentrant(ReentrantLock lock, CellContext cell) {
    lock(lock, cell);
  }

  /** {@code super.lock()} in a program's subclass: the JDK's lock, so never its override. */
  @Interposes(owner = ReentrantLock.class, member = "lock", kind = SPECIAL_METHOD)
  public static void lockReentrantSpecial(ReentrantLock lock, CellContext cell) {
    uninterruptibly(lock::lockInterruptibly, cell);
  }

  @Interposes(owner = ReentrantReadWriteLock.ReadLock.class, member = "lock", kind = VIRTUAL_METHOD)
  public static void lockRead(ReentrantReadWriteLock.ReadLock lock, CellContext cell) {
    lock(lock, cell);
  }

  @Interposes(owner = ReentrantReadWriteLock.ReadLock.class, member = "lock", kind = SPECIAL_METHOD)
  public static void lockReadSpecial(ReentrantReadWriteLock.ReadLock lock, CellContext cell) {
    uninterruptibly(lock::lockInterruptibly, cell);
  }

  @Interposes(
      owner = ReentrantReadWriteLock.WriteLock.class,
      member = "lock",
      kind = VIRTUAL_METHOD)
  public static void lockWrite(ReentrantReadWriteLock.WriteLock lock, CellContext cell) {
    lock(lock, cell);
  }

  @Interposes(
      owner = ReentrantReadWriteLock.WriteLock.class,
      member = "lock",
      kind = SPECIAL_METHOD)
  public static void lockWriteSpecial(ReentrantReadWriteLock.WriteLock lock, CellContext cell) {
    uninterruptibly(lock::lockInterruptibly, cell);
  }

  @Interposes(owner = Condition.class, kind = VIRTUAL_METHOD)
  public static void awaitUninterruptibly(Condition condition, CellContext cell) {
    if (Receivers.overriddenOutsideJdk(
        Receivers.require(condition), Condition.class, "awaitUninterruptibly")) {
      condition.awaitUninterruptibly();
    } else {
      uninterruptibly(condition::await, cell);
    }
  }

  @Interposes(owner = Semaphore.class, kind = VIRTUAL_METHOD)
  public static void acquireUninterruptibly(Semaphore semaphore, CellContext cell) {
    uninterruptibly(semaphore::acquire, cell);
  }

  @Interposes(owner = Semaphore.class, member = "acquireUninterruptibly", kind = VIRTUAL_METHOD)
  public static void acquireUninterruptiblyPermits(
      Semaphore semaphore, int permits, CellContext cell) {
    uninterruptibly(() -> semaphore.acquire(permits), cell);
  }

  @Interposes(owner = Phaser.class, kind = VIRTUAL_METHOD)
  public static int awaitAdvance(Phaser phaser, int phase, CellContext cell) {
    return Waits.uninterruptibly(() -> phaser.awaitAdvanceInterruptibly(phase), cell);
  }

  @Interposes(owner = CompletableFuture.class, kind = VIRTUAL_METHOD)
  public static <T> T join(CompletableFuture<T> future, CellContext cell) {
    uninterruptibly(() -> awaitDone(future), cell);
    return future.join();
  }

  @Interposes(owner = ForkJoinTask.class, member = "join", kind = VIRTUAL_METHOD)
  public static <T> T joinTask(ForkJoinTask<T> task, CellContext cell) {
    if (!(Thread.currentThread() instanceof CellWorkerThread)) {
      // Outside a pool, join waits uninterruptibly; inside, it helps run tasks.
      uninterruptibly(() -> awaitDone(task), cell);
    }
    return task.join();
  }

  /** Returns once {@code future} is done, however it completed. */
  private static void awaitDone(Future<?> future) throws InterruptedException {
    try {
      future.get();
    } catch (ExecutionException | CancellationException doneExceptionally) {
      // Done: the caller's join reports it as the JDK does.
    }
  }
}
