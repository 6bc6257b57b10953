package org.rexec.cell;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Runs the steps that release a cell, every one of them even when an earlier one fails, and then
 * reports what failed: the first failure is thrown with the later ones {@linkplain
 * Throwable#addSuppressed suppressed} by it. An {@link Error} (above all a {@link
 * VirtualMachineError}) is thrown in preference to an exception, never swallowed; it still lets
 * the later steps run first, since leaving a scratch directory or a compressor behind helps no
 * one. Not thread-safe: one instance per {@code close()}.
 */
final class Releases {

  /** One release step; may throw what closing a file throws. */
  interface Step {
    void release() throws IOException;
  }

  private Throwable first;

  /** Runs {@code step}; {@code what} names the resource in the message of an I/O failure. */
  Releases release(String what, Step step) {
    try {
      step.release();
    } catch (IOException e) {
      record(new UncheckedIOException("cannot release " + what + ": " + e.getMessage(), e));
    } catch (Throwable failure) {
      record(failure);
    }
    return this;
  }

  private void record(Throwable failure) {
    if (first == null) {
      first = failure;
    } else if (failure instanceof Error && !(first instanceof Error)) {
      failure.addSuppressed(first);
      first = failure;
    } else {
      first.addSuppressed(failure);
    }
  }

  /** Throws what failed, if anything did. */
  void throwFailures() {
    if (first instanceof Error) {
      throw (Error) first;
    }
    if (first != null) {
      throw (RuntimeException) first;
    }
  }
}
