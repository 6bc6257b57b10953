package org.rexec.runtime;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  // Guarded by this: each live thread with its last sample {cpu, allocated}.
  private final Map<Thread, long[]> live = new LinkedHashMap<>();
  private long endedCpuNanos;
  private long endedAllocatedBytes;
  private int started;
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
    started = 0;
    peak = 0;
    names = 0;
    pools = 0;
    atRunEnd.clear();
    commonPool = null;
  }

  /** Registers a thread rexec starts for the run: not counted against the limit. */
  public synchronized void adopt(Thread thread) {
    add(thread);
  }

  /**
   * Registers a thread the cell is about to start, or stops the cell if that would be more
   * threads than the limit. A thread is admitted once: when a pool of the cell's makes it (the
   * JDK may start pool threads without calling {@code start()}), or when it starts.
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
          if (started >= limit) {
            break;
          }
          started++;
          add(thread);
          return;
        }
      }
      // Exiting, ended or stopped: throws the termination that applies.
      cell.checkRunning();
    }
    throw cell.stop(
        StopReason.THREAD_LIMIT,
        "the program started more than " + limit + " thread(s) (thread limit)");
  }

  private void add(Thread thread) {
    live.put(thread, new long[2]);
    peak = Math.max(peak, live.size());
  }

  /**
   * Called by a thread of the run as its body ends: records what it used so far, exactly. The
   * thread stays the run's until it has terminated (its uncaught-exception handler runs after).
   */
  public void ended() {
    Thread current = Thread.currentThread();
    long cpu = THREADS.getCurrentThreadCpuTime();
    long allocated = THREADS.getCurrentThreadAllocatedBytes();
    synchronized (this) {
      long[] sample = live.get(current);
      if (sample != null) {
        sample[0] = Math.max(sample[0], cpu);
        sample[1] = Math.max(sample[1], allocated);
      }
    }
  }

  /** What the run's threads used so far; samples the live ones. */
  public Usage usage() {
    List<Thread> threads = live();
    long[] ids = new long[threads.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = threads.get(i).getId();
    }
    long[] cpu = THREADS.getThreadCpuTime(ids);
    long[] allocated = THREADS.getThreadAllocatedBytes(ids);
    synchronized (this) {
      for (int i = 0; i < ids.length; i++) {
        long[] sample = live.get(threads.get(i));
        if (sample != null) {
          sample[0] = Math.max(sample[0], cpu[i]);
          sample[1] = Math.max(sample[1], allocated[i]);
        }
      }
      long totalCpu = endedCpuNanos;
      long totalAllocated = endedAllocatedBytes;
      for (Iterator<Map.Entry<Thread, long[]>> each = live.entrySet().iterator();
          each.hasNext(); ) {
        Map.Entry<Thread, long[]> entry = each.next();
        long[] sample = entry.getValue();
        totalCpu += sample[0];
        totalAllocated += sample[1];
        if (entry.getKey().getState() == Thread.State.TERMINATED) {
          // Keeps its last sample, or what it told as its body ended.
          endedCpuNanos += sample[0];
          endedAllocatedBytes += sample[1];
          each.remove();
        }
      }
      return new Usage(totalCpu, totalAllocated);
    }
  }

  /**
   * The run's threads that have not been found terminated: those alive, those made but not yet
   * started, and some that have just ended.
   */
  public synchronized List<Thread> live() {
    return new ArrayList<>(live.keySet());
  }

  /** The most threads of the run alive at once, main included. */
  public synchronized int peak() {
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
  public void shutDownPools() {
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
      thread.interrupt();
    }
  }
}
