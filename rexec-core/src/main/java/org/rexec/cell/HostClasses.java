package org.rexec.cell;

import org.rexec.jdk.JdkPackages;
import org.rexec.policy.Rule;
import org.rexec.rewrite.Packages;

/**
 * Which class names are hidden from cells rather than absent: rexec's own packages, and the
 * classes the supervisor's loaders can see (the loader of rexec, and the application class
 * path). JDK classes are neither: the allow-list decides those.
 *
 * <p>A name is looked up as a resource, never loaded: a probe of the cell's must not define or
 * initialize a class of the supervisor's. Only well-formed binary names are looked up, so a
 * probe cannot turn into a lookup of some other resource ({@code ../}).
 */
final class HostClasses {

  /** Longer names are no class of anyone's; they are not looked up. */
  private static final int MAX_NAME_LENGTH = 1_000;

  private HostClasses() {}

  /** The rule hiding {@code binaryName} (an array's element too), or {@code null}. */
  static Rule hiddenRule(String binaryName) {
    String element = elementName(binaryName);
    if (element == null) {
      return null;
    }
    String internalName = CellSources.internalName(element);
    if (Packages.isRexec(internalName)) {
      return Rule.RUNTIME_PACKAGE;
    }
    if (JdkPackages.isJdkClass(internalName) || internalName.startsWith("java/")) {
      return null;
    }
    String resource = internalName + ".class";
    for (ClassLoader loader :
        new ClassLoader[] {HostClasses.class.getClassLoader(), ClassLoader.getSystemClassLoader()}) {
      if (loader != null && loader.getResource(resource) != null) {
        return Rule.HOST_CLASSES;
      }
    }
    return null;
  }

  /** {@code a.B} of {@code a.B}, {@code [La.B;}, {@code [[La.B;}; null if not a binary name. */
  private static String elementName(String name) {
    if (name == null || name.length() > MAX_NAME_LENGTH) {
      return null;
    }
    String element = name;
    if (element.startsWith("[")) {
      element = element.replaceFirst("^\\[+", "");
      if (!element.startsWith("L") || !element.endsWith(";")) {
        return null;
      }
      element = element.substring(1, element.length() - 1);
    }
    return isBinaryName(element) ? element : null;
  }

  private static boolean isBinaryName(String name) {
    boolean segmentStart = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isIdentifierIgnorable(c)) {
        return false;
      }
      if (c == '.') {
        if (segmentStart) {
          return false;
        }
        segmentStart = true;
      } else if (segmentStart ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c)) {
        segmentStart = false;
      } else {
        return false;
      }
    }
    return !segmentStart;
  }
}
