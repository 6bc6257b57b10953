package org.rexec.fs;

import java.nio.file.FileStore;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * The one file store a cell sees. Its space is the scratch directory's quota: the host's disks
 * and their sizes are none of the cell's business.
 */
final class CellFileStore extends FileStore {

  private final CellFiles files;

  CellFileStore(CellFiles files) {
    this.files = files;
  }

  @Override
  public String name() {
    return "cell";
  }

  @Override
  public String type() {
    return "cell";
  }

  @Override
  public boolean isReadOnly() {
    return false;
  }

  @Override
  public long getTotalSpace() {
    return files.quota().maxBytes();
  }

  @Override
  public long getUsableSpace() {
    return Math.max(0, files.quota().maxBytes() - files.quota().usedBytes());
  }

  @Override
  public long getUnallocatedSpace() {
    return getUsableSpace();
  }

  @Override
  public boolean supportsFileAttributeView(Class<? extends FileAttributeView> type) {
    return type == BasicFileAttributeView.class
        || type == PosixFileAttributeView.class
        || type == FileOwnerAttributeView.class;
  }

  @Override
  public boolean supportsFileAttributeView(String name) {
    return name.equals("basic") || name.equals("posix") || name.equals("owner");
  }

  @Override
  public <V extends FileStoreAttributeView> V getFileStoreAttributeView(Class<V> type) {
    return null;
  }

  @Override
  public Object getAttribute(String attribute) {
    throw new UnsupportedOperationException("no file store attribute " + attribute);
  }

  @Override
  public String toString() {
    return "/ (cell)";
  }
}
