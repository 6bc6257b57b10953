package org.rexec.runtime;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.rexec.policy.Limits;

/**
 * The threads of a cell's current run and what they used: every thread rexec starts for the run
 * (main, shutdown hooks) and every thread the cell starts, which counts against the thread
 * limit.
 *
 * <p>CPU time and allocated bytes are the JVM's per-thread counters: read exactly by a thread
 * as its body ends where rexec runs the body, sampled otherwise (a thread found dead keeps its
 * last sample).
 *
 * <p>A thread belongs to the run until it has terminated, not only until its body returns: after
 * the body, the JVM still runs the thread's uncaught-exception handler, which may be the
 * program's. So the supervisor waits for it, samples it and interrupts it like any other, and
 * no thread is admitted once the run is no longer running: the set of threads the supervisor
 * waits for at the end of a run cannot grow behind its back.
 *
 * <p>Thread safety: all state is guarded by {@code this}.
 */
public final class CellThreads {

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** CPU time and allocated bytes. */
  public record Usage(long cpuNanos, long allocatedBytes) {}

  private final CellContext cell;

  /** One thread of the run: its id, taken as the JDK's, and what it used at the last sample. */
  private static final class Tracked {
    final long id;
    long cpuNanos;
    long allocatedBytes;
    /** Seen alive or ending: once not alive, it has terminated (else it was never started). */
    boolean started;
    /** Counted against the thread limit: started by the cell and not yet found terminated. */
    boolean counted;

    Tracked(long id) {
      this.id = id;
    }
  }

  // Guarded by this. By identity: a program's Thread subclass may override equals and
  // hashCode, and its code must never run on the watchdog's or the supervisor's thread.
  private final Map<Thread, Tracked> live = new IdentityHashMap<>();
  private long endedCpuNanos;
  private long endedAllocatedBytes;
  /** The threads counted against the limit: see {@link Tracked#counted}. */
  private int counted;
  private int peak;
  private int names;
  private int pools;
  private final List<Runnable> atRunEnd = new ArrayList<>();
  private CellForkJoinPool commonPool;

  CellThreads(CellContext cell) {
    this.cell = cell;
  }

  /** Forgets the previous run. */
  synchronized void beginRun() {
    live.clear();
    endedCpuNanos = 0;
    endedAllocatedBytes = 0;
    counted = 0;
    peak = 0;
    names = 0;
    pools = 0;
    atRunEnd.clear();
    commonPool = null;
  }

  /** Registers a thread rexec starts for the run: not counted against the limit. */
  synchronized void adopt(Thread thread) {
    add(thread);
  }

  /**
   * Registers a thread the cell is about to start, or stops the cell if that would be more
   * threads alive at once than the limit. A thread is admitted once: when a pool of the cell's
   * makes it (the JDK may start pool threads without calling {@code start()}), or when it starts.
   *
   * <p>The limit counts threads alive at once, as {@code ulimit -u} counts processes: a thread
   * counts from its admission until it is found terminated, so a program that starts threads one
   * after another (a test suite, a pool that replaces its workers) never reaches it. A thread
   * counts until it has terminated, not until its body returns, since the program's
   * uncaught-exception handler may still run on it. Churn needs no bound of its own: each start
   * costs CPU time of the cell's, which the CPU and wall limits bound, and a terminated thread
   * holds nothing of the JVM's.
   *
   * @throws CellTermination if over the limit
   */
  void admit(Thread thread) {
    int limit = cell.limits().threads();
    while (true) {
      synchronized (this) {
        if (live.containsKey(thread)) {
          return;
        }
        // Read under this lock: endRun changes the state before it reads the live threads,
        // so a thread is either admitted before that read or refused here.
        if (cell.isRunning()) {
          if (counted >= limit && uncountTerminated() >= limit) {
            break;
          }
          counted++;
          add(thread).counted = true;
          return;
        }
      }
      // Exiting, ended or stopped: throws the termination that applies.
      cell.checkRunning();
    }
    throw cell.stop(
        StopReason.THREAD_LIMIT,
        "the program had more than " + limit + " thread(s) alive at once (thread limit: " + Limits.THREADS_SETTING + ")");
  }

  private Tracked add(Thread thread) {
    Tracked tracked = new Tracked(idOf(thread));
    live.put(thread, tracked);
    if (live.size() > peak) {
      // Only then can the peak grow: those found terminated (not yet sampled) do not count.
      int notTerminated = 0;
      for (Thread each : live.keySet()) {
        if (stateOf(each) != Thread.State.TERMINATED) {
          notTerminated++;
        }
      }
      peak = Math.max(peak, notTerminated);
    }
    return tracked;
  }

  /**
   * Stops counting the counted threads that have terminated (their accounting stays until the
   * next sample), read as the JDK's state, whatever a subclass overrides: a program cannot make
   * a live thread look terminated. Guarded by this.
   *
   * @return the threads still counted
   */
  private int uncountTerminated() {
    for (Map.Entry<Thread, Tracked> entry : live.entrySet()) {
      Tracked tracked = entry.getValue();
      if (tracked.counted && stateOf(entry.getKey()) == Thread.State.TERMINATED) {
        tracked.counted = false;
        counted--;
      }
    }
    return counted;
  }

  /**
   * Called by a thread of the run as its body ends: records what it used so far, exactly. The
   * thread stays the run's until it has terminated (its uncaught-exception handler runs after).
   */
  void ended() {
    Thread current = Thread.currentThread();
    long cpu = THREADS.getCurrentThreadCpuTime();
    long allocated = THREADS.getCurrentThreadAllocatedBytes();
    synchronized (this) {
      Tracked tracked = live.get(current);
      if (tracked != null) {
        tracked.started = true;
        tracked.cpuNanos = Math.max(tracked.cpuNanos, cpu);
        tracked.allocatedBytes = Math.max(tracked.allocatedBytes, allocated);
      }
    }
  }

  /** What the run's threads used so far; samples the live ones. */
  Usage usage() {
    List<Thread> threads;
    long[] ids;
    boolean[] alive;
    synchronized (this) {
      threads = new ArrayList<>(live.keySet());
      ids = new long[threads.size()];
      alive = new boolean[ids.length];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = live.get(threads.get(i)).id;
        // Read before the counters: a thread alive now has its counters read below.
        alive[i] = threads.get(i).isAlive();
      }
    }
    long[] cpu = THREADS.getThreadCpuTime(ids);
    long[] allocated = THREADS.getThreadAllocatedBytes(ids);
    synchronized (this) {
      long totalCpu = endedCpuNanos;
      long totalAllocated = endedAllocatedBytes;
      for (int i = 0; i < ids.length; i++) {
        Tracked tracked = live.get(threads.get(i));
        if (tracked == null) {
          continue;
        }
        tracked.cpuNanos = Math.max(tracked.cpuNanos, cpu[i]);
        tracked.allocatedBytes = Math.max(tracked.allocatedBytes, allocated[i]);
        totalCpu += tracked.cpuNanos;
        totalAllocated += tracked.allocatedBytes;
        if (alive[i]) {
          tracked.started = true;
        } else if (tracked.started) {
          // Terminated: keeps its last sample, or what it told as its body ended.
          endedCpuNanos += tracked.cpuNanos;
          endedAllocatedBytes += tracked.allocatedBytes;
          live.remove(threads.get(i));
          if (tracked.counted) {
            counted--;
          }
        }
      }
      return new Usage(totalCpu, totalAllocated);
    }
  }

  /**
   * The run's threads that have not been found terminated: those alive, those made but not yet
   * started, and some that have just ended.
   */
  synchronized List<Thread> live() {
    return new ArrayList<>(live.keySet());
  }

  /** Whether any thread of the run is alive. */
  synchronized boolean anyAlive() {
    for (Thread thread : live.keySet()) {
      if (thread.isAlive()) {
        return true;
      }
    }
    return false;
  }

  /** The most threads of the run alive at once, main included. */
  synchronized int peak() {
    return peak;
  }

  /** A name for a thread the cell creates without one: {@code Thread-0}, {@code Thread-1}... */
  synchronized String nextName() {
    return "Thread-" + names++;
  }

  /** A number for a thread pool of the cell's, as the JDK numbers its default pools. */
  synchronized int nextPoolNumber() {
    return ++pools;
  }

  /** Has {@code action} (shutting a pool down) run when the run ends. */
  synchronized void atRunEnd(Runnable action) {
    atRunEnd.add(action);
  }

  /**
   * Shuts down the pools the run made, so that idle workers end. Called by the supervisor
   * once the run is over: a program's override reached here throws at its first guard.
   */
  void shutDownPools() {
    while (true) {
      Runnable action;
      synchronized (this) {
        if (atRunEnd.isEmpty()) {
          return;
        }
        action = atRunEnd.get(0);
      }
      try {
        action.run();
      } catch (RuntimeException | CellTermination ignored) {
        // A pool of the program's that cannot be shut down: its threads are reported.
      }
      // Forgotten only once done: if the heap ran out during it, the caller does it again.
      synchronized (this) {
        atRunEnd.remove(action);
      }
    }
  }

  /** The cell's stand-in for the JVM's common fork/join pool, made for the run on first use. */
  CellForkJoinPool commonPool() {
    synchronized (this) {
      if (commonPool != null) {
        return commonPool;
      }
    }
    CellForkJoinPool made = new CellForkJoinPool(cell);
    synchronized (this) {
      if (commonPool == null) {
        commonPool = made;
      }
      return commonPool;
    }
  }

  /** Interrupts every live thread of the run, so that blocking calls return to a guard. */
  void interruptAll() {
    for (Thread thread : live()) {
      interrupt(thread);
    }
  }

  // Thread's methods as the JDK has them, for the watchdog and the supervisor: a program's
  // subclass of Thread (a CellThread) may override getId, getState and interrupt, and its code
  // must never run on their threads (it could lie to the accounting, or never return). The
  // other threads of a cell are of final classes of rexec's.

  /** The thread's id, as {@code Thread.getId()} of the JDK. */
  static long idOf(Thread thread) {
    return thread instanceof CellThread ? ((CellThread) thread).jdkId() : thread.getId();
  }

  /** The thread's state, as {@code Thread.getState()} of the JDK. */
  public static Thread.State stateOf(Thread thread) {
    return thread instanceof CellThread ? ((CellThread) thread).jdkState() : thread.getState();
  }

  /** Interrupts the thread as {@code Thread.interrupt()} of the JDK does. */
  static void interrupt(Thread thread) {
    if (thread instanceof CellThread) {
      ((CellThread) thread).jdkInterrupt();
    } else {
      thread.interrupt();
    }
  }
}
