package org.rexec.cli;

/** Bad input from the user: printed as one line, {@code rexec: message}, with exit code 2. */
final class UserError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UserError(String message) {
    super(message);
  }

  UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
