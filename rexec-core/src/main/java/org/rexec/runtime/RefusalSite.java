package org.rexec.runtime;

import java.util.Objects;
import org.rexec.text.BoundedText;
import org.rexec.policy.Rule;

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
 * @param rule the rule that refused it
 * @param className the binary name of the class whose code attempted it, or {@code ""}
 * @param methodName the method that attempted it, or {@code ""}
 * @param line the source line, or {@code -1} when unknown
 */
public record RefusalSite(
    String operation, String detail, Rule rule, String className, String methodName, int line) {

  /**
   * Characters of each text field, at most: longer ones (a path or a name the program chose) are
   * cut with a note, so that a site, its encoded constant and every violation made of it stay
   * small whatever the program names.
   */
  public static final int MAX_FIELD_LENGTH = 1_000;

  public RefusalSite {
    operation = field(operation, "operation");
    detail = field(detail, "detail");
    Objects.requireNonNull(rule, "rule");
    className = field(className, "className");
    methodName = field(methodName, "methodName");
  }

  /** {@code value}, not null, cut to {@value #MAX_FIELD_LENGTH} characters. */
  public static String field(String value, String name) {
    return BoundedText.cut(Objects.requireNonNull(value, name), MAX_FIELD_LENGTH);
  }

  /**
   * The site as one string, the inverse of {@link #decode(String)}. Each field is prefixed with
   * its length, so names holding any character (class files allow nearly all) survive.
   */
  public String encode() {
    StringBuilder encoded = new StringBuilder();
    for (String field :
        new String[] {
          operation, detail, rule.label(), className, methodName, Integer.toString(line)
        }) {
      encoded.append(field.length()).append(':').append(field);
    }
    return encoded.toString();
  }

  /** Parses a string made by {@link #encode()}. */
  public static RefusalSite decode(String encoded) {
    String[] fields = new String[6];
    int position = 0;
    for (int index = 0; index < fields.length; index++) {
      int colon = encoded.indexOf(':', position);
      if (colon < 0) {
        throw new IllegalArgumentException("not an encoded refusal site: " + encoded);
      }
      int end = colon + 1 + Integer.parseInt(encoded.substring(position, colon));
      fields[index] = encoded.substring(colon + 1, end);
      position = end;
    }
    if (position != encoded.length()) {
      throw new IllegalArgumentException("not an encoded refusal site: " + encoded);
    }
    return new RefusalSite(
        fields[0],
        fields[1],
        Rule.ofLabel(fields[2]),
        fields[3],
        fields[4],
        Integer.parseInt(fields[5]));
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
      case "inherit":
        return "inheriting " + detail;
      case "read":
        return "reading " + detail;
      case "write":
        return "writing " + detail;
      case "link":
        return "linking " + detail;
      case "exec":
        return "running " + detail;
      case "load":
        return "loading native library " + detail;
      case "connect":
        return "connecting to " + detail;
      case "listen":
        return "listening on " + detail;
      case "lookup":
        return "looking up " + detail;
      default:
        return operation + " " + detail;
    }
  }
}
