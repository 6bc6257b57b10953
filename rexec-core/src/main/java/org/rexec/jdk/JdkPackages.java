package org.rexec.jdk;

import java.util.HashSet;
import java.util.Set;

/**
 * The packages of the JDK: every package of the boot layer's modules, read from the running JVM
 * (so also the supervisor's own where it runs as a named module), never listed by hand.
 */
public final class JdkPackages {

  // Static because the boot layer is fixed for the life of the JVM.
  private static final Set<String> PACKAGES = bootLayerPackages();

  private JdkPackages() {}

  /** Whether {@code internalName} (a class's internal name) lies in a package of the boot layer. */
  public static boolean isJdkClass(String internalName) {
    int slash = internalName.lastIndexOf('/');
    return slash > 0 && PACKAGES.contains(internalName.substring(0, slash));
  }

  private static Set<String> bootLayerPackages() {
    Set<String> packages = new HashSet<>();
    for (Module module : ModuleLayer.boot().modules()) {
      for (String name : module.getPackages()) {
        packages.add(name.replace('.', '/'));
      }
    }
    return Set.copyOf(packages);
  }
}
