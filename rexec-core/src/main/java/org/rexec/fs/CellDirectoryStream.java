package org.rexec.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** A host directory's entries, named as cell paths and filtered by the cell's filter. */
final class CellDirectoryStream implements DirectoryStream<Path> {

  private final DirectoryStream<Path> host;
  private final CellPath directory;
  private final Filter<? super Path> filter;
  private final OpenFiles openFiles;

  CellDirectoryStream(
      DirectoryStream<Path> host,
      CellPath directory,
      Filter<? super Path> filter,
      OpenFiles openFiles) {
    this.host = host;
    this.directory = directory;
    this.filter = filter;
    this.openFiles = openFiles;
  }

  @Override
  public Iterator<Path> iterator() {
    Iterator<Path> entries = host.iterator();
    return new Iterator<>() {
      private Path next;

      @Override
      public boolean hasNext() {
        while (next == null && entries.hasNext()) {
          Path candidate = directory.resolve(entries.next().getFileName().toString());
          try {
            if (filter == null || filter.accept(candidate)) {
              next = candidate;
            }
          } catch (IOException failure) {
            throw new DirectoryIteratorException(failure);
          }
        }
        return next != null;
      }

      @Override
      public Path next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Path result = next;
        next = null;
        return result;
      }
    };
  }

  @Override
  public void close() throws IOException {
    try {
      host.close();
    } catch (UncheckedIOException failure) {
      throw failure.getCause();
    } finally {
      openFiles.closed(this, false);
    }
  }

  /** As {@code Object.toString()} names it on a plain JVM (see {@link VisibleClasses}). */
  @Override
  public String toString() {
    return VisibleClasses.toString(this);
  }
}
