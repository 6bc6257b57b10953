package org.rexec.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rexec.CompileError;
import org.rexec.RunStatus;
import org.rexec.text.BoundedText;

/**
 * How an invocation that ran no program says why: one line {@code rexec: message} on standard
 * error, or, with {@code --json}, one object on standard output, {@code {"status", "exitCode",
 * "message", "compileErrors"}}, so that a caller of {@code rexec run --json} always reads
 * exactly one object.
 */
final class FailureReport {

  /** The command line is wrong: an unknown option, a bad value, a missing target. */
  static final String USAGE_ERROR = "usage-error";

  /**
   * The target is not a program rexec can load: missing, not a jar, no main class. The word of
   * a run that could not start, so a caller reads one word for both.
   */
  static final String ERROR = RunStatus.ERROR.label();

  /** The source program did not compile. */
  static final String COMPILE_ERROR = "compile-error";

  /** A class file the cell refuses to load: the word of a rejected run. */
  static final String REJECTED = RunStatus.REJECTED.label();

  /** rexec itself failed: a bug. */
  static final String INTERNAL_ERROR = "internal-error";

  /** Characters of a message in JSON, at most: javac's report is the longest there is. */
  private static final int MAX_MESSAGE_LENGTH = 50_000;

  private FailureReport() {}

  /**
   * Reports what a command threw: a {@link UserError} with its status, anything else as rexec's
   * own failure ({@code internal-error}, exit status 125), with its stack trace on standard
   * error if {@code verbose}. Returns the exit status.
   */
  static int ofException(
      Exception exception, boolean json, boolean verbose, PrintStream out, PrintStream err) {
    if (exception instanceof UserError failure) {
      if (verbose && exception.getCause() != null) {
        exception.getCause().printStackTrace(err);
      }
      return print(
          json, out, err, failure.status(), failure.exitCode(), failure.getMessage(),
          failure.compileErrors());
    }
    print(json, out, err, INTERNAL_ERROR, ExitCodes.INTERNAL_ERROR,
        "internal error: " + exception, List.of());
    if (verbose) {
      exception.printStackTrace(err);
    } else if (!json) {
      err.println("Run again with --verbose for the stack trace.");
    }
    return ExitCodes.INTERNAL_ERROR;
  }

  /** Prints {@code message} for the user as text or JSON; returns {@code exitCode}. */
  static int print(
      boolean json,
      PrintStream out,
      PrintStream err,
      String status,
      int exitCode,
      String message,
      List<CompileError> compileErrors) {
    if (json) {
      Json.write(object(status, exitCode, message, compileErrors), out);
      out.println();
      out.flush();
    } else {
      err.println("rexec: " + text(status, message));
    }
    return exitCode;
  }

  /**
   * The message as printed after {@code rexec: }: javac's report keeps its lines (each quoting
   * one line of the source, which holds no line break); any other message is one line, since it
   * may name what a hostile input chose (a file name holding a line break), and is cut as in
   * JSON.
   */
  private static String text(String status, String message) {
    return COMPILE_ERROR.equals(status)
        ? BoundedText.printable(message)
        : BoundedText.line(message, MAX_MESSAGE_LENGTH);
  }

  static Map<String, Object> object(
      String status, int exitCode, String message, List<CompileError> compileErrors) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("status", status);
    json.put("exitCode", exitCode);
    json.put("message", new Json.Bounded(message, MAX_MESSAGE_LENGTH));
    List<Object> errors = new ArrayList<>();
    for (CompileError error : compileErrors) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("file", error.file());
      entry.put("line", error.line());
      entry.put("column", error.column());
      entry.put("message", error.message());
      errors.add(entry);
    }
    json.put("compileErrors", errors);
    return json;
  }
}
