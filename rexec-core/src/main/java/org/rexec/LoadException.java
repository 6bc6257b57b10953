package org.rexec;

/**
 * Code given to a cell cannot be loaded: not a class file, not a jar, a source file that does
 * not compile, two classes of the same name. The message says which and why, in one line
 * (compile errors: javac's own lines).
 */
public final class LoadException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public LoadException(String message) {
    super(message);
  }

  public LoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
