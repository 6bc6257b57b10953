package org.rexec.runtime;

import java.util.Optional;
import org.rexec.fs.StackTraces;
import org.rexec.policy.Rule;

/**
 * Refusals decided by a shim at run time (rather than planted by the rewriter): recorded in the
 * cell's audit log with the location of the cell code that asked.
 */
final class Refusals {

  // The walker is immutable and thread-safe; one serves every cell.
  private static final StackWalker WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private Refusals() {}

  /**
   * Records the refusal, placed at the innermost frame of the cell's own code (not a bridge's,
   * which the program did not write), and returns its site, whose message the shim's exception
   * carries.
   */
  static RefusalSite record(CellContext cell, String operation, String detail, Rule rule) {
    Optional<StackWalker.StackFrame> caller =
        WALKER.walk(
            frames ->
                frames
                    .filter(
                        frame ->
                            frame.getDeclaringClass().getClassLoader()
                                    instanceof CellContext.Holder
                                && !StackTraces.isBridge(frame.getMethodName()))
                    .findFirst());
    RefusalSite site =
        new RefusalSite(
            operation,
            detail,
            rule,
            caller.map(StackWalker.StackFrame::getClassName).orElse(""),
            caller.map(StackWalker.StackFrame::getMethodName).orElse(""),
            caller.map(StackWalker.StackFrame::getLineNumber).orElse(-1));
    cell.host().refused(site);
    return site;
  }

  /** Records the refusal of a call and returns the {@code SecurityException} to throw. */
  static SecurityException refuseCall(CellContext cell, String detail) {
    RefusalSite site = record(cell, "call", detail, Rule.ALLOW_LIST);
    return StackTraces.forCell(new SecurityException(site.message()));
  }
}
