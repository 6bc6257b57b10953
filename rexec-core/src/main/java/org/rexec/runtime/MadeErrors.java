package org.rexec.runtime;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * The errors of the JVM's classes ({@link VirtualMachineError} and its subclasses in the JDK)
 * that the cell's own code constructed: a pool that throws {@code new OutOfMemoryError()} when
 * it is full, a parser that throws {@code new StackOverflowError()} past its depth. They are the
 * program's exceptions, caught and handled as under plain {@code java}; only the errors the JVM
 * throws itself are limits (see {@link #isJvms}).
 *
 * <p>The rewriter plants {@link Guards#made} right after the constructor call of each {@code new}
 * of such a class in cell code, where the new instance is on top of the stack (see {@code
 * ErrorMark}, which plants it only where the bytecode guarantees that the instance on top is
 * the one just constructed). A program therefore cannot have an error it did not construct
 * recorded, a real limit error least of all: the JVM makes those without running cell code (and
 * the first handler of cell code a stack overflow or heap exhaustion reaches stops the cell).
 *
 * <p>Weak, so that an error the program drops is collected. By identity in effect: only the
 * JDK's classes are recorded, and none of them overrides {@code equals} or {@code hashCode}.
 * Thread safety: guarded by {@code this}.
 */
final class MadeErrors {
  private final Map<Throwable, Boolean> made = new WeakHashMap<>();

  synchronized void record(Throwable error) {
    made.put(error, Boolean.TRUE);
  }

  /**
   * Whether {@code thrown} is an error the JVM may have thrown itself: an instance of one of the
   * JDK's {@link VirtualMachineError} classes that cell code did not construct. An error of a
   * class the cell defines is always the program's: the JVM throws only the JDK's classes.
   */
  boolean isJvms(Throwable thrown) {
    if (!(thrown instanceof VirtualMachineError) || thrown.getClass().getClassLoader() != null) {
      return false;
    }
    synchronized (this) {
      return !made.containsKey(thrown);
    }
  }
}
