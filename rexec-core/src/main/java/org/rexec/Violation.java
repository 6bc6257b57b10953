package org.rexec;

import java.util.List;
import org.rexec.text.BoundedText;
import org.rexec.runtime.RefusalSite;

/**
 * One operation a cell was refused: what, where, and which rule refused it.
 *
 * <p>The supervisor's view of a refusal site, the runtime's one description of a refusal: this
 * class adds where and how it is shown, not fields of its own.
 *
 * <p>Bounded: each text field holds at most {@value #MAX_FIELD_LENGTH} characters, whatever the
 * program named (a path of millions of characters, a crafted class file's names); a longer one
 * is cut and ends with {@code ... (N more characters)}.
 */
public final class Violation {

  /** Characters of each text field, at most. */
  public static final int MAX_FIELD_LENGTH = RefusalSite.MAX_FIELD_LENGTH;

  private final RefusalSite site;

  private Violation(RefusalSite site) {
    this.site = site;
  }

  static Violation of(RefusalSite site) {
    return new Violation(site);
  }

  /** The supervisor's view of {@code sites}, in order. */
  static List<Violation> all(List<RefusalSite> sites) {
    return sites.stream().map(Violation::of).toList();
  }

  /**
   * What was attempted, one word: {@code call}, {@code field}, {@code new}, {@code class},
   * {@code method-handle}, {@code bootstrap}, {@code extend}, {@code define}, {@code native}, ...
   *
   * @return the operation's one-word name; never empty
   */
  public String operation() {
    return site.operation();
  }

  /**
   * The target, e.g. {@code java.lang.Runtime.exec(java.lang.String)}.
   *
   * @return the refused class, member, path or address; bounded
   */
  public String detail() {
    return site.detail();
  }

  /**
   * The name of the rule that refused it, e.g. {@code allow-list} (see docs/POLICY.md).
   *
   * @return the rule's label
   */
  public String rule() {
    return site.rule().label();
  }

  /**
   * The class whose code attempted it.
   *
   * @return the binary name of the class; bounded
   */
  public String className() {
    return site.className();
  }

  /**
   * The method that attempted it, or {@code ""} for the class as a whole.
   *
   * @return the method's name, or {@code ""}; bounded
   */
  public String methodName() {
    return site.methodName();
  }

  /**
   * The source line, or {@code -1} if unknown.
   *
   * @return the line number, 1-based, or {@code -1}
   */
  public int line() {
    return site.line();
  }

  /**
   * Where it happened: {@code Class.method:line}, as much of it as is known.
   *
   * @return the location, e.g. {@code app.Main.main:12}
   */
  public String location() {
    StringBuilder where = new StringBuilder(className());
    if (!methodName().isEmpty()) {
      where.append('.').append(methodName());
    }
    if (line() >= 0) {
      where.append(':').append(line());
    }
    return where.toString();
  }

  /**
   * The message untrusted code saw: what was refused and by which rule.
   *
   * @return the message; bounded
   */
  public String message() {
    return site.message();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Violation && ((Violation) other).site.equals(site);
  }

  @Override
  public int hashCode() {
    return site.hashCode();
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
