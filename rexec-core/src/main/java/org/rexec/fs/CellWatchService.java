package org.rexec.fs;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.Watchable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A watch service over the host's, for directories the cell may read; keys and events name
 * cell paths.
 */
final class CellWatchService implements WatchService {

  private final CellFiles files;
  private final WatchService host;
  private final Map<WatchKey, Key> keys = new ConcurrentHashMap<>();

  private CellWatchService(CellFiles files, WatchService host) {
    this.files = files;
    this.host = host;
  }

  /** A watch service of the cell's, counted among its open files and closed with it. */
  static CellWatchService open(CellFiles files) throws IOException {
    files.openFiles().reserveWatchService();
    WatchService host;
    try {
      host = FileSystems.getDefault().newWatchService();
    } catch (IOException failure) {
      files.openFiles().unreserveWatchService();
      throw failure;
    }
    return files.openFiles().opened(new CellWatchService(files, host));
  }

  WatchKey register(CellPath directory, WatchEvent.Kind<?>[] kinds, WatchEvent.Modifier... modifiers)
      throws IOException {
    WatchKey hostKey = files.fileSystem().provider().register(directory, host, kinds, modifiers);
    return keys.computeIfAbsent(hostKey, key -> new Key(key, directory));
  }

  @Override
  public void close() throws IOException {
    try {
      host.close();
    } finally {
      files.openFiles().closed(this, true);
    }
  }

  @Override
  public WatchKey poll() {
    return wrap(host.poll());
  }

  @Override
  public WatchKey poll(long timeout, TimeUnit unit) throws InterruptedException {
    return wrap(host.poll(timeout, unit));
  }

  @Override
  public WatchKey take() throws InterruptedException {
    return wrap(host.take());
  }

  private WatchKey wrap(WatchKey hostKey) {
    if (hostKey == null) {
      return null;
    }
    Key key = keys.get(hostKey);
    if (key == null) {
      throw new ClosedWatchServiceException();
    }
    return key;
  }

  /** A host watch key whose watchable and event contexts are cell paths. */
  private static final class Key implements WatchKey {
    private final WatchKey host;
    private final CellPath directory;

    Key(WatchKey host, CellPath directory) {
      this.host = host;
      this.directory = directory;
    }

    @Override
    public String toString() {
      return VisibleClasses.toString(this);
    }

    @Override
    public boolean isValid() {
      return host.isValid();
    }

    @Override
    public List<WatchEvent<?>> pollEvents() {
      List<WatchEvent<?>> events = new ArrayList<>();
      for (WatchEvent<?> event : host.pollEvents()) {
        Object context = event.context();
        Object cellContext =
            context instanceof Path
                ? directory.getFileSystem().getPath(context.toString())
                : context;
        events.add(new Event<>(event.kind(), event.count(), cellContext));
      }
      return events;
    }

    @Override
    public boolean reset() {
      return host.reset();
    }

    @Override
    public void cancel() {
      host.cancel();
    }

    @Override
    public Watchable watchable() {
      return directory;
    }
  }

  /** An event as the cell sees it. */
  private static final class Event<T> implements WatchEvent<T> {
    private final WatchEvent.Kind<T> kind;
    private final int count;
    private final Object context;

    Event(WatchEvent.Kind<T> kind, int count, Object context) {
      this.kind = kind;
      this.count = count;
      this.context = context;
    }

    @Override
    public String toString() {
      return VisibleClasses.toString(this);
    }

    @Override
    public WatchEvent.Kind<T> kind() {
      return kind;
    }

    @Override
    public int count() {
      return count;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T context() {
      return (T) context;
    }
  }

  /** As {@code Object.toString()} names it on a plain JVM (see {@link VisibleClasses}). */
  @Override
  public String toString() {
    return VisibleClasses.toString(this);
  }
}
