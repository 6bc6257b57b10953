package org.rexec.jdk;

import java.util.Set;

/**
 * Classes of the JDK whose methods only link call sites and constants. They take what they are
 * given, and the rewriter can judge their arguments only where those are constants of an {@code
 * invokedynamic} or a dynamic constant; so these classes' methods are reachable only as bootstrap
 * methods, never called by code with arguments it computes (a lambda class implementing whatever
 * interfaces, a static final field read by its name).
 */
public final class BootstrapClasses {

  /** The bootstrap class some of whose dynamic constants read or write a field they name. */
  public static final String CONSTANT_BOOTSTRAPS = "java/lang/invoke/ConstantBootstraps";

  /** Internal names of the bootstrap classes. */
  public static final Set<String> CLASSES =
      Set.of(
          "java/lang/invoke/LambdaMetafactory",
          "java/lang/invoke/StringConcatFactory",
          CONSTANT_BOOTSTRAPS,
          "java/lang/runtime/ObjectMethods",
          "java/lang/runtime/SwitchBootstraps");

  private BootstrapClasses() {}

  /** Whether the methods of this JDK class may be reached only as bootstrap methods. */
  public static boolean isBootstrapClass(String internalName) {
    return CLASSES.contains(internalName);
  }
}
