package org.rexec.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rexec.RunResult;
import org.rexec.ThrownException;
import org.rexec.Violation;
import org.rexec.policy.Limits;

/**
 * A run's result as the JSON object {@code rexec run --json} prints, bounded: every string the
 * program controls is written within a budget of bytes of JSON in UTF-8, escapes counted (see
 * {@link Json.Bounded}). The standard output and error share the output limit, so however much
 * of them needs escaping, they take at most the limit in JSON, as they do in bytes; every other
 * string takes at most as many bytes as the library allows it characters. Where the text of a
 * stream is not its bytes exactly (not UTF-8, or cut to fit), the bytes come beside it in base64,
 * at most 4/3 of the output limit for both streams together. The whole object is therefore at
 * most {@link #maxSize(long)} bytes.
 */
final class ResultJson {

  /** Bytes of JSON of the operation or the rule of a violation, words of rexec's own. */
  private static final int MAX_WORD_LENGTH = 100;

  /** Bytes of JSON for the keys, numbers and syntax of one violation besides its strings. */
  private static final int VIOLATION_SYNTAX = 120;

  /** Bytes of the object's keys, numbers and syntax besides its strings and lists. */
  private static final int RESULT_SYNTAX = 700;

  /** How many bytes more than the output limit the object can take, at most. */
  static final long MAX_SIZE_BESIDES_OUTPUT =
      RESULT_SYNTAX
          + 2 * Json.NOTE_MAX_LENGTH
          + RunResult.MAX_MESSAGE_LENGTH
          + ThrownException.MAX_TYPE_LENGTH
          + ThrownException.MAX_MESSAGE_LENGTH
          + ThrownException.MAX_STACK_TRACE_LENGTH
          + (long) RunResult.MAX_VIOLATIONS
              * (VIOLATION_SYNTAX + 2 * MAX_WORD_LENGTH + 5L * Violation.MAX_FIELD_LENGTH)
          + (RunResult.MAX_SURVIVORS + 1L) * (RunResult.MAX_MESSAGE_LENGTH + 3);

  private ResultJson() {}

  /**
   * The most bytes the object takes for this output limit: the text of the output, its bytes in
   * base64 (two streams, each padded to whole groups of 3 bytes), and the rest.
   */
  static long maxSize(long outputLimit) {
    return outputLimit + OutputBytes.maxBase64Length(outputLimit) + MAX_SIZE_BESIDES_OUTPUT;
  }

  /** The result as a JSON value for {@link Json#write(Object, Appendable)}. */
  static Map<String, Object> of(RunResult result, long outputLimit) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("status", result.status().label());
    json.put("exitCode", RunCommand.exitCode(result));
    json.put("message", bounded(message(result).orElse(null), RunResult.MAX_MESSAGE_LENGTH));
    // The two streams share the limit in JSON as they share it in bytes.
    long stdoutSize = Json.size(result.stdout(), outputLimit);
    long stderrBudget = Math.max(0, outputLimit - stdoutSize);
    boolean stdoutWhole = stdoutSize <= outputLimit;
    boolean stderrWhole = Json.size(result.stderr(), stderrBudget) <= stderrBudget;
    boolean cut = !stdoutWhole || !stderrWhole;
    json.put("stdout", new Json.Bounded(result.stdout(), outputLimit));
    json.put("stdoutBase64", OutputBytes.base64UnlessExact(result.stdoutBytes(), stdoutWhole));
    json.put("stderr", new Json.Bounded(result.stderr(), stderrBudget));
    json.put("stderrBase64", OutputBytes.base64UnlessExact(result.stderrBytes(), stderrWhole));
    json.put("exception", result.exception().map(ResultJson::exception).orElse(null));
    List<Object> violations = new ArrayList<>();
    for (Violation violation : result.violations()) {
      violations.add(violation(violation));
    }
    json.put("violations", violations);
    json.put("violationsDropped", result.droppedViolations());
    json.put("bytesRead", result.bytesRead());
    json.put("bytesWritten", result.bytesWritten());
    json.put("wallMillis", result.wallTime().toMillis());
    json.put("cpuMillis", result.cpuTime().toMillis());
    json.put("allocatedBytes", result.allocatedBytes());
    json.put("peakThreads", result.peakThreads());
    json.put("outputTruncated", result.outputTruncated() || cut);
    Map<String, Object> containment = new LinkedHashMap<>();
    containment.put("complete", result.contained());
    List<Object> survivors = new ArrayList<>();
    for (String survivor : result.survivors()) {
      survivors.add(bounded(survivor, RunResult.MAX_MESSAGE_LENGTH));
    }
    containment.put("survivors", survivors);
    json.put("containment", containment);
    return json;
  }

  /**
   * The run's message as the CLI says it: a limit is named by its option ({@code --threads}),
   * where the library names its setting on the policy.
   */
  static Optional<String> message(RunResult result) {
    return result.message().map(text -> text.replace(Limits.THREADS_SETTING, "--threads"));
  }

  private static Object exception(ThrownException thrown) {
    Map<String, Object> exception = new LinkedHashMap<>();
    exception.put("type", bounded(thrown.type(), ThrownException.MAX_TYPE_LENGTH));
    exception.put("message", bounded(thrown.message(), ThrownException.MAX_MESSAGE_LENGTH));
    exception.put(
        "stackTrace", bounded(thrown.stackTrace(), ThrownException.MAX_STACK_TRACE_LENGTH));
    return exception;
  }

  private static Map<String, Object> violation(Violation violation) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("operation", bounded(violation.operation(), MAX_WORD_LENGTH));
    json.put("detail", bounded(violation.detail(), Violation.MAX_FIELD_LENGTH));
    json.put("rule", bounded(violation.rule(), MAX_WORD_LENGTH));
    json.put("class", bounded(violation.className(), Violation.MAX_FIELD_LENGTH));
    json.put("method", bounded(violation.methodName(), Violation.MAX_FIELD_LENGTH));
    json.put("line", violation.line());
    json.put("message", bounded(violation.message(), 2 * Violation.MAX_FIELD_LENGTH));
    return json;
  }

  private static Object bounded(String text, int maxChars) {
    return text == null ? null : new Json.Bounded(text, maxChars);
  }
}
