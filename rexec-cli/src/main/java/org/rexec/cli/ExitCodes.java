package org.rexec.cli;

import org.rexec.RunResult;

/**
 * The exit statuses of {@code rexec} other than the program's own (documented in the README).
 */
final class ExitCodes {

  /** {@code rexec check} found violations. */
  static final int VIOLATIONS = 1;

  /**
   * Bad usage or bad input: unknown option, missing file, not a class file, compile error; also
   * a run that could not start, whose status has this code.
   */
  static final int USAGE = RunResult.EXIT_ERROR;

  /** rexec itself failed; a bug to report. */
  static final int INTERNAL_ERROR = 125;

  /** A class of the program was refused at load (strict mode, or no policy allows it). */
  static final int REJECTED = RunResult.EXIT_REJECTED;

  private ExitCodes() {}

  /**
   * The exit status a process has after {@code exit(code)}: its low 8 bits, as the kernel
   * passes it to the parent ({@code exit(-1)} is 255, {@code exit(256)} is 0).
   */
  static int processStatus(int code) {
    return code & 0xFF;
  }
}
