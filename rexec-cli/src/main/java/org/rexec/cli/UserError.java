package org.rexec.cli;

import java.util.List;
import org.rexec.CompileError;
import org.rexec.LoadException;

/**
 * An invocation that ends before a program runs, through no fault of rexec's: printed as one
 * line, {@code rexec: message} (with {@code --json}, as one object: see {@link FailureReport}),
 * with its exit status: 2 for bad usage or input and compile errors, 126 for a class the cell
 * refuses to load.
 */
final class UserError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String status;
  private final int exitCode;
  private final transient List<CompileError> compileErrors;

  /** A mistake on the command line: status {@code usage-error}, exit status 2. */
  UserError(String message) {
    this(message, null);
  }

  UserError(String message, Throwable cause) {
    this(FailureReport.USAGE_ERROR, ExitCodes.USAGE, message, List.of(), cause);
  }

  private UserError(
      String status, int exitCode, String message, List<CompileError> errors, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.exitCode = exitCode;
    this.compileErrors = List.copyOf(errors);
  }

  /** Input that is not a program rexec can load: status {@code error}, exit status 2. */
  static UserError badInput(String message, Throwable cause) {
    return new UserError(FailureReport.ERROR, ExitCodes.USAGE, message, List.of(), cause);
  }

  /** What a failure to load the program means for the user. */
  static UserError of(LoadException failure) {
    return switch (failure.kind()) {
      case COMPILE_ERROR -> new UserError(
          FailureReport.COMPILE_ERROR,
          ExitCodes.USAGE,
          failure.getMessage(),
          failure.compileErrors(),
          failure);
      case REJECTED -> new UserError(
          FailureReport.REJECTED, ExitCodes.REJECTED, failure.getMessage(), List.of(), failure);
      case BAD_INPUT -> badInput(failure.getMessage(), failure);
    };
  }

  /** The status {@code --json} reports. */
  String status() {
    return status;
  }

  int exitCode() {
    return exitCode;
  }

  /** javac's errors, for a compile error; otherwise empty. */
  List<CompileError> compileErrors() {
    return compileErrors;
  }
}
