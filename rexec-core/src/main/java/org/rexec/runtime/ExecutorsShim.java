package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;
import static org.rexec.runtime.Interposes.Kind.VIRTUAL_METHOD;

import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * Thread pools the JDK makes for the program: made with the cell's thread factory (or the
 * program's), shut down when the run ends; and the common fork/join pool, which is the cell's
 * own. A fork/join task started outside any of the cell's pools runs in the cell's common pool,
 * never in the JVM's.
 */
public final class ExecutorsShim {

  private ExecutorsShim() {}

  private static <T extends ExecutorService> T tracked(T pool, CellContext cell) {
    cell.threads().atRunEnd(pool::shutdownNow);
    return pool;
  }

  @Interposes(owner = Executors.class, kind = STATIC_METHOD)
  public static ExecutorService newFixedThreadPool(int threads, CellContext cell) {
    return newFixedThreadPool(threads, new CellThreadFactory(cell), cell);
  }

  @Interposes(owner = Executors.class, kind = STATIC_METHOD)
  public static ExecutorService newFixedThreadPool(
      int threads, ThreadFactory factory, CellContext cell) {
    return tracked(Executors.newFixedThreadPool(threads, CellThreadFactory.admitting(factory, cell)), cell);
  }

  @Interposes(owner = Executors.class, kind = STATIC_METHOD)
  public static ExecutorService newCachedThreadPool(CellContext cell) {
    return newCachedThreadPool(new CellThreadFactory(cell), cell);
  }

  @Interposes(owner = Executors.class, kind = STATIC_METHOD)
  public static ExecutorService newCachedThreadPool(ThreadFactory factory, CellContext cell) {
    return tracked(Executors.newCachedThreadPool(CellThreadFactory.admitting(factory, cell)), cell);
  }

  @Interposes(owner = Executors.class, kind = STATIC_METHOD)
  public static ExecutorService newSingleThreadExecutor(CellContext cell) {
    return newSingleThreadExecutor(new CellThreadFactory(cell), cell);
  }

  @Interposes(owner = Executors.class, kind = STATIC_METHOD)
  public static ExecutorService newSingleThreadExecutor(ThreadFactory factory, CellContext cell) {
    return tracked(Executors.newSingleThreadExecutor(CellThreadFactory.admitting(factory, cell)), cell);
  }

  @Interposes(owner = Executors.class, kind = STATIC_METHOD)
  public static ScheduledExecutorService newScheduledThreadPool(int threads, CellContext cell) {
    return newScheduledThreadPool(threads, new CellThreadFactory(cell), cell);
  }

  @Interposes(owner = Executors.class, kind = STATIC_METHOD)
  public static ScheduledExecutorService newScheduledThreadPool(
      int threads, ThreadFactory factory, CellContext cell) {
    return tracked(Executors.newScheduledThreadPool(threads, CellThreadFactory.admitting(factory, cell)), cell);
  }

  @Interposes(owner = Executors.class, kind = STATIC_METHOD)
  public static ScheduledExecutorService newSingleThreadScheduledExecutor(CellContext cell) {
    return newSingleThreadScheduledExecutor(new CellThreadFactory(cell), cell);
  }

  @Interposes(owner = Executors.class, kind = STATIC_METHOD)
  public static ScheduledExecutorService newSingleThreadScheduledExecutor(
      ThreadFactory factory, CellContext cell) {
    return tracked(Executors.newSingleThreadScheduledExecutor(CellThreadFactory.admitting(factory, cell)), cell);
  }

  @Interposes(owner = Executors.class, kind = STATIC_METHOD)
  public static ExecutorService newWorkStealingPool(CellContext cell) {
    return newWorkStealingPool(CellForkJoinPool.defaultParallelism(cell), cell);
  }

  @Interposes(owner = Executors.class, kind = STATIC_METHOD)
  public static ExecutorService newWorkStealingPool(int parallelism, CellContext cell) {
    return new CellForkJoinPool(parallelism, true, cell);
  }

  @Interposes(owner = Executors.class, kind = STATIC_METHOD)
  public static ThreadFactory defaultThreadFactory(CellContext cell) {
    return new CellThreadFactory(cell);
  }

  @Interposes(owner = ForkJoinPool.class, kind = STATIC_METHOD)
  public static ForkJoinPool commonPool(CellContext cell) {
    return cell.threads().commonPool();
  }

  /** Whether the current thread is a worker of a pool of the cell's: tasks may fork there. */
  private static boolean inCellPool() {
    return Thread.currentThread() instanceof CellWorkerThread;
  }

  @Interposes(owner = ForkJoinTask.class, kind = VIRTUAL_METHOD)
  public static <V> ForkJoinTask<V> fork(ForkJoinTask<V> task, CellContext cell) {
    if (inCellPool()) {
      return task.fork();
    }
    cell.threads().commonPool().execute(task);
    return task;
  }

  @Interposes(owner = ForkJoinTask.class, kind = VIRTUAL_METHOD)
  public static <V> V invoke(ForkJoinTask<V> task, CellContext cell) {
    return inCellPool() ? task.invoke() : cell.threads().commonPool().invoke(task);
  }

  @Interposes(owner = ForkJoinTask.class, kind = STATIC_METHOD)
  public static void invokeAll(ForkJoinTask<?> first, ForkJoinTask<?> second, CellContext cell) {
    if (inCellPool()) {
      ForkJoinTask.invokeAll(first, second);
    } else {
      cell.threads().commonPool().invoke(ForkJoinTask.adapt(() -> ForkJoinTask.invokeAll(first, second)));
    }
  }

  @Interposes(owner = ForkJoinTask.class, kind = STATIC_METHOD)
  public static void invokeAll(ForkJoinTask<?>[] tasks, CellContext cell) {
    if (inCellPool()) {
      ForkJoinTask.invokeAll(tasks);
    } else {
      cell.threads().commonPool().invoke(ForkJoinTask.adapt(() -> ForkJoinTask.invokeAll(tasks)));
    }
  }

  @Interposes(owner = ForkJoinTask.class, kind = STATIC_METHOD)
  public static <T extends ForkJoinTask<?>> Collection<T> invokeAll(
      Collection<T> tasks, CellContext cell) {
    if (inCellPool()) {
      return ForkJoinTask.invokeAll(tasks);
    }
    return cell.threads().commonPool().invoke(ForkJoinTask.adapt(() -> ForkJoinTask.invokeAll(tasks)));
  }
}
