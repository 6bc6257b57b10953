package org.rexec.fs;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.file.FileSystem;
import java.util.concurrent.locks.Lock;

/**
 * Counts the zlib inflaters a cell's zip file system makes inside the JDK among the cell's
 * native compressors. The JDK's zip file system gives each open entry stream an inflater and,
 * when the stream closes, keeps up to {@value #JDK_CACHED} of them for reuse until the file
 * system closes (where it ends them). A new inflater is made only when none is kept, so the
 * inflaters alive never exceed the peak of streams open at once, nor the streams open now plus
 * {@value #JDK_CACHED}. This class holds that many reservations: one more as the open streams
 * pass it, one fewer only when it exceeds the open streams plus {@value #JDK_CACHED}.
 *
 * <p>The JDK's {@code close()}, once it completes, has closed every entry stream still open
 * (returning its inflater to the cache) and then ended every cached inflater: none is left, so
 * every reservation is released; streams the cell closes later, or fails to open, hold none.
 * Every entry stream is counted, stored or deflated.
 *
 * <p>Thread safety: guarded by {@code this}.
 */
final class ZipInflaterSlots {

  /** {@code ZipFileSystem.MAX_FLATER} of JDK 17 to 25: the inflaters it keeps for reuse. */
  private static final int JDK_CACHED = 20;

  private final CellZipSupport support;
  private final State state;

  /**
   * @param reserved reservations made already for inflaters the JDK made and kept while opening
   *     (its manifest's), held like those of closed streams
   */
  ZipInflaterSlots(FileSystem jdkZip, CellZipSupport support, int reserved) {
    this.support = support;
    this.state = new State(support, reserved);
    support.whenUnreachable(jdkZip, state::releaseAll);
  }

  /** The counts, apart from the file system, so that a cleaner can outlive it. */
  private static final class State {
    private final CellZipSupport support;
    private int open;
    private int reserved;
    private boolean closed;

    State(CellZipSupport support, int reserved) {
      this.support = support;
      this.reserved = reserved;
    }

    void opening() {
      synchronized (this) {
        open++;
        if (open <= reserved) {
          return;
        }
      }
      try {
        support.reserveCompressor("an entry stream of a zip file system");
      } catch (RuntimeException | Error refused) {
        synchronized (this) {
          open--;
        }
        throw refused;
      }
      synchronized (this) {
        reserved++;
      }
    }

    void closing() {
      boolean release;
      synchronized (this) {
        open--;
        release = reserved > open + (closed ? 0 : JDK_CACHED);
        if (release) {
          reserved--;
        }
      }
      if (release) {
        support.releaseCompressor();
      }
    }

    void fileSystemClosed() {
      int released;
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
        released = reserved;
        reserved = 0;
      }
      release(released);
    }

    void releaseAll() {
      int released;
      synchronized (this) {
        released = reserved;
        reserved = 0;
      }
      release(released);
    }

    private void release(int count) {
      for (int i = 0; i < count; i++) {
        support.releaseCompressor();
      }
    }
  }

  /** Call before the JDK opens an entry stream; pair with {@link #closing()}. */
  void opening() {
    state.opening();
  }

  void closing() {
    state.closing();
  }

  void fileSystemClosed() {
    state.fileSystemClosed();
  }

  /**
   * The JDK's entry stream, counted as open until closed or unreachable.
   *
   * @param closing held while the JDK closes it (see {@link CellZipFileSystem#streams()})
   */
  InputStream counted(InputStream entry, Lock closing) {
    return new EntryStream(entry, support, state::closing, closing);
  }

  /**
   * An entry stream as the cell holds it. The JDK's file system holds its own stream (and so the
   * inflater) in its set of open streams until that stream closes, so a stream the cell drops
   * unclosed is closed by its cleaner: the JDK's stream gives its inflater back to the JDK's
   * cache (or ends it) before the count is released. The JDK's stream runs no cell code, so
   * closing it on the cleaner's thread is safe; the reachability fences keep the cleaner from
   * closing it under a read in progress.
   */
  private static final class EntryStream extends InputStream {
    private final InputStream entry;
    private final Cleaner.Cleanable open;
    private final Lock closing;

    EntryStream(InputStream entry, CellZipSupport support, Runnable closed, Lock closing) {
      this.entry = entry;
      this.closing = closing;
      this.open = support.whenUnreachable(this, () -> closeJdkStream(entry, closing, closed));
    }

    /**
     * Never throws: it runs on a cleaner's thread too. Under the file system's stream lock, as the
     * JDK's close must not see its set of streams change (see {@link CellZipFileSystem#streams()}).
     */
    private static void closeJdkStream(InputStream entry, Lock closing, Runnable closed) {
      closing.lock();
      try {
        entry.close();
      } catch (IOException | RuntimeException ignored) {
        // The JDK's stream is gone from its file system's set before anything here can throw.
      } finally {
        closing.unlock();
        closed.run();
      }
    }

    @Override
    public int read() throws IOException {
      try {
        return entry.read();
      } finally {
        Reference.reachabilityFence(this);
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        return entry.read(buffer, offset, length);
      } finally {
        Reference.reachabilityFence(this);
      }
    }

    @Override
    public long skip(long count) throws IOException {
      try {
        return entry.skip(count);
      } finally {
        Reference.reachabilityFence(this);
      }
    }

    @Override
    public int available() throws IOException {
      try {
        return entry.available();
      } finally {
        Reference.reachabilityFence(this);
      }
    }

    @Override
    public void close() throws IOException {
      closing.lock();
      try {
        entry.close();
      } finally {
        closing.unlock();
        open.clean(); // closes the JDK's stream again (a no-op) and releases the count once
      }
    }
  }
}
