package org.rexec.fs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/**
 * Exceptions of host file operations, retold with cell paths: the same exception type and
 * reason, never the host's path.
 */
final class HostErrors {

  private HostErrors() {}

  /** {@code failure} with its paths replaced by {@code file} and {@code other} (may be null). */
  static IOException retell(IOException failure, String file, String other) {
    if (!(failure instanceof FileSystemException)) {
      return StackTraces.forCell(failure);
    }
    String reason = ((FileSystemException) failure).getReason();
    String otherPath = ((FileSystemException) failure).getOtherFile() == null ? null : other;
    IOException retold;
    if (failure instanceof NoSuchFileException) {
      retold = new NoSuchFileException(file, otherPath, reason);
    } else if (failure instanceof FileAlreadyExistsException) {
      retold = new FileAlreadyExistsException(file, otherPath, reason);
    } else if (failure instanceof DirectoryNotEmptyException) {
      retold = new DirectoryNotEmptyException(file);
    } else if (failure instanceof AccessDeniedException) {
      retold = new AccessDeniedException(file, otherPath, reason);
    } else if (failure instanceof NotDirectoryException) {
      retold = new NotDirectoryException(file);
    } else if (failure instanceof NotLinkException) {
      retold = new NotLinkException(file, otherPath, reason);
    } else if (failure instanceof FileSystemLoopException) {
      retold = new FileSystemLoopException(file);
    } else if (failure instanceof AtomicMoveNotSupportedException) {
      retold = new AtomicMoveNotSupportedException(file, otherPath, reason);
    } else {
      retold = new FileSystemException(file, otherPath, reason);
    }
    return StackTraces.forCell(retold);
  }
}
