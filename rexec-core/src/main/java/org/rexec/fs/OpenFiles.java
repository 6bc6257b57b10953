package org.rexec.fs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.rexec.policy.Rule;

/**
 * What a cell holds open on the host: file channels, directory streams and watch services. Each
 * holds one of the JVM's descriptors (a watch service also a thread of the JDK and an inotify
 * instance of the user), which the supervisor and every other cell share; so a cell holds at
 * most a bounded number, and closing the cell closes them all.
 */
final class OpenFiles {

  /** More than programs open at once in practice; far below a process's usual 1,024. */
  static final int MAX_OPEN = 256;
  /** Watch services are threads and inotify instances (128 per user by default). */
  static final int MAX_WATCH_SERVICES = 4;

  private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger files = new AtomicInteger();
  private final AtomicInteger watchServices = new AtomicInteger();
  private volatile boolean closed;

  /** Takes a place for one more descriptor before it is opened, or refuses as the OS does. */
  void reserve(String cellPath) throws FileSystemException {
    take(files, MAX_OPEN, cellPath, "Too many open files");
  }

  /** Takes a place for one more watch service before it is made. */
  void reserveWatchService() throws FileSystemException {
    take(watchServices, MAX_WATCH_SERVICES, null, "Too many open files");
    try {
      reserve(null);
    } catch (FileSystemException full) {
      watchServices.decrementAndGet();
      throw full;
    }
  }

  private void take(AtomicInteger count, int max, String cellPath, String reason)
      throws FileSystemException {
    if (closed || count.incrementAndGet() > max) {
      count.decrementAndGet();
      throw StackTraces.forCell(new FileSystemException(
          cellPath,
          null,
          reason + " (rule: " + Rule.OPEN_FILES + ", a cell holds at most " + max + ")"));
    }
  }

  /** Gives back a place taken for an open that failed. */
  void unreserve() {
    files.decrementAndGet();
  }

  /** Gives back a place taken for a watch service that could not be made. */
  void unreserveWatchService() {
    watchServices.decrementAndGet();
    files.decrementAndGet();
  }

  /** Records {@code file}, opened in a place taken before; closes it if the cell closed. */
  <T extends Closeable> T opened(T file) throws IOException {
    open.add(file);
    if (closed) {
      file.close();
      throw StackTraces.forCell(new FileSystemException("the cell's files are closed"));
    }
    return file;
  }

  /** Gives back the place of a file being closed; once per file, however often it closes. */
  void closed(Closeable file, boolean watchService) {
    if (open.remove(file)) {
      files.decrementAndGet();
      if (watchService) {
        watchServices.decrementAndGet();
      }
    }
  }

  /** Closes everything the cell still holds; later opens are refused. */
  void closeAll() {
    closed = true;
    for (Closeable file : open) {
      try {
        file.close();
      } catch (IOException | RuntimeException ignored) {
        // Closing is all that is left to do with it.
      }
    }
  }
}
