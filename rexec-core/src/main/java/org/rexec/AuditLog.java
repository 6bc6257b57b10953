package org.rexec;

import java.util.ArrayList;
import java.util.List;
import org.rexec.runtime.RefusalSite;

/**
 * The violations of one cell, in order. Bounded: a program that provokes the same refusal in a
 * loop cannot fill the supervisor's memory; past the capacity, violations are counted only.
 */
final class AuditLog {

  static final int CAPACITY = 1000;

  private final List<Violation> entries = new ArrayList<>();
  private long dropped;

  synchronized void record(RefusalSite site) {
    if (entries.size() < CAPACITY) {
      entries.add(Violation.of(site));
    } else {
      dropped++;
    }
  }

  /** A mark to pass to {@link #since(int)}. */
  synchronized int mark() {
    return entries.size();
  }

  /** The violations recorded since {@code mark}. */
  synchronized List<Violation> since(int mark) {
    return List.copyOf(entries.subList(Math.min(mark, entries.size()), entries.size()));
  }

  /** All violations recorded. */
  synchronized List<Violation> all() {
    return List.copyOf(entries);
  }

  /** How many violations were not kept because the log was full. */
  synchronized long dropped() {
    return dropped;
  }
}
