package org.rexec.compile;

import java.util.List;

/**
 * A source program did not compile; the message is javac's own output, and {@link
 * #diagnostics()} has its errors as data.
 */
public final class CompilationException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<CompilerDiagnostic> diagnostics;

  /** A failure javac gave no positioned error for (a deadline, no classes produced). */
  public CompilationException(String javacOutput) {
    this(javacOutput, List.of());
  }

  public CompilationException(String javacOutput, List<CompilerDiagnostic> diagnostics) {
    super(javacOutput);
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** javac's errors in the order it reported them; at most as many as the message lists. */
  public List<CompilerDiagnostic> diagnostics() {
    return diagnostics;
  }
}
