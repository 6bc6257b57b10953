package org.rexec.runtime;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

/**
 * The cell's private stand-ins for the monitors of objects it does not own: a cell that
 * synchronizes on {@code String.class}, an interned string, a boxed value or any other object of
 * a JDK class locks a stand-in of its own instead, so it can never block the supervisor or
 * another cell, which lock the real object. Among the cell's threads the stand-in excludes as
 * the object's monitor would. Objects of the cell's own classes are locked as they are.
 *
 * <p>Stand-ins are held weakly by identity: an object's stand-in lives as long as the object.
 */
final class StandIns {

  /** A stand-in: it is its own stand-in. */
  static final class StandIn {}

  /** A key holding its object weakly, equal to another key or probe for the same object. */
  private static final class Key extends WeakReference<Object> {
    private final int hash;

    Key(Object object, ReferenceQueue<Object> queue) {
      super(object, queue);
      this.hash = System.identityHashCode(object);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      return other == this || (other instanceof Key && ((Key) other).get() == get() && get() != null);
    }
  }

  /** A lookup key: never stored. */
  private static final class Probe {
    private final Object object;

    Probe(Object object) {
      this.object = object;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(object);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key && ((Key) other).get() == object;
    }
  }

  private final CellContext cell;
  private final ReferenceQueue<Object> cleared = new ReferenceQueue<>();
  // Guarded by this.
  private final Map<Object, StandIn> standIns = new HashMap<>();

  StandIns(CellContext cell) {
    this.cell = cell;
  }

  /** What the cell locks for {@code object}: the object itself if the cell owns it. */
  Object monitorOf(Object object) {
    if (owns(object)) {
      return object;
    }
    synchronized (this) {
      for (Object gone; (gone = cleared.poll()) != null; ) {
        standIns.remove(gone);
      }
      StandIn standIn = standIns.get(new Probe(object));
      if (standIn == null) {
        standIn = new StandIn();
        standIns.put(new Key(object, cleared), standIn);
      }
      return standIn;
    }
  }

  /** Whether {@code object} is the cell's own: of a class the cell defined, or such a class. */
  private boolean owns(Object object) {
    Class<?> type = object instanceof Class ? (Class<?>) object : object.getClass();
    if (type == StandIn.class) {
      return true;
    }
    ClassLoader loader = type.getClassLoader();
    return loader instanceof CellContext.Holder
        && ((CellContext.Holder) loader).cellContext() == cell;
  }
}
