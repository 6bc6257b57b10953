package org.rexec.fs;

import java.lang.ref.Cleaner;

/**
 * What a cell's zip file system needs from the runtime above it: the cell's count of native
 * compressors and its record of refusals. The runtime implements it; this package stays below.
 */
public interface CellZipSupport {

  /**
   * Counts one more zlib compressor of the cell.
   *
   * @throws SecurityException naming the rule {@code native-compressors} at the cell's cap
   */
  void reserveCompressor(String what);

  /** Releases one compressor counted by {@link #reserveCompressor}. */
  void releaseCompressor();

  /** Runs {@code action} (never cell code) once {@code owner} is unreachable or it is cleaned. */
  Cleaner.Cleanable whenUnreachable(Object owner, Runnable action);

  /**
   * Records a refused write to a zip file system.
   *
   * @param what the file or entry and how it would be written, e.g. {@code /a in the zip file
   *     data.zip (delete)}
   * @return the exception to throw: a {@code ReadOnlyFileSystemException} naming the rule
   */
  RuntimeException refuseWrite(String what);

  /**
   * Records a refused opening of another file system through a zip file system's provider.
   *
   * @return the exception to throw: a {@code FileSystemNotFoundException} naming the rule
   */
  RuntimeException refuseOtherFileSystem(String operation);
}
