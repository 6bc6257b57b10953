package org.rexec.fs;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The attributes of an in-memory file: a regular, read-only file of its size. */
final class MemoryFileAttributes implements BasicFileAttributes {

  private static final FileTime EPOCH = FileTime.from(Instant.EPOCH);

  private final long size;

  MemoryFileAttributes(long size) {
    this.size = size;
  }

  @Override
  public FileTime lastModifiedTime() {
    return EPOCH;
  }

  @Override
  public FileTime lastAccessTime() {
    return EPOCH;
  }

  @Override
  public FileTime creationTime() {
    return EPOCH;
  }

  @Override
  public boolean isRegularFile() {
    return true;
  }

  @Override
  public boolean isDirectory() {
    return false;
  }

  @Override
  public boolean isSymbolicLink() {
    return false;
  }

  @Override
  public boolean isOther() {
    return false;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public Object fileKey() {
    return null;
  }

  /** The attributes as {@code Files.readAttributes(path, "basic:...")} returns them. */
  Map<String, Object> asMap(String attributes) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("lastModifiedTime", lastModifiedTime());
    all.put("lastAccessTime", lastAccessTime());
    all.put("creationTime", creationTime());
    all.put("size", size);
    all.put("isRegularFile", true);
    all.put("isDirectory", false);
    all.put("isSymbolicLink", false);
    all.put("isOther", false);
    all.put("fileKey", null);
    String names = attributes.startsWith("basic:") ? attributes.substring(6) : attributes;
    if (names.equals("*")) {
      return all;
    }
    Map<String, Object> chosen = new LinkedHashMap<>();
    for (String name : names.split(",")) {
      if (!all.containsKey(name)) {
        throw new IllegalArgumentException("'" + name + "' not recognized");
      }
      chosen.put(name, all.get(name));
    }
    return chosen;
  }

  /** As {@code Object.toString()} names it on a plain JVM (see {@link VisibleClasses}). */
  @Override
  public String toString() {
    return VisibleClasses.toString(this);
  }
}
