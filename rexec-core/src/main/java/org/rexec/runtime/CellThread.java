package org.rexec.runtime;

/**
 * The cell's {@code Thread}: every platform thread cell code creates, directly, by extending
 * {@code Thread} or through a thread factory of the cell. It runs with the cell's stack size,
 * is named per cell ({@code Thread-0}, ...), counts against the thread limit when it starts,
 * and prints what ends it on the cell's standard error, as the JVM's default handler would on
 * the JVM's.
 *
 * <p>Where rexec runs the thread's task (a thread made with a {@code Runnable}, which is what
 * thread pools make), the thread reports its CPU time and allocation exactly as it ends; a
 * subclass that overrides {@code run()} is sampled instead.
 */
@Substitutes(Thread.class)
public class CellThread extends Thread {

  private final CellContext cell;
  /** The JDK's id of the thread: a subclass may override {@code getId()}. */
  private final long jdkId;

  public CellThread(CellContext cell) {
    this(null, (Runnable) null, null, 0, cell);
  }

  public CellThread(Runnable task, CellContext cell) {
    this(null, task, null, 0, cell);
  }

  public CellThread(Runnable task, String name, CellContext cell) {
    this(null, task, name, 0, cell);
  }

  public CellThread(String name, CellContext cell) {
    this(null, (Runnable) null, name, 0, cell);
  }

  public CellThread(ThreadGroup group, Runnable task, CellContext cell) {
    this(group, task, null, 0, cell);
  }

  public CellThread(ThreadGroup group, String name, CellContext cell) {
    this(group, null, name, 0, cell);
  }

  public CellThread(ThreadGroup group, Runnable task, String name, CellContext cell) {
    this(group, task, name, 0, cell);
  }

  /**
   * The thread joins {@code group} if it is the cell's, else the group of the thread creating
   * it if that is the cell's, else the cell's root group (see {@link CellThreadGroups}): never a
   * group outside the cell.
   */
  public CellThread(
      ThreadGroup group, Runnable task, String name, long stackSize, CellContext cell) {
    this(new Body(task, cell), cell.threadGroups().orCurrent(group), name, stackSize, cell);
  }

  public CellThread(
      ThreadGroup group,
      Runnable task,
      String name,
      long stackSize,
      boolean inheritThreadLocals,
      CellContext cell) {
    this(group, task, name, stackSize, cell);
  }

  private CellThread(
      Body body, ThreadGroup group, String name, long stackSize, CellContext cell) {
    super(group, body, nameOrNext(name, cell), stackSize(stackSize, cell));
    this.cell = cell;
    this.jdkId = super.getId();
    body.owner = this;
    super.setUncaughtExceptionHandler(new CellUncaughtHandler(cell, null));
  }

  private static String nameOrNext(String name, CellContext cell) {
    return name != null ? name : cell.threads().nextName();
  }

  /** The cell's stack size: a thread may ask for less, never for more. */
  private static long stackSize(long requested, CellContext cell) {
    long limit = cell.limits().stackBytes();
    return requested > 0 ? Math.min(requested, limit) : limit;
  }

  /**
   * Starts the thread if the cell may have one more.
   *
   * @throws CellTermination if that is more threads than the limit: the cell is stopped
   */
  @Override
  public void start() {
    Guards.check(cell);
    if (jdkState() != State.NEW) {
      throw new IllegalThreadStateException();
    }
    cell.threads().admit(this);
    super.start();
  }

  /** {@code Thread.getId()} of the JDK, whatever a subclass overrides. */
  final long jdkId() {
    return jdkId;
  }

  /** {@code Thread.getState()} of the JDK, whatever a subclass overrides. */
  final State jdkState() {
    return super.getState();
  }

  /** {@code Thread.interrupt()} of the JDK, whatever a subclass overrides. */
  final void jdkInterrupt() {
    super.interrupt();
  }

  /** Keeps a handler the program sets behind the one that notices limit errors. */
  @Override
  public void setUncaughtExceptionHandler(UncaughtExceptionHandler handler) {
    super.setUncaughtExceptionHandler(new CellUncaughtHandler(cell, handler));
  }

  /** Runs the thread's task on the thread, then reports what the thread used. */
  private static final class Body implements Runnable {
    private final Runnable task;
    private final CellContext cell;
    private volatile Thread owner;

    Body(Runnable task, CellContext cell) {
      this.task = task;
      this.cell = cell;
    }

    @Override
    public void run() {
      if (Thread.currentThread() != owner) {
        // Cell code called run() itself: the task runs on the caller, as Thread.run does.
        if (task != null) {
          task.run();
        }
        return;
      }
      try {
        // A pool's thread may be started by the JDK after the run ended (since JDK 21 pools
        // start threads without start()): it ends at once, and runs nothing of the pool's.
        if (task != null && cell.isRunning()) {
          task.run();
        }
      } finally {
        cell.threads().ended();
      }
    }
  }
}
