package org.rexec.fs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Removes rexec's own frames from exceptions that rexec creates and throws into cell code, so
 * that they read as thrown by the JDK at the cell's call. Used by the file system and the
 * runtime alike.
 */
public final class StackTraces {

  private static final String OWN_PACKAGE_PREFIX = "org.rexec.";

  /**
   * The names of the static bridges the rewriter plants in cell classes for method references
   * to JDK members. A plain JVM runs such a reference in hidden frames that no trace shows, so
   * their frames are dropped like rexec's own. Cell code cannot declare a {@code $rexec$} name.
   */
  public static final String BRIDGE_PREFIX = "$rexec$bridge$";

  private StackTraces() {}

  /** How deep {@link #forCellWhole} follows causes and suppressed exceptions. */
  private static final int MAX_DEPTH = 64;

  /**
   * As {@link #forCell}, for {@code thrown}, its causes and its suppressed exceptions (as deep
   * as a printed trace shows them, within a bound): for a trace the cell is about to see, of an
   * exception the JDK may have thrown through rexec's frames. Returns its argument.
   */
  public static <T extends Throwable> T forCellWhole(T thrown) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> pending = new ArrayDeque<>();
    pending.add(thrown);
    while (!pending.isEmpty() && seen.size() < MAX_DEPTH) {
      Throwable next = pending.poll();
      if (next == null || !seen.add(next)) {
        continue;
      }
      forCell(next);
      Throwable cause = next.getCause();
      if (cause != null) {
        pending.add(cause);
      }
      pending.addAll(Arrays.asList(next.getSuppressed()));
    }
    return thrown;
  }

  /**
   * Drops the frames of rexec's classes from {@code thrown}, so that untrusted code sees the
   * exception as thrown at its own call site. Returns its argument.
   */
  public static <T extends Throwable> T forCell(T thrown) {
    StackTraceElement[] frames = thrown.getStackTrace();
    StackTraceElement[] kept = withoutOwnFrames(frames);
    if (kept.length != frames.length) {
      thrown.setStackTrace(kept);
    }
    return thrown;
  }

  /** Whether a frame of the method named {@code methodName} is a bridge's. */
  public static boolean isBridge(String methodName) {
    return methodName.startsWith(BRIDGE_PREFIX);
  }

  /** {@code frames} without those of rexec's classes and bridges (and without nulls). */
  public static StackTraceElement[] withoutOwnFrames(StackTraceElement[] frames) {
    List<StackTraceElement> kept = new ArrayList<>(frames.length);
    for (StackTraceElement frame : frames) {
      if (frame != null
          && !frame.getClassName().startsWith(OWN_PACKAGE_PREFIX)
          && !isBridge(frame.getMethodName())) {
        kept.add(frame);
      }
    }
    return kept.size() == frames.length ? frames : kept.toArray(new StackTraceElement[0]);
  }
}
