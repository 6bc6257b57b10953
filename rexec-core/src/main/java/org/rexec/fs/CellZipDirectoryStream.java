package org.rexec.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.Iterator;

/** The JDK's directory stream of a zip file system, its entries as the cell's zip paths. */
final class CellZipDirectoryStream implements DirectoryStream<Path> {

  private final CellZipFileSystem fileSystem;
  private final DirectoryStream<Path> entries;

  CellZipDirectoryStream(CellZipFileSystem fileSystem, DirectoryStream<Path> entries) {
    this.fileSystem = fileSystem;
    this.entries = entries;
  }

  @Override
  public Iterator<Path> iterator() {
    Iterator<Path> iterator = entries.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return iterator.hasNext();
      }

      @Override
      public Path next() {
        return fileSystem.wrap(iterator.next());
      }
    };
  }

  @Override
  public void close() throws IOException {
    entries.close();
  }
}
