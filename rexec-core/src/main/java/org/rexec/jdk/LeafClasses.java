package org.rexec.jdk;

import java.util.Set;

/**
 * Classes whose static methods are leaves the JIT inlines or replaces by an instruction ({@code
 * Math.sqrt}, {@code Double.doubleToLongBits}, {@code Integer.bitCount}): they call nothing back.
 * A loop that calls only these counts as call-free, so its back-edge gets the cheap loop guard
 * rather than the kill check (see the kill check's visitor), and the JIT may still vectorize it.
 * Listing a class here that calls back into cell code would let a loop escape the kill check.
 */
public final class LeafClasses {

  /** Internal names of the leaf classes. */
  public static final Set<String> CLASSES =
      Set.of(
          "java/lang/Math",
          "java/lang/StrictMath",
          "java/lang/Integer",
          "java/lang/Long",
          "java/lang/Double",
          "java/lang/Float",
          "java/lang/Character",
          "java/lang/Short",
          "java/lang/Byte",
          "java/lang/Boolean");

  private LeafClasses() {}

  /** Whether {@code internalName}'s static methods are leaves. */
  public static boolean isLeaf(String internalName) {
    return CLASSES.contains(internalName);
  }
}
