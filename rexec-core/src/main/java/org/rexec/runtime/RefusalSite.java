package org.rexec.runtime;

import java.util.Objects;

/**
 * Where and why one operation of a cell was refused: the runtime's form of a violation.
 *
 * <p>The rewriter plants the {@linkplain #encode() encoded} site as a string constant beside each
 * refusal guard, so a rewritten class needs no table and stays shareable between cells.
 *
 * @param operation what was attempted, one word: {@code call}, {@code field}, {@code new},
 *     {@code class}, {@code method-handle}, {@code bootstrap}, {@code extend}, {@code define},
 *     {@code native}, ...
 * @param detail the target: a JDK member, a class name, a path
 * @param rule the rule that refused it: {@code allow-list}, {@code runtime-package}, ...
 * @param className the binary name of the class whose code attempted it, or {@code ""}
 * @param methodName the method that attempted it, or {@code ""}
 * @param line the source line, or {@code -1} when unknown
 */
public record RefusalSite(
    String operation, String detail, String rule, String className, String methodName, int line) {

  private static final char SEPARATOR = '\u0001';

  public RefusalSite {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(methodName, "methodName");
  }

  /** The site as one string, the inverse of {@link #decode(String)}. */
  public String encode() {
    return String.join(
        String.valueOf(SEPARATOR),
        operation, detail, rule, className, methodName, Integer.toString(line));
  }

  /** Parses a string made by {@link #encode()}. */
  public static RefusalSite decode(String encoded) {
    String[] parts = encoded.split(String.valueOf(SEPARATOR), -1);
    if (parts.length != 6) {
      throw new IllegalArgumentException("not an encoded refusal site: " + encoded);
    }
    return new RefusalSite(
        parts[0], parts[1], parts[2], parts[3], parts[4], Integer.parseInt(parts[5]));
  }

  /** The message of the exception that untrusted code sees: what was refused and by which rule. */
  public String message() {
    return describeOperation() + " is not allowed in this cell (rule: " + rule + ")";
  }

  private String describeOperation() {
    switch (operation) {
      case "call":
        return "calling " + detail;
      case "field":
        return "accessing " + detail;
      case "new":
        return "creating " + detail;
      case "class":
        return "using class " + detail;
      case "method-handle":
        return "a method handle to " + detail;
      case "bootstrap":
        return "bootstrap method " + detail;
      default:
        return operation + " " + detail;
    }
  }
}
