package org.rexec;

import java.util.Objects;
import org.rexec.text.BoundedText;
import org.rexec.runtime.ThrowableText;

/**
 * The exception that ended a run, described as plain strings taken inside the cell, so that
 * the supervisor never has to call methods of a cell's exception object.
 *
 * <p>Bounded, whatever the exception's methods return: the type has at most {@value
 * #MAX_TYPE_LENGTH} characters, the message {@value #MAX_MESSAGE_LENGTH}, the stack trace
 * {@value #MAX_STACK_TRACE_LENGTH}. A longer one is cut and says so ({@code ... (N more
 * characters)}); the stack trace also describes at most {@value ThrowableText#MAX_THROWABLES}
 * throwables (the exception, its causes and suppressed ones) and {@value
 * ThrowableText#MAX_FRAMES} frames of each, and says what it left out.
 *
 * @param type the binary name of the exception's class
 * @param message its message, or {@code null}
 * @param stackTrace the stack trace as the cell printed it
 */
public record ThrownException(String type, String message, String stackTrace) {

  /** Characters of {@link #type()}, at most. */
  public static final int MAX_TYPE_LENGTH = ThrowableText.MAX_LINE_LENGTH;

  /** Characters of {@link #message()}, at most. */
  public static final int MAX_MESSAGE_LENGTH = ThrowableText.MAX_MESSAGE_LENGTH;

  /** Characters of {@link #stackTrace()}, at most. */
  public static final int MAX_STACK_TRACE_LENGTH = ThrowableText.MAX_TRACE_LENGTH;

  /**
   * An exception as the cell described it; each text is cut to its bound here.
   *
   * @param type the binary name of the exception's class; not null
   * @param message its message, or {@code null}
   * @param stackTrace the stack trace as the cell printed it; not null
   * @throws NullPointerException if {@code type} or {@code stackTrace} is null
   */
  public ThrownException {
    type = BoundedText.cut(Objects.requireNonNull(type, "type"), MAX_TYPE_LENGTH);
    message = BoundedText.cut(message, MAX_MESSAGE_LENGTH);
    stackTrace =
        BoundedText.cut(Objects.requireNonNull(stackTrace, "stackTrace"), MAX_STACK_TRACE_LENGTH);
  }

  @Override
  public String toString() {
    return message == null ? type : type + ": " + message;
  }
}
