package org.rexec.runtime;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SwitchPoint;
import java.lang.management.ManagementFactory;
import org.rexec.bug.RexecBugException;

/**
 * The kill check at loop back-edges of one cell: a method handle that every rewritten class of
 * the cell holds in a constant and invokes at each back-edge.
 *
 * <p>It is a {@link SwitchPoint} guard: compiled code depends on the switch point and executes
 * nothing for it, so a loop compiles as it would outside a cell (a volatile read at the
 * back-edge keeps the JIT from vectorizing it, several times slower). Stopping the cell
 * invalidates the switch point: the JVM deoptimizes the code that depends on it at its next
 * safepoint poll, and the handle falls back to {@link Guards#check}, which throws. So does an
 * exit, or the end of a run, while other threads of the cell are alive. Method entries keep
 * {@link Guards#check}, so code can only enter a loop while the cell runs; the switch point is
 * the cell's for life, and an ordinary run costs the JVM no deoptimization at all.
 *
 * <p>That relies on safepoint polls in counted loops, which C2 keeps with G1, ZGC and
 * Shenandoah ({@code UseCountedLoopSafepoints}); under another collector the handle is {@link
 * Guards#check} itself.
 */
final class LoopGuard {

  /** Whether back-edges may go unchecked in compiled code: the JVM polls in counted loops. */
  static final boolean SWITCHED = countedLoopSafepoints();

  private static final MethodHandle NOTHING =
      MethodHandles.empty(MethodType.methodType(void.class));
  private static final MethodHandle CHECK = check();

  private final SwitchPoint switchPoint = new SwitchPoint();
  private final MethodHandle handle;

  LoopGuard(CellContext cell) {
    MethodHandle check = CHECK.bindTo(cell);
    this.handle = SWITCHED ? switchPoint.guardWithTest(NOTHING, check) : check;
  }

  /** The handle the back-edges invoke. */
  MethodHandle handle() {
    return handle;
  }

  /** From now on every back-edge checks the cell. Idempotent. */
  void invalidate() {
    if (SWITCHED && !switchPoint.hasBeenInvalidated()) {
      SwitchPoint.invalidateAll(new SwitchPoint[] {switchPoint});
    }
  }

  private static MethodHandle check() {
    try {
      return MethodHandles.lookup()
          .findStatic(
              Guards.class, "check", MethodType.methodType(void.class, CellContext.class));
    } catch (ReflectiveOperationException e) {
      throw new RexecBugException("Guards.check is missing", e);
    }
  }

  private static boolean countedLoopSafepoints() {
    try {
      return Boolean.parseBoolean(
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
              .getVMOption("UseCountedLoopSafepoints")
              .getValue());
    } catch (RuntimeException unknownOption) {
      return false;
    }
  }
}
