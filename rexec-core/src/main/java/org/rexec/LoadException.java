package org.rexec;

import java.util.ArrayList;
import java.util.List;
import org.rexec.cell.LoadFailure;
import org.rexec.compile.CompilationException;
import org.rexec.compile.CompilerDiagnostic;
import org.rexec.text.BoundedText;

/**
 * Code given to a cell cannot be loaded: not a class file, not a jar, a source file that does
 * not compile, two classes of the same name. The message says which and why, in one line
 * (compile errors: javac's own lines); {@link #kind()} says which kind of failure it is.
 */
public final class LoadException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The most a message holds: javac's errors are bounded below this, names far below. */
  static final int MAX_MESSAGE_LENGTH = 40_000;

  /** Why code could not be loaded. */
  public enum Kind {
    /**
     * The input is not code the cell loads: not a source file, class file, jar or directory of
     * class files; a directory of sources; two classes of the same name.
     */
    BAD_INPUT,
    /** A source program did not compile: see {@link #compileErrors()}. */
    COMPILE_ERROR,
    /**
     * A class file the cell refuses to load: malformed, or larger than a cell's class files may
     * be. The run's status for it is {@link RunStatus#REJECTED}.
     */
    REJECTED,
  }

  /** Which kind of failure this is; serialized, unlike the compile errors. */
  private final Kind kind;
  private final transient List<CompileError> compileErrors;

  /**
   * A failure to load, of kind {@link Kind#BAD_INPUT}.
   *
   * @param message names in it that the program chose come escaped on one line ({@link
   *     BoundedText#line}); control characters other than line breaks are escaped here
   */
  public LoadException(String message) {
    this(message, Kind.BAD_INPUT, List.of(), null);
  }

  /**
   * A failure to load, of kind {@link Kind#BAD_INPUT}, caused by {@code cause}.
   *
   * @param message one line saying what could not be loaded and why; see {@link
   *     #LoadException(String)}
   * @param cause what made loading fail, or {@code null} if unknown
   */
  public LoadException(String message, Throwable cause) {
    this(message, Kind.BAD_INPUT, List.of(), cause);
  }

  private LoadException(
      String message, Kind kind, List<CompileError> compileErrors, Throwable cause) {
    super(bounded(message), cause);
    this.kind = kind;
    this.compileErrors = List.copyOf(compileErrors);
  }

  /** The machinery's failure, as the API reports it. */
  static LoadException of(LoadFailure failure) {
    return new LoadException(
        failure.getMessage(),
        failure.rejected() ? Kind.REJECTED : Kind.BAD_INPUT,
        List.of(),
        failure);
  }

  /** A source program that did not compile, with javac's errors. */
  static LoadException of(CompilationException failed) {
    List<CompileError> errors = new ArrayList<>();
    for (CompilerDiagnostic error : failed.diagnostics()) {
      errors.add(new CompileError(error.file(), error.line(), error.column(), error.message()));
    }
    return new LoadException(failed.getMessage(), Kind.COMPILE_ERROR, errors, failed);
  }

  /**
   * Which kind of failure this is.
   *
   * @return the kind; never null
   */
  public Kind kind() {
    return kind;
  }

  /**
   * For {@link Kind#COMPILE_ERROR}: javac's errors, in its order, as many as the message lists
   * (empty when compilation failed without one, such as at its time limit); otherwise empty.
   *
   * @return the errors, unmodifiable
   */
  public List<CompileError> compileErrors() {
    return compileErrors;
  }

  private static String bounded(String message) {
    return BoundedText.cut(BoundedText.printable(message), MAX_MESSAGE_LENGTH);
  }
}
