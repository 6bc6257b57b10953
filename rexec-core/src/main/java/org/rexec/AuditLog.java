package org.rexec;

import java.util.ArrayList;
import java.util.List;
import org.rexec.runtime.RefusalSite;

/**
 * The violations of one cell, in order. Bounded: a program that provokes the same refusal in a
 * loop cannot fill the supervisor's memory; past the capacity, violations are counted only, and
 * each one kept is bounded (see {@link Violation}) as it is recorded, so the log never holds a
 * string the program made.
 */
final class AuditLog {

  static final int CAPACITY = RunResult.MAX_VIOLATIONS;

  /** A point in the log, to take what was recorded since. */
  record Mark(int kept, long dropped) {}

  private final List<Violation> entries = new ArrayList<>();
  private long dropped;

  synchronized void record(RefusalSite site) {
    if (entries.size() < CAPACITY) {
      entries.add(Violation.of(site));
    } else {
      dropped++;
    }
  }

  /** A mark to pass to {@link #since(Mark)} and {@link #droppedSince(Mark)}. */
  synchronized Mark mark() {
    return new Mark(entries.size(), dropped);
  }

  /** The violations recorded since {@code mark}. */
  synchronized List<Violation> since(Mark mark) {
    return List.copyOf(entries.subList(Math.min(mark.kept(), entries.size()), entries.size()));
  }

  /** How many violations since {@code mark} were counted only, the log being full. */
  synchronized long droppedSince(Mark mark) {
    return dropped - mark.dropped();
  }

  /** All violations recorded. */
  synchronized List<Violation> all() {
    return List.copyOf(entries);
  }
}
