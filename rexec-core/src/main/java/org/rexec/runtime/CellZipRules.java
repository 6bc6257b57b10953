package org.rexec.runtime;

import java.lang.ref.Cleaner;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.ReadOnlyFileSystemException;
import org.rexec.fs.CellZipSupport;
import org.rexec.fs.StackTraces;
import org.rexec.policy.Rule;

/** A cell's rules for its zip file systems: its compressor count and its refusals. */
final class CellZipRules implements CellZipSupport {

  /** The rule that keeps zip file systems read-only and alone. */

  private final CellContext cell;

  CellZipRules(CellContext cell) {
    this.cell = cell;
  }

  @Override
  public void reserveCompressor(String what) {
    cell.compressors().reserve(what);
  }

  @Override
  public void releaseCompressor() {
    cell.compressors().release();
  }

  @Override
  public Cleaner.Cleanable whenUnreachable(Object owner, Runnable action) {
    return cell.compressors().whenUnreachable(owner, action);
  }

  @Override
  public RuntimeException refuseWrite(String what) {
    RefusalSite site = Refusals.record(cell, "write", what, Rule.FILE_SYSTEMS);
    return StackTraces.forCell(new ReadOnly(site.message()));
  }

  @Override
  public RuntimeException refuseOtherFileSystem(String operation) {
    RefusalSite site =
        Refusals.record(cell, "call", "FileSystemProvider." + operation + " of a zip file system",
            Rule.FILE_SYSTEMS);
    return StackTraces.forCell(new FileSystemNotFoundException(site.message()));
  }

  /** The JDK's exception for a write to a read-only file system, which has no message of its own. */
  private static final class ReadOnly extends ReadOnlyFileSystemException {
    private static final long serialVersionUID = 1L;
    private final String message;

    ReadOnly(String message) {
      this.message = message;
    }

    @Override
    public String getMessage() {
      return message;
    }
  }
}
