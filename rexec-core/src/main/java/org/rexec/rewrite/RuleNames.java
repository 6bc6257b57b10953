package org.rexec.rewrite;

/** The names of the rules that refuse things, as they appear in violations and messages. */
public final class RuleNames {

  /** A JDK class or member that is not on the cell's allow-list. */
  public static final String ALLOW_LIST = "allow-list";
  /** Untrusted code referenced or declared something of rexec's own packages. */
  public static final String RUNTIME_PACKAGE = "runtime-package";
  /** Untrusted code declared or referenced a name reserved for rexec ({@code $rexec$...}). */
  public static final String RESERVED_NAME = "reserved-name";
  /** A class in a package of the JDK or of the host. */
  public static final String RESERVED_PACKAGE = "reserved-package";
  /** A native method. */
  public static final String NATIVE_METHOD = "native-method";
  /** A class file version or feature the rewriter does not model. */
  public static final String CLASS_VERSION = "class-version";
  /**
   * A JDK method that the cell's own types would make reachable by virtual dispatch, where the
   * rewriter cannot route it as it routes a direct call.
   */
  public static final String DISPATCH = "dispatch";
  /** A class of the supervisor's (on the host's class path) that cell code asked for by name. */
  public static final String HOST_CLASSES = "host-classes";
  /** A class file larger than the policy allows, or a chain of superclasses too deep. */
  public static final String CLASS_SIZE = "class-size";

  private RuleNames() {}
}
