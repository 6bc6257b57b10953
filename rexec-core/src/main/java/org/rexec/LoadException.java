package org.rexec;

import org.rexec.policy.BoundedText;

/**
 * Code given to a cell cannot be loaded: not a class file, not a jar, a source file that does
 * not compile, two classes of the same name. The message says which and why, in one line
 * (compile errors: javac's own lines).
 */
public final class LoadException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The most a message holds: javac's errors are bounded below this, names far below. */
  static final int MAX_MESSAGE_LENGTH = 40_000;

  /**
   * @param message names in it that the program chose come escaped on one line ({@link
   *     BoundedText#line}); control characters other than line breaks are escaped here
   */
  public LoadException(String message) {
    super(bounded(message));
  }

  public LoadException(String message, Throwable cause) {
    super(bounded(message), cause);
  }

  private static String bounded(String message) {
    return BoundedText.cut(BoundedText.printable(message), MAX_MESSAGE_LENGTH);
  }
}
