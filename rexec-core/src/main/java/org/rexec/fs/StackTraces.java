package org.rexec.fs;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes rexec's own frames from exceptions that rexec creates and throws into cell code, so
 * that they read as thrown by the JDK at the cell's call. Used by the file system and the
 * runtime alike.
 */
public final class StackTraces {

  private static final String OWN_PACKAGE_PREFIX = "org.rexec.";

  private StackTraces() {}

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

  /** {@code frames} without those of rexec's classes (and without nulls). */
  public static StackTraceElement[] withoutOwnFrames(StackTraceElement[] frames) {
    List<StackTraceElement> kept = new ArrayList<>(frames.length);
    for (StackTraceElement frame : frames) {
      if (frame != null && !frame.getClassName().startsWith(OWN_PACKAGE_PREFIX)) {
        kept.add(frame);
      }
    }
    return kept.size() == frames.length ? frames : kept.toArray(new StackTraceElement[0]);
  }
}
