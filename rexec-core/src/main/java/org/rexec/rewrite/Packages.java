package org.rexec.rewrite;

import org.rexec.jdk.JdkPackages;

/**
 * Package names a cell may not define classes in: rexec's own, and every package of the boot
 * layer. A cell's loader could define a class in a package of the JDK (other than
 * {@code java.*}), but the class could pass for the JDK's in checks and stack traces.
 */
public final class Packages {

  /** The runtime package, the only internal package a cell's loader can see. */
  public static final String RUNTIME = "org/rexec/runtime/";

  /** Every package of rexec. */
  public static final String REXEC = "org/rexec/";

  private Packages() {}

  /** Whether {@code internalName} is a class of rexec itself. */
  public static boolean isRexec(String internalName) {
    return internalName.startsWith(REXEC);
  }

  /**
   * Whether a cell may not define a class with this internal name: rexec's packages, the
   * packages of the boot layer's modules (the JDK's, and the supervisor's own where it runs as
   * a named module), and {@code java.*}, which the JVM itself reserves.
   */
  public static boolean isReserved(String internalName) {
    return isRexec(internalName)
        || JdkPackages.isJdkClass(internalName)
        || internalName.startsWith("java/");
  }
}
