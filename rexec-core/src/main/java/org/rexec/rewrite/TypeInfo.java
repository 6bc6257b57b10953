package org.rexec.rewrite;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;

/**
 * What member resolution and method selection need to know of one class, cell or JDK.
 *
 * @param name internal name
 * @param superName internal name of the superclass, {@code null} for {@code java/lang/Object}
 * @param interfaces internal names of the direct superinterfaces
 * @param isInterface whether it is an interface
 * @param isPublic whether the class is public (accessible from every package)
 * @param inCell whether the class belongs to the cell (rather than the JDK)
 * @param methods declared methods and constructors, {@code name + descriptor}, with their access
 *     flags as in the class file ({@code ACC_PUBLIC}, {@code ACC_STATIC}, {@code ACC_ABSTRACT},
 *     ...)
 * @param fields declared fields as {@code name + ":" + descriptor}
 */
record TypeInfo(
    String name,
    String superName,
    List<String> interfaces,
    boolean isInterface,
    boolean isPublic,
    boolean inCell,
    Map<String, Integer> methods,
    Set<String> fields) {

  /** What {@link #methodAccess} answers for a method the class does not declare. */
  static final int NOT_DECLARED = -1;

  boolean declaresMethod(String methodName, String descriptor) {
    return methods.containsKey(methodName + descriptor);
  }

  /** The access flags of a declared method, or {@link #NOT_DECLARED}. */
  int methodAccess(String methodName, String descriptor) {
    return access(methodName + descriptor);
  }

  /** The access flags of the declared method {@code name + descriptor}, or {@link #NOT_DECLARED}. */
  int access(String signature) {
    return methods.getOrDefault(signature, NOT_DECLARED);
  }

  /** Whether access flags of a method let selection pick it (JVMS 5.4.6): not private or static. */
  static boolean isSelectable(int access) {
    return access != NOT_DECLARED && (access & (Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC)) == 0;
  }

  /**
   * Whether the class declares the method as one that method selection can pick (JVMS 5.4.6):
   * neither private nor static.
   */
  boolean declaresSelectable(String methodName, String descriptor) {
    return isSelectable(methodAccess(methodName, descriptor));
  }

  boolean declaresField(String fieldName, String descriptor) {
    return fields.contains(fieldName + ":" + descriptor);
  }
}
