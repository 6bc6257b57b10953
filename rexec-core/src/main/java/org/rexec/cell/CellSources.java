package org.rexec.cell;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rexec.bug.RexecBugException;
import org.rexec.rewrite.CellClassPath;

/**
 * The class files and resources loaded into one cell, by name. Sealed once the cell defines its
 * first class: what was resolved against it must not change underneath.
 */
final class CellSources implements CellClassPath {

  private static final class Entry {
    final byte[] bytes;
    volatile String hash;

    Entry(byte[] bytes) {
      this.bytes = bytes;
    }
  }

  private final Map<String, Entry> classes = new ConcurrentHashMap<>();
  private final Map<String, byte[]> resources = new ConcurrentHashMap<>();
  private volatile boolean sealed;

  /** Adds a class file under its internal name. */
  void addClass(String internalName, byte[] classFile) {
    checkOpen();
    if (classes.putIfAbsent(internalName, new Entry(classFile.clone())) != null) {
      throw new IllegalArgumentException(
          "the cell already has a class " + internalName.replace('/', '.'));
    }
  }

  /** Adds a resource (a non-class file of a jar or directory) under its path name. */
  void addResource(String name, byte[] content) {
    checkOpen();
    resources.putIfAbsent(name, content.clone());
  }

  void seal() {
    sealed = true;
  }

  private void checkOpen() {
    if (sealed) {
      throw new IllegalStateException("code cannot be loaded into a cell once it has run");
    }
  }

  boolean hasClass(String internalName) {
    return classes.containsKey(internalName);
  }

  /** Internal names of all classes, sorted. */
  List<String> classNames() {
    List<String> names = new ArrayList<>(classes.keySet());
    names.sort(null);
    return names;
  }

  /** The class files loaded so far, by internal name: what a source program compiles against. */
  Map<String, byte[]> classFiles() {
    Map<String, byte[]> classFiles = new java.util.HashMap<>();
    classes.forEach((name, entry) -> classFiles.put(name, entry.bytes));
    return classFiles;
  }

  byte[] resource(String name) {
    return resources.get(name);
  }

  @Override
  public byte[] classBytes(String internalName) {
    Entry entry = classes.get(internalName);
    return entry == null ? null : entry.bytes;
  }

  @Override
  public String classHash(String internalName) {
    Entry entry = classes.get(internalName);
    if (entry == null) {
      return null;
    }
    String hash = entry.hash;
    if (hash == null) {
      hash = sha256(entry.bytes);
      entry.hash = hash;
    }
    return hash;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new RexecBugException("SHA-256 is required on every JDK", e);
    }
  }

  static String internalName(String binaryName) {
    return binaryName.replace('.', '/');
  }

  static String binaryName(String internalName) {
    return internalName.replace('/', '.');
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
