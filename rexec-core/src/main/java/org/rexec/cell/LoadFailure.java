package org.rexec.cell;

/**
 * Code given to a cell cannot be loaded; the façade reports it as the API's {@code
 * LoadException}. The message says which input and why, in one line. A source that does not
 * compile is not one of these: it is the compiler's {@code CompilationException}, with javac's
 * errors.
 */
public final class LoadFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean rejected;

  private LoadFailure(String message, boolean rejected, Throwable cause) {
    super(message, cause);
    this.rejected = rejected;
  }

  /** Input that is not code the cell loads (not a class file, jar, source or directory). */
  static LoadFailure badInput(String message) {
    return new LoadFailure(message, false, null);
  }

  static LoadFailure badInput(String message, Throwable cause) {
    return new LoadFailure(message, false, cause);
  }

  /** A class file the cell refuses to load: malformed, or larger than the policy allows. */
  static LoadFailure rejected(String message, Throwable cause) {
    return new LoadFailure(message, true, cause);
  }

  /** Whether a class file was refused, rather than the input not being code at all. */
  public boolean rejected() {
    return rejected;
  }
}
