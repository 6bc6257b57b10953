package org.rexec.runtime;

import org.rexec.policy.Rule;


/**
 * What the runtime needs from the supervisor side of a cell. Implemented by {@code org.rexec};
 * the runtime never depends on that package directly.
 */
public interface CellHost {

  /** Records a refused operation in the cell's audit log. Must not throw. */
  void refused(RefusalSite site);

  /**
   * Resolves a class by binary name the way {@code Class.forName} does for cell code: the
   * cell's own classes and the JDK classes its policy allows, nothing else.
   *
   * @throws ClassNotFoundException if the name is unknown or not visible to the cell
   */
  Class<?> classForName(String binaryName, boolean initialize) throws ClassNotFoundException;

  /**
   * The rule that hides {@code binaryName} from the cell when it names one of rexec's classes
   * or one of the supervisor's, or {@code null} for any other name (a class that exists
   * nowhere, a JDK class). Cell code asking for such a class is recorded as a violation,
   * though it sees only the JDK's "no such class". Must not throw.
   */
  Rule hiddenClassRule(String binaryName);
}
