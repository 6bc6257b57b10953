package org.rexec.cell;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One output stream of a run, as the cell's {@code System.out} or {@code System.err}: captured
 * in memory for the {@link RunResult}, or streamed to a sink of the supervisor. Closing it from
 * the cell never closes the sink. What passes the run's {@link OutputBudget} is cut.
 */
final class RunOutput {

  private final ByteArrayOutputStream captured;
  private final PrintStream stream;

  private RunOutput(
      ByteArrayOutputStream captured, OutputStream target, boolean autoFlush, OutputBudget budget) {
    this.captured = captured;
    this.stream =
        new PrintStream(new Bounded(target, budget), autoFlush, StandardCharsets.UTF_8);
  }

  /** Output kept in memory. */
  static RunOutput captured(OutputBudget budget) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    return new RunOutput(buffer, buffer, false, budget);
  }

  /** Output written through to {@code sink}, flushed at each line as a console stream is. */
  static RunOutput streamedTo(OutputStream sink, OutputBudget budget) {
    return new RunOutput(null, sink, true, budget);
  }

  PrintStream stream() {
    return stream;
  }

  /** Flushes and returns the bytes captured; empty when streamed. */
  byte[] finish() {
    stream.flush();
    return captured == null ? new byte[0] : captured.toByteArray();
  }

  /** Cuts output at the budget and keeps the cell from closing the supervisor's stream. */
  private static final class Bounded extends FilterOutputStream {
    private final OutputBudget budget;

    Bounded(OutputStream out, OutputBudget budget) {
      super(out);
      this.budget = budget;
    }

    @Override
    public void write(int b) throws IOException {
      if (budget.take(1) == 1) {
        out.write(b);
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, budget.take(length));
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
