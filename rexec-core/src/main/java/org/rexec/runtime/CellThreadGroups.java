package org.rexec.runtime;

import org.rexec.fs.VisibleClasses;

/**
 * The cell's thread groups: one root group per cell, made by the supervisor, and the groups the
 * cell makes under it. Every thread of the cell is in the root or one of its subgroups, and the
 * cell never holds another group: {@code Thread.getThreadGroup()} of a thread outside them and
 * {@code getParent()} of the root show {@code null} (see {@link ThreadGroupShim}), and a new
 * group's parent is always one of the cell's.
 *
 * <p>Membership is the JDK's own parent chain: a group is the cell's if the root is its parent or
 * itself ({@link ThreadGroup#parentOf}, final). The cell cannot create a group outside the root,
 * so the chain is exact, and no registry of groups needs to be kept.
 *
 * <p>The root's parent is the JVM's system group, never a group of the supervisor's: the root's
 * real parent chain holds nothing of the host's but that. Before Java 19 a parent holds its
 * subgroups strongly, so {@link #close()} destroys the root, which would otherwise keep the
 * cell's groups (instances of the cell's classes among them) alive for the JVM's life.
 */
public final class CellThreadGroups {

  /** The name of the java launcher's main group, which the root stands for. */
  private static final String ROOT_NAME = "main";

  private final Root root;

  CellThreadGroups(CellContext cell) {
    this.root = new Root(systemGroup(), cell);
  }

  /** The cell's root group, where the supervisor starts the cell's own threads. */
  ThreadGroup root() {
    return root;
  }

  /** Whether {@code group} is the cell's: the root or a group under it. */
  boolean contains(ThreadGroup group) {
    return group != null && root.parentOf(group);
  }

  /** Whether {@code group} is the cell's root. */
  boolean isRoot(ThreadGroup group) {
    return group == root;
  }

  /**
   * The group of a new thread or group the cell makes without naming one: the current thread's,
   * as the JDK chooses, if that is the cell's (cell code may run on a supervisor's thread, in a
   * call from the host), else the root.
   */
  ThreadGroup current() {
    ThreadGroup group = Thread.currentThread().getThreadGroup();
    return contains(group) ? group : root;
  }

  /** {@code requested} if it is the cell's, else {@link #current()}. */
  ThreadGroup orCurrent(ThreadGroup requested) {
    return contains(requested) ? requested : current();
  }

  /**
   * Lets go of the cell's groups once no thread of the cell is alive: before Java 19 the system
   * group holds the root strongly until it is destroyed. On later JDKs destroy does nothing, and
   * a group is held only by its threads and subgroups.
   */
  @SuppressWarnings({"deprecation", "removal"})
  void close() {
    try {
      root.destroy();
    } catch (IllegalThreadStateException stillRunning) {
      // A thread of the cell is still alive (containment failed, which the run reports), or the
      // root was destroyed already: nothing more to do here.
    } catch (UnsupportedOperationException | NoSuchMethodError gone) {
      // A JDK where destroy is gone or refuses: groups are held weakly there.
    }
  }

  private static ThreadGroup systemGroup() {
    ThreadGroup group = Thread.currentThread().getThreadGroup();
    while (group.getParent() != null) {
      group = group.getParent();
    }
    return group;
  }

  /**
   * The root: what escapes the cell's threads ends here (the JDK's {@code uncaughtException}
   * passes it up the parent chain), and is printed on the cell's standard error, never handed
   * to the system group, which would print it on the JVM's.
   */
  private static final class Root extends ThreadGroup {
    private final CellContext cell;

    Root(ThreadGroup system, CellContext cell) {
      super(system, ROOT_NAME);
      this.cell = cell;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable thrown) {
      CellUncaughtHandler.printUncaught(cell, thread, thrown);
    }

    /** As {@code ThreadGroup.toString()} shows it, with the JDK's class name. */
    @Override
    public String toString() {
      return VisibleClasses.shown(this, super.toString());
    }
  }
}
