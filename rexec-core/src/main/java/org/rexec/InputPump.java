package org.rexec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.rexec.fs.VisibleClasses;
import org.rexec.runtime.CellContext;
import org.rexec.runtime.Waits;

/**
 * The cell's standard input when the supervisor's stream may block (a console, a pipe): a
 * daemon thread of the supervisor reads the stream ahead, and the cell reads what it has
 * read, waiting in a way a kill interrupts. A read blocked in the stream itself could not be.
 *
 * <p>The pump starts on the first read and reads at most {@value #CHUNKS} chunks ahead.
 */
final class InputPump extends InputStream {

  private static final int CHUNK_BYTES = 8192;
  private static final int CHUNKS = 16;
  private static final byte[] END = new byte[0];

  private final InputStream source;
  private final CellContext cell;
  private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(CHUNKS);
  // Guarded by this.
  private boolean pumping;
  private byte[] chunk;
  private int position;
  private IOException failure;

  InputPump(InputStream source, CellContext cell) {
    this.source = source;
    this.cell = cell;
  }

  @Override
  public synchronized int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
  }

  @Override
  public synchronized int read(byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (length == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int count = Math.min(length, chunk.length - position);
    System.arraycopy(chunk, position, bytes, offset, count);
    position += count;
    return count;
  }

  @Override
  public synchronized int available() {
    return chunk == null || chunk == END ? 0 : chunk.length - position;
  }

  /** Makes the current chunk non-empty; false at the end of the stream. */
  private boolean fill() throws IOException {
    if (failure != null) {
      throw failure;
    }
    if (chunk == END) {
      return false;
    }
    if (chunk != null && position < chunk.length) {
      return true;
    }
    startPump();
    Object next = take();
    if (next instanceof IOException) {
      failure = (IOException) next;
      throw failure;
    }
    chunk = (byte[]) next;
    position = 0;
    return chunk != END;
  }

  /** Waits for the next chunk; an interrupt that is a kill ends the wait at a guard. */
  private Object take() {
    // A blocking read of a stream ignores interrupts, unless the cell is being stopped.
    return Waits.uninterruptibly(chunks::take, cell);
  }

  private void startPump() {
    if (!pumping) {
      pumping = true;
      // Made on a cell thread: inherits nothing of it.
      Thread pump = new Thread(null, this::pump, "rexec-stdin", 0, false);
      pump.setContextClassLoader(InputPump.class.getClassLoader());
      pump.setDaemon(true);
      pump.start();
    }
  }

  /** Runs on the pump thread, until the end of the stream. */
  private void pump() {
    try {
      while (true) {
        byte[] buffer = new byte[CHUNK_BYTES];
        int count = source.read(buffer);
        if (count < 0) {
          chunks.put(END);
          return;
        }
        if (count > 0) {
          chunks.put(Arrays.copyOf(buffer, count));
        }
      }
    } catch (IOException e) {
      chunks.offer(e);
    } catch (InterruptedException e) {
      // Nobody interrupts the pump; if someone does, it stops.
    }
  }

  /** As {@code Object.toString()} names it on a plain JVM (see {@link VisibleClasses}). */
  @Override
  public String toString() {
    return VisibleClasses.toString(this);
  }
}
