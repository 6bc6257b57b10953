package org.rexec.cell;

import java.util.ArrayList;
import java.util.List;
import org.rexec.runtime.RefusalSite;

/**
 * The refusals of one cell, in order. Bounded: a program that provokes the same refusal in a
 * loop cannot fill the supervisor's memory; past the capacity, refusals are counted only. Each
 * site is bounded by the runtime as it is made, so the log never holds a string the program
 * made.
 */
final class AuditLog {

  /** A point in the log, to take what was recorded since. */
  record Mark(int kept, long dropped) {}

  private final int capacity;
  private final List<RefusalSite> entries = new ArrayList<>();
  private long dropped;

  AuditLog(int capacity) {
    this.capacity = capacity;
  }

  synchronized void record(RefusalSite site) {
    if (entries.size() < capacity) {
      entries.add(site);
    } else {
      dropped++;
    }
  }

  /** A mark to pass to {@link #since(Mark)} and {@link #droppedSince(Mark)}. */
  synchronized Mark mark() {
    return new Mark(entries.size(), dropped);
  }

  /** The refusals recorded since {@code mark}. */
  synchronized List<RefusalSite> since(Mark mark) {
    return List.copyOf(entries.subList(Math.min(mark.kept(), entries.size()), entries.size()));
  }

  /** How many refusals since {@code mark} were counted only, the log being full. */
  synchronized long droppedSince(Mark mark) {
    return dropped - mark.dropped();
  }

  /** All refusals recorded. */
  synchronized List<RefusalSite> all() {
    return List.copyOf(entries);
  }
}
