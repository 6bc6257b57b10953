package org.rexec.fs;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;

/**
 * The store of a cell's zip file system. The JDK's names the zip file by its path string and
 * looks that string up in the host's default file system; this one asks the cell's file system
 * about the cell's path of the zip file.
 */
final class CellZipFileStore extends FileStore {

  private final CellZipFileSystem fileSystem;

  CellZipFileStore(CellZipFileSystem fileSystem) {
    this.fileSystem = fileSystem;
  }

  private FileStore underlying() throws IOException {
    return Files.getFileStore(fileSystem.zipFile());
  }

  @Override
  public String name() {
    return fileSystem.toString();
  }

  @Override
  public String type() {
    return "zipfs";
  }

  @Override
  public boolean isReadOnly() {
    return true;
  }

  @Override
  public long getTotalSpace() throws IOException {
    return underlying().getTotalSpace();
  }

  @Override
  public long getUsableSpace() throws IOException {
    return underlying().getUsableSpace();
  }

  @Override
  public long getUnallocatedSpace() throws IOException {
    return underlying().getUnallocatedSpace();
  }

  @Override
  public boolean supportsFileAttributeView(Class<? extends FileAttributeView> type) {
    return type == BasicFileAttributeView.class;
  }

  @Override
  public boolean supportsFileAttributeView(String name) {
    return "basic".equals(name) || "zip".equals(name);
  }

  @Override
  public <V extends FileStoreAttributeView> V getFileStoreAttributeView(Class<V> type) {
    return null;
  }

  @Override
  public Object getAttribute(String attribute) throws IOException {
    switch (attribute) {
      case "totalSpace":
        return getTotalSpace();
      case "usableSpace":
        return getUsableSpace();
      case "unallocatedSpace":
        return getUnallocatedSpace();
      default:
        throw new UnsupportedOperationException("does not support the attribute " + attribute);
    }
  }
}
