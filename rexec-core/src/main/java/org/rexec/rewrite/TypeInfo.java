package org.rexec.rewrite;

import java.util.List;
import java.util.Set;

/**
 * What member resolution needs to know of one class, cell or JDK.
 *
 * @param name internal name
 * @param superName internal name of the superclass, {@code null} for {@code java/lang/Object}
 * @param interfaces internal names of the direct superinterfaces
 * @param isInterface whether it is an interface
 * @param inCell whether the class belongs to the cell (rather than the JDK)
 * @param methods declared methods and constructors as {@code name + descriptor}
 * @param fields declared fields as {@code name + ":" + descriptor}
 */
record TypeInfo(
    String name,
    String superName,
    List<String> interfaces,
    boolean isInterface,
    boolean inCell,
    Set<String> methods,
    Set<String> fields) {

  boolean declaresMethod(String methodName, String descriptor) {
    return methods.contains(methodName + descriptor);
  }

  boolean declaresField(String fieldName, String descriptor) {
    return fields.contains(fieldName + ":" + descriptor);
  }
}
