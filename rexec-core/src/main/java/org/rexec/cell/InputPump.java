package org.rexec.cell;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.rexec.fs.VisibleClasses;
import org.rexec.runtime.CellContext;
import org.rexec.runtime.Waits;

/**
 * The cell's standard input when the supervisor's stream may block (a console, a pipe): a
 * daemon thread of the supervisor reads the stream ahead, and the cell reads what it has
 * read, waiting in a way a kill interrupts. A read blocked in the stream itself could not be.
 *
 * <p>Reads return what {@code System.in} returns on a plain JVM: it fills the buffer for as long
 * as its source reports bytes {@code available()} without blocking, and returns once at least
 * one byte is read and none is. A regular file reports what it still holds, so a read of a file
 * fills the buffer (or takes what remains); a pipe or a terminal reports what has arrived, so a
 * read takes that and blocks only for the first byte. The pump asks the source for {@code
 * available()} after each of its reads and hands the answer on with the chunk: the cell never
 * calls the source, whose lock a pump blocked in {@code read} may hold.
 *
 * <p>The pump starts on the first read and reads at most {@value #CHUNKS} chunks of at most
 * {@value #CHUNK_BYTES} bytes ahead (1 MiB of the supervisor's memory at most).
 */
final class InputPump extends InputStream {

  // 64 KiB: 10 MB of input is 160 hand-offs between the threads (8 KiB made it 1,280).
  private static final int CHUNK_BYTES = 65536;
  private static final int CHUNKS = 16;
  private static final byte[] END = new byte[0];

  private final InputStream source;
  private final CellContext cell;
  private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(CHUNKS);
  /**
   * What can be read without waiting on the source: the bytes queued, plus what the source
   * reported available after the pump's last read. Written by the pump before it queues.
   */
  private final AtomicLong ahead = new AtomicLong();
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
    if (!fill()) {
      return -1;
    }
    return chunk[position++] & 0xFF;
  }

  @Override
  public synchronized int read(byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (length == 0) {
      return 0;
    }
    int total = 0;
    while (total < length) {
      if (total > 0 && !readyWithoutWaiting()) {
        break;
      }
      if (!fill()) {
        return total == 0 ? -1 : total;
      }
      int count = Math.min(length - total, chunk.length - position);
      System.arraycopy(chunk, position, bytes, offset + total, count);
      position += count;
      total += count;
    }
    return total;
  }

  @Override
  public synchronized int available() throws IOException {
    if (!pumping) {
      // Nothing read yet: the source answers, as the JDK's System.in would. (InputStream's
      // contract has available() answer without blocking; the pump holds no lock of it yet.)
      return source.available();
    }
    long buffered = chunk == null || chunk == END ? 0 : chunk.length - position;
    return (int) Math.min(Integer.MAX_VALUE, buffered + Math.max(0, ahead.get()));
  }

  /** Whether the next chunk is queued or on its way from a read that will not block. */
  private boolean readyWithoutWaiting() {
    return failure == null && chunk != END && ahead.get() > 0;
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
    ahead.addAndGet(-chunk.length);
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
    long reported = 0;
    try {
      while (true) {
        byte[] buffer = new byte[CHUNK_BYTES];
        int count = source.read(buffer);
        if (count < 0) {
          ahead.addAndGet(-reported);
          chunks.put(END);
          return;
        }
        // Asked after the read, as BufferedInputStream asks before it reads on.
        long available = Math.max(0, source.available());
        ahead.addAndGet(count + available - reported);
        reported = available;
        if (count > 0) {
          chunks.put(count == buffer.length ? buffer : Arrays.copyOf(buffer, count));
        }
      }
    } catch (IOException e) {
      ahead.addAndGet(-reported);
      // Put, not offered: a full queue must not lose the failure and leave the cell waiting.
      Waits.uninterruptibly(
          () -> {
            chunks.put(e);
            return null;
          },
          () -> {});
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
