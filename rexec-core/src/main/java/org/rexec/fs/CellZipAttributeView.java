package org.rexec.fs;

import java.io.IOException;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.function.Supplier;

/** The basic attribute view of a zip entry: read as the JDK reads it; setting times refused. */
final class CellZipAttributeView implements BasicFileAttributeView {

  private final BasicFileAttributeView zip;
  private final Supplier<RuntimeException> refusal;

  CellZipAttributeView(BasicFileAttributeView zip, Supplier<RuntimeException> refusal) {
    this.zip = zip;
    this.refusal = refusal;
  }

  @Override
  public String name() {
    return "basic";
  }

  @Override
  public BasicFileAttributes readAttributes() throws IOException {
    return zip.readAttributes();
  }

  @Override
  public void setTimes(FileTime lastModified, FileTime lastAccess, FileTime create) {
    throw refusal.get();
  }
}
