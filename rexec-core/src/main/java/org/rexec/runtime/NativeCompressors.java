package org.rexec.runtime;

import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.rexec.fs.StackTraces;
import org.rexec.policy.Rule;

/**
 * The cell's zlib compressors ({@code Deflater}, {@code Inflater} and the streams that make their
 * own), counted while alive. Each holds native memory outside the Java heap (about 256 KiB for a
 * deflater at the default memory level, 40 KiB for an inflater), which the cell's memory limit
 * cannot see; a program holding 100,000 of them would take gigabytes of the host's native
 * memory. So at most {@value #MAX_ALIVE} are alive at once (some 16 MiB), and one more is refused
 * with a {@code SecurityException} naming the rule {@code native-compressors}.
 *
 * <p>A compressor stops counting when the program ends it ({@code end()}, or {@code close()} of
 * the stream), or once it is unreachable (a {@link Cleaner}, as the JDK frees its native memory).
 * When the cell closes, the {@code Deflater}s and {@code Inflater}s it made are ended; those made
 * inside a stream are freed by the JDK's own cleaner once the cell's objects are collected.
 *
 * <p>Thread safety: guarded by {@code this}.
 */
public final class NativeCompressors {

  /** The most compressors a cell may hold at once. */
  public static final int MAX_ALIVE = 64;

  /** The rule named by a refusal. */

  /**
   * Static because a cleaner is a thread: one for the JVM, running only the release actions
   * below (never cell code), as the JDK's own cleaner runs the frees of native memory.
   */
  private static final Cleaner CLEANER = Cleaner.create();

  private final CellContext cell;
  private int alive;
  /** The Deflaters and Inflaters the cell made, ended when it closes. */
  private final List<WeakReference<Object>> made = new ArrayList<>();

  NativeCompressors(CellContext cell) {
    this.cell = cell;
  }

  /**
   * Counts one more compressor, before it is made.
   *
   * @param what the JDK class, for the refusal's message
   * @throws SecurityException if {@value #MAX_ALIVE} are alive already
   */
  void reserve(String what) {
    synchronized (this) {
      if (alive < MAX_ALIVE) {
        alive++;
        return;
      }
    }
    RefusalSite site =
        Refusals.record(
            cell,
            "new",
            what
                + " while "
                + MAX_ALIVE
                + " compressors are alive, the most a cell may hold (end() or close() those it"
                + " no longer needs)",
            Rule.NATIVE_COMPRESSORS);
    throw StackTraces.forCell(new SecurityException(site.message()));
  }

  /**
   * Ties a reservation to {@code owner}: released by {@link Cleaner.Cleanable#clean()} (at most
   * once) or once {@code owner} is unreachable.
   */
  Cleaner.Cleanable track(Object owner) {
    Cleaner.Cleanable cleanable = CLEANER.register(owner, this::release);
    if (owner instanceof CellDeflater || owner instanceof CellInflater) {
      synchronized (this) {
        if (made.size() >= 2 * MAX_ALIVE) {
          made.removeIf(reference -> reference.get() == null);
        }
        made.add(new WeakReference<>(owner));
      }
    }
    return cleanable;
  }

  /**
   * Runs {@code action} at most once: at {@link Cleaner.Cleanable#clean()} or once {@code owner}
   * is unreachable. For reservations of compressors the JDK makes inside its own classes (a zip
   * file system's), which count themselves with {@link #reserve} and {@link #release}.
   */
  Cleaner.Cleanable whenUnreachable(Object owner, Runnable action) {
    return CLEANER.register(owner, action);
  }

  /** Releases a reservation that no object was made for (its constructor failed). */
  synchronized void release() {
    alive--;
  }

  /** The compressors alive now. */
  public synchronized int alive() {
    return alive;
  }

  /**
   * Ends every Deflater and Inflater the cell made that is still reachable: the cell is closed
   * and its code never runs again. The JDK's {@code end()}, never a program's override.
   */
  void close() {
    List<WeakReference<Object>> all;
    synchronized (this) {
      all = new ArrayList<>(made);
      made.clear();
    }
    for (WeakReference<Object> reference : all) {
      Object compressor = reference.get();
      if (compressor instanceof CellDeflater) {
        ((CellDeflater) compressor).jdkEnd();
      } else if (compressor instanceof CellInflater) {
        ((CellInflater) compressor).jdkEnd();
      }
    }
  }
}
