package org.rexec.rewrite;

import java.util.HashSet;
import java.util.Set;

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

  // Static because the boot layer is fixed for the life of the JVM.
  private static final Set<String> JDK_PACKAGES = jdkPackages();

  private Packages() {}

  /** Whether {@code internalName} is a class of rexec itself. */
  public static boolean isRexec(String internalName) {
    return internalName.startsWith(REXEC);
  }

  /** Whether {@code internalName} lies in a package of the JDK's boot layer. */
  public static boolean isJdk(String internalName) {
    int slash = internalName.lastIndexOf('/');
    return slash > 0 && JDK_PACKAGES.contains(internalName.substring(0, slash));
  }

  /**
   * Whether a cell may not define a class with this internal name: rexec's packages, the
   * packages of the boot layer's modules (the JDK's, and the supervisor's own where it runs as
   * a named module), and {@code java.*}, which the JVM itself reserves.
   */
  public static boolean isReserved(String internalName) {
    return isRexec(internalName) || isJdk(internalName) || internalName.startsWith("java/");
  }

  private static Set<String> jdkPackages() {
    Set<String> packages = new HashSet<>();
    for (Module module : ModuleLayer.boot().modules()) {
      for (String name : module.getPackages()) {
        packages.add(name.replace('.', '/'));
      }
    }
    return Set.copyOf(packages);
  }
}
