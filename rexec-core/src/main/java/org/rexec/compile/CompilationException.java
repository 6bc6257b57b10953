package org.rexec.compile;

/** A source program did not compile; the message is javac's own output. */
public final class CompilationException extends Exception {

  private static final long serialVersionUID = 1L;

  public CompilationException(String javacOutput) {
    super(javacOutput);
  }
}
