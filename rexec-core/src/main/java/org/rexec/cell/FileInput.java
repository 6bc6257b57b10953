package org.rexec.cell;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rexec.fs.VisibleClasses;
import org.rexec.runtime.Waits;

/**
 * The cell's standard input when the supervisor's stream is a file ({@code rexec run Prog <
 * input.txt}): a read of a file never waits for a writer, so the cell reads it directly, as a
 * plain JVM does, with no {@link InputPump} thread and no copy between threads in between.
 *
 * <p>A stream is taken for a file when its descriptor can seek: regular files and the devices
 * that never block ({@code /dev/null}, {@code /dev/zero}). Pipes, sockets and terminals cannot
 * seek, and go through the pump, whose waits a kill interrupts.
 *
 * <p>Reads return what {@code System.in} returns on a plain JVM for a file: as much of the
 * request as the file still holds. They are made in slices of at most {@value #SLICE_BYTES}
 * bytes, because the JDK reads a larger request through a native buffer of that size, outside
 * the heap and the cell's memory limit. The cell cannot close the supervisor's stream, nor
 * move its position back.
 */
final class FileInput extends InputStream {

  private static final int SLICE_BYTES = 1 << 20;

  private final FileInputStream file;

  private FileInput(FileInputStream file) {
    this.file = file;
  }

  /** {@code source} read directly, if it is a file. */
  static Optional<InputStream> of(InputStream source) {
    if (source instanceof FileInputStream && seekable((FileInputStream) source)) {
      return Optional.of(new FileInput((FileInputStream) source));
    }
    return Optional.empty();
  }

  /**
   * Asks on a thread of its own: an interrupt of the caller during a channel's operation would
   * close the channel, and with it the supervisor's stream. Nobody else can interrupt this one.
   */
  private static boolean seekable(FileInputStream stream) {
    AtomicBoolean seekable = new AtomicBoolean();
    Thread asker =
        new Thread(
            () -> {
              try {
                stream.getChannel().position();
                seekable.set(true);
              } catch (IOException notSeekable) {
                // A pipe, a socket or a terminal.
              }
            },
            "rexec-stdin-kind");
    asker.setDaemon(true);
    asker.start();
    Waits.uninterruptibly(
        () -> {
          asker.join();
          return null;
        },
        () -> {});
    return seekable.get();
  }

  @Override
  public synchronized int read() throws IOException {
    return file.read();
  }

  @Override
  public synchronized int read(byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (length == 0) {
      return 0;
    }
    int total = 0;
    while (total < length) {
      int count = file.read(bytes, offset + total, Math.min(length - total, SLICE_BYTES));
      if (count < 0) {
        return total == 0 ? -1 : total;
      }
      total += count;
      if (file.available() <= 0) {
        break;
      }
    }
    return total;
  }

  /**
   * Forward only, as {@code InputStream.skip} is: a negative count would seek the supervisor's
   * descriptor back over what it read before handing the stream over.
   */
  @Override
  public synchronized long skip(long count) throws IOException {
    return count <= 0 ? 0 : file.skip(count);
  }

  @Override
  public synchronized int available() throws IOException {
    return file.available();
  }

  /** The supervisor's stream stays open: it is not the cell's to close. */
  @Override
  public void close() {}

  /** As {@code Object.toString()} names it on a plain JVM (see {@link VisibleClasses}). */
  @Override
  public String toString() {
    return VisibleClasses.toString(this);
  }
}
