package org.rexec.compile;

import java.util.Objects;

/**
 * One error javac reported: where, and its message without the quoted source line.
 *
 * @param file the file as the caller named it
 * @param line 1-based, or -1 when javac gave no position
 * @param column 1-based, or -1 when javac gave no position
 * @param message javac's message, control characters escaped, bounded as the report is
 */
public record CompilerDiagnostic(String file, long line, long column, String message) {

  public CompilerDiagnostic {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
  }
}
