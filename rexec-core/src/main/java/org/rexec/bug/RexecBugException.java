package org.rexec.bug;

/**
 * rexec itself is wrong: one of its own invariants does not hold (a resource of its jar is
 * missing, a shim is malformed, a state the code rules out was reached). Never the supervisor's
 * mistake and never the untrusted program's: those are {@link IllegalStateException} or {@link
 * IllegalArgumentException} (misuse of a cell or a policy) and the JDK's own exceptions
 * (refusals inside a cell). Report it, with its stack trace, as a bug.
 *
 * <p>It lives in a package of its own, below every other, because every layer may throw it and
 * nothing may depend upward (docs/ARCHITECTURE.md).
 */
public final class RexecBugException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A broken invariant, described by {@code message}. */
  public RexecBugException(String message) {
    super(message);
  }

  /** A broken invariant, described by {@code message}, found through {@code cause}. */
  public RexecBugException(String message, Throwable cause) {
    super(message, cause);
  }
}
