package org.rexec.rewrite;

/** The class files of one cell, as the rewriter sees them. Implementations are thread-safe. */
public interface CellClassPath {

  /**
   * The class file of a class of the cell.
   *
   * @param internalName e.g. {@code com/example/Main}
   * @return the bytes, or {@code null} if the cell has no such class; callers do not modify them
   */
  byte[] classBytes(String internalName);

  /**
   * A hash that identifies the bytes of {@link #classBytes(String)}, or {@code null} if absent.
   * Equal hashes mean equal bytes.
   */
  String classHash(String internalName);
}
