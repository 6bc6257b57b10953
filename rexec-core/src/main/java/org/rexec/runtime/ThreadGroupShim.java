package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.SPECIAL_METHOD;
import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;
import static org.rexec.runtime.Interposes.Kind.VIRTUAL_METHOD;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.rexec.fs.StackTraces;
import org.rexec.policy.Rule;

/**
 * Thread groups as the cell sees them (see {@link CellThreadGroups}): the members that could hand
 * the cell a group outside its own, or reach threads that are not the cell's, answer from the
 * cell's groups and threads only.
 *
 * <p>The threads of a group are the cell's threads in it ({@link CellThreads#live()}), not every
 * thread the JDK finds there: a thread the JDK starts on the cell's behalf while running on a
 * cell thread (inheriting its group) is not the cell's to see, interrupt or reprioritize.
 */
public final class ThreadGroupShim {

  /** The rule named when a change to the cell's root group is refused. */

  private ThreadGroupShim() {}

  @Interposes(owner = Thread.class, kind = VIRTUAL_METHOD)
  public static ThreadGroup getThreadGroup(Thread thread, CellContext cell) {
    // final in Thread: no program code runs.
    ThreadGroup group = Receivers.require(thread).getThreadGroup();
    return cell.threadGroups().contains(group) ? group : null;
  }

  @Interposes(owner = ThreadGroup.class, kind = VIRTUAL_METHOD)
  public static ThreadGroup getParent(ThreadGroup group, CellContext cell) {
    ThreadGroup parent = Receivers.require(group).getParent();
    return cell.threadGroups().contains(parent) ? parent : null;
  }

  /** {@code new ThreadGroup(name)}: under the current thread's group, as the JDK does. */
  @RedirectsConstructor(
      owner = ThreadGroup.class,
      from = String.class,
      to = {ThreadGroup.class, String.class})
  public static Object[] newGroup(String name, CellContext cell) {
    return new Object[] {cell.threadGroups().current(), name};
  }

  /** {@code new ThreadGroup(parent, name)}: the parent must be the cell's. */
  @RedirectsConstructor(
      owner = ThreadGroup.class,
      from = {ThreadGroup.class, String.class},
      to = {ThreadGroup.class, String.class})
  public static ThreadGroup newGroupIn(ThreadGroup parent, CellContext cell) {
    if (parent != null && !cell.threadGroups().contains(parent)) {
      // The cell holds no other group; a parent outside it would be a bug of rexec's.
      throw refused(cell, "new ThreadGroup(a group outside the cell, ...)");
    }
    return parent; // null: the JDK's NullPointerException
  }

  @Interposes(owner = ThreadGroup.class, kind = VIRTUAL_METHOD)
  public static int activeCount(ThreadGroup group, CellContext cell) {
    if (Receivers.overriddenOutsideJdk(Receivers.require(group), ThreadGroup.class, "activeCount")) {
      return group.activeCount();
    }
    return threadsIn(group, true, cell).size();
  }

  @Interposes(owner = ThreadGroup.class, member = "activeCount", kind = SPECIAL_METHOD)
  public static int superActiveCount(ThreadGroup group, CellContext cell) {
    return threadsIn(group, true, cell).size();
  }

  @Interposes(owner = ThreadGroup.class, kind = VIRTUAL_METHOD)
  public static int enumerate(ThreadGroup group, Thread[] list, CellContext cell) {
    if (Receivers.overriddenOutsideJdk(
        Receivers.require(group), ThreadGroup.class, "enumerate", Thread[].class)) {
      return group.enumerate(list);
    }
    return copy(threadsIn(group, true, cell), list);
  }

  @Interposes(owner = ThreadGroup.class, member = "enumerate", kind = SPECIAL_METHOD)
  public static int superEnumerate(ThreadGroup group, Thread[] list, CellContext cell) {
    return copy(threadsIn(group, true, cell), list);
  }

  @Interposes(owner = ThreadGroup.class, member = "enumerate", kind = VIRTUAL_METHOD)
  public static int enumerateRecursing(
      ThreadGroup group, Thread[] list, boolean recurse, CellContext cell) {
    if (Receivers.overriddenOutsideJdk(
        Receivers.require(group), ThreadGroup.class, "enumerate", Thread[].class, boolean.class)) {
      return group.enumerate(list, recurse);
    }
    return copy(threadsIn(group, recurse, cell), list);
  }

  @Interposes(owner = ThreadGroup.class, member = "enumerate", kind = SPECIAL_METHOD)
  public static int superEnumerateRecursing(
      ThreadGroup group, Thread[] list, boolean recurse, CellContext cell) {
    return copy(threadsIn(group, recurse, cell), list);
  }

  /** Interrupts the cell's threads in the group and its subgroups (final in the JDK). */
  @Interposes(owner = ThreadGroup.class, kind = VIRTUAL_METHOD)
  public static void interrupt(ThreadGroup group, CellContext cell) {
    for (Thread thread : threadsIn(Receivers.require(group), true, cell)) {
      thread.interrupt();
    }
  }

  /**
   * The root stays a non-daemon group: before Java 19 a daemon group is destroyed with its last
   * thread, and the supervisor starts the cell's next threads (shutdown hooks, the next run's
   * main) in the root.
   */
  @Interposes(owner = ThreadGroup.class, kind = VIRTUAL_METHOD)
  public static void setDaemon(ThreadGroup group, boolean daemon, CellContext cell) {
    if (daemon && cell.threadGroups().isRoot(Receivers.require(group))) {
      throw refused(cell, "ThreadGroup.setDaemon(true) on the cell's root group");
    }
    group.setDaemon(daemon);
  }

  /** The root is never destroyed by the cell (see {@link #setDaemon}); others as the JDK does. */
  @SuppressWarnings({"deprecation", "removal"})
  @Interposes(owner = ThreadGroup.class, kind = VIRTUAL_METHOD)
  public static void destroy(ThreadGroup group, CellContext cell) {
    if (cell.threadGroups().isRoot(Receivers.require(group))) {
      throw refused(cell, "ThreadGroup.destroy() of the cell's root group");
    }
    group.destroy();
  }

  /** {@code Thread.activeCount()}: the current thread's group's, as the JDK counts it. */
  @Interposes(owner = Thread.class, member = "activeCount", kind = STATIC_METHOD)
  public static int threadActiveCount(CellContext cell) {
    return threadsIn(cell.threadGroups().current(), true, cell).size();
  }

  /** {@code Thread.enumerate(list)}: the current thread's group's, as the JDK lists it. */
  @Interposes(owner = Thread.class, member = "enumerate", kind = STATIC_METHOD)
  public static int threadEnumerate(Thread[] list, CellContext cell) {
    return copy(threadsIn(cell.threadGroups().current(), true, cell), list);
  }

  /**
   * {@code ThreadGroup.list()}: the group, its threads and its subgroups, indented as the JDK
   * prints them, on the cell's standard output (the JDK's prints on the JVM's).
   */
  @Interposes(owner = ThreadGroup.class, kind = VIRTUAL_METHOD)
  public static void list(ThreadGroup group, CellContext cell) {
    if (Receivers.overriddenOutsideJdk(Receivers.require(group), ThreadGroup.class, "list")) {
      group.list();
      return;
    }
    list(group, 0, cell.out(), cell);
  }

  @Interposes(owner = ThreadGroup.class, member = "list", kind = SPECIAL_METHOD)
  public static void superList(ThreadGroup group, CellContext cell) {
    list(group, 0, cell.out(), cell);
  }

  private static void list(ThreadGroup group, int indent, PrintStream out, CellContext cell) {
    out.println(" ".repeat(indent) + group);
    for (Thread thread : threadsIn(group, false, cell)) {
      out.println(" ".repeat(indent + 4) + thread);
    }
    ThreadGroup[] subgroups = new ThreadGroup[group.activeGroupCount() + 4];
    int count = group.enumerate(subgroups, false);
    for (int i = 0; i < count; i++) {
      list(subgroups[i], indent + 4, out, cell);
    }
  }

  /**
   * The cell's threads whose group is {@code group} (or under it, if {@code recurse}) and that
   * are alive, in the order they were made, as the JDK lists them.
   */
  private static List<Thread> threadsIn(ThreadGroup group, boolean recurse, CellContext cell) {
    List<Thread> found = new ArrayList<>();
    for (Thread thread : cell.threads().live()) {
      ThreadGroup its = thread.getThreadGroup();
      if (thread.isAlive()
          && its != null
          && (recurse ? group.parentOf(its) : its == group)
          && cell.threadGroups().contains(its)) {
        found.add(thread);
      }
    }
    found.sort(Comparator.comparingLong(CellThreads::idOf));
    return found;
  }

  private static int copy(List<Thread> threads, Thread[] list) {
    int count = Math.min(threads.size(), list.length);
    for (int i = 0; i < count; i++) {
      list[i] = threads.get(i);
    }
    return count;
  }

  private static SecurityException refused(CellContext cell, String detail) {
    RefusalSite site = Refusals.record(cell, "call", detail, Rule.THREAD_GROUPS);
    return StackTraces.forCell(new SecurityException(site.message()));
  }
}
