package org.rexec.runtime;

/**
 * The text a cell's regular expression matches: every character the matcher reads passes the
 * kill check, so a pattern that backtracks for ever stops with the cell. Sub-sequences and
 * {@code toString} are the original text's, so groups and splits are ordinary strings.
 */
final class GuardedCharSequence implements CharSequence {

  private final CharSequence text;
  private final CellContext cell;

  private GuardedCharSequence(CharSequence text, CellContext cell) {
    this.text = text;
    this.cell = cell;
  }

  /** {@code text}, guarded; {@code null} stays {@code null} so the JDK throws as it would. */
  static CharSequence of(CharSequence text, CellContext cell) {
    return text == null || text instanceof GuardedCharSequence
        ? text
        : new GuardedCharSequence(text, cell);
  }

  @Override
  public char charAt(int index) {
    Guards.check(cell);
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.subSequence(start, end);
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
