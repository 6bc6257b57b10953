package org.rexec;

import java.util.Objects;

/**
 * The exception that ended a run, described as plain strings taken inside the cell, so that
 * the supervisor never has to call methods of a cell's exception object.
 *
 * @param type the binary name of the exception's class
 * @param message its message, or {@code null}
 * @param stackTrace the stack trace as the cell printed it
 */
public record ThrownException(String type, String message, String stackTrace) {

  public ThrownException {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(stackTrace, "stackTrace");
  }

  @Override
  public String toString() {
    return message == null ? type : type + ": " + message;
  }
}
