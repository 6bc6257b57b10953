package org.rexec.cell;

/** Told, on a cell thread as it ends, how the thread's body ended. */
interface ThreadEnd {

  /** @param thrown what escaped the body, or {@code null} if it returned */
  void ended(Throwable thrown);
}
