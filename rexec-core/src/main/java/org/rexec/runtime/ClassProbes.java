package org.rexec.runtime;

import org.rexec.policy.Rule;


/**
 * Cell code asking for one of rexec's or the supervisor's classes, by {@code Class.forName} or
 * by a reference in its bytecode: the program sees only the JDK's "no such class", and the
 * supervisor sees a violation. One place for both ways in, so they record alike.
 */
public final class ClassProbes {

  private ClassProbes() {}

  /**
   * Records a violation if {@code binaryName}, which the cell could not find, is hidden from it
   * rather than absent. The audit log bounds what is kept, so a loop of probes costs CPU time
   * only.
   */
  public static void notFound(CellContext cell, String binaryName) {
    Rule rule = cell.host().hiddenClassRule(binaryName);
    if (rule != null) {
      Refusals.record(cell, "class", binaryName, rule);
    }
  }
}
