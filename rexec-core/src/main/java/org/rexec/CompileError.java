package org.rexec;

import java.util.Objects;

/**
 * One error of a source program that did not compile, as javac reported it; see {@link
 * LoadException#compileErrors()}.
 *
 * @param file the source file as it was named to the cell
 * @param line 1-based, or -1 when javac gave no position
 * @param column 1-based, or -1 when javac gave no position
 * @param message javac's message, without the quoted source line; control characters escaped
 */
public record CompileError(String file, long line, long column, String message) {

  /**
   * An error as javac reported it; see the record's components.
   *
   * @param file the source file as it was named to the cell; not null
   * @param line 1-based, or -1 when javac gave no position
   * @param column 1-based, or -1 when javac gave no position
   * @param message javac's message; not null
   * @throws NullPointerException if {@code file} or {@code message} is null
   */
  public CompileError {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
  }
}
