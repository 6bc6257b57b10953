package org.rexec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The threads of cells, seen from outside as a test sees them: every thread a cell runs is in
 * the thread group that rexec keeps for cells, named {@code main} as the JVM's own main group,
 * but another one. Other threads of the test's JVM (the JDK's, the build's) are left out.
 */
final class CellThreadsSeen {

  private CellThreadsSeen() {}

  /** The threads of cells alive now that were not in {@code before}. */
  static List<Thread> aliveSince(Set<Thread> before) {
    ThreadGroup jvmMain = jvmMainGroup();
    List<Thread> alive = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      ThreadGroup group = thread.getThreadGroup();
      if (!before.contains(thread)
          && group != null
          && group != jvmMain
          && group.getName().equals("main")
          && group.getParent() == jvmMain.getParent()
          && thread.isAlive()) {
        alive.add(thread);
      }
    }
    return alive;
  }

  /** The JVM's main group: the child of the system group above the current thread. */
  private static ThreadGroup jvmMainGroup() {
    ThreadGroup group = Thread.currentThread().getThreadGroup();
    while (group.getParent() != null && group.getParent().getParent() != null) {
      group = group.getParent();
    }
    return group;
  }
}
