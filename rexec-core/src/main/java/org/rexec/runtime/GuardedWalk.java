package org.rexec.runtime;

import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;

/**
 * The walk guard's action on each element of a stream the JDK walks for the cell: the kill
 * check, and now and then a call the JIT cannot compile away. JDK 17's C2 compiles some of the
 * JDK's long-indexed loops (the random-number spliterators) into an inner loop of up to 2^31
 * turns without a safepoint poll; with the check inlined into it, such a loop could hold off a
 * safepoint, and with it the whole JVM and the watchdog that would stop it, for half a minute.
 */
final class GuardedWalk implements Consumer<Object>, IntConsumer, LongConsumer, DoubleConsumer {

  /** Elements between two safepoint chances: a walk takes microseconds for this many. */
  private static final int YIELD_EVERY = 1 << 12;

  private final CellContext cell;
  private int count;

  GuardedWalk(CellContext cell) {
    this.cell = cell;
  }

  private void step() {
    Guards.check(cell);
    if (++count % YIELD_EVERY == 0) {
      // A native call: the thread passes a safepoint on its way back.
      Thread.yield();
    }
  }

  @Override
  public void accept(Object value) {
    step();
  }

  @Override
  public void accept(int value) {
    step();
  }

  @Override
  public void accept(long value) {
    step();
  }

  @Override
  public void accept(double value) {
    step();
  }
}
