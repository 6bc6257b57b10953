package org.rexec;

import org.rexec.policy.BoundedText;
import org.rexec.runtime.RefusalSite;

/**
 * One operation a cell was refused: what, where, and which rule refused it.
 *
 * <p>Bounded: each text field holds at most {@value #MAX_FIELD_LENGTH} characters, whatever the
 * program named (a path of millions of characters, a crafted class file's names); a longer one
 * is cut and ends with {@code ... (N more characters)}.
 *
 * @param operation what was attempted, one word: {@code call}, {@code field}, {@code new},
 *     {@code class}, {@code method-handle}, {@code bootstrap}, {@code extend}, {@code define},
 *     {@code native}
 * @param detail the target, e.g. {@code java.lang.Runtime.exec(java.lang.String)}
 * @param rule the rule that refused it, e.g. {@code allow-list} (see {@code docs/POLICY.md})
 * @param className the class whose code attempted it
 * @param methodName the method that attempted it, or {@code ""} for the class as a whole
 * @param line the source line, or {@code -1} if unknown
 */
public record Violation(
    String operation, String detail, String rule, String className, String methodName, int line) {

  /** Characters of each text field, at most. */
  public static final int MAX_FIELD_LENGTH = RefusalSite.MAX_FIELD_LENGTH;

  public Violation {
    operation = RefusalSite.field(operation, "operation");
    detail = RefusalSite.field(detail, "detail");
    rule = RefusalSite.field(rule, "rule");
    className = RefusalSite.field(className, "className");
    methodName = RefusalSite.field(methodName, "methodName");
  }

  static Violation of(RefusalSite site) {
    return new Violation(
        site.operation(),
        site.detail(),
        site.rule(),
        site.className(),
        site.methodName(),
        site.line());
  }

  /** Where it happened: {@code Class.method:line}, as much of it as is known. */
  public String location() {
    StringBuilder where = new StringBuilder(className);
    if (!methodName.isEmpty()) {
      where.append('.').append(methodName);
    }
    if (line >= 0) {
      where.append(':').append(line);
    }
    return where.toString();
  }

  /** The message untrusted code saw: what was refused and by which rule. */
  public String message() {
    return new RefusalSite(operation, detail, rule, className, methodName, line).message();
  }

  /**
   * {@code location: message}, one line: control characters the program put in a name or path
   * are escaped, so that it cannot forge lines of its own where this is printed.
   */
  @Override
  public String toString() {
    return BoundedText.line(location() + ": " + message(), 4 * MAX_FIELD_LENGTH);
  }
}
