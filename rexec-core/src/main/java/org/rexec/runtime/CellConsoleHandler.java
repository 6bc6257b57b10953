package org.rexec.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.util.logging.ConsoleHandler;
import java.util.logging.ErrorManager;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.rexec.fs.VisibleClasses;

/**
 * The cell's {@code ConsoleHandler}: writes on the cell's standard error, or on the stream a
 * subclass sets with {@code setOutputStream} (a common way to log to {@code System.out}).
 *
 * <p>The JDK's constructor would point the handler's writer at the JVM's {@code System.err}
 * through {@code setOutputStream}, which this class overrides: the JDK's writer is never made,
 * so nothing of the handler's reaches the JVM's standard error. This class publishes, flushes
 * and closes on its own target, and {@code setOutputStream}, which in the JDK closes the
 * previous writer (on a plain JVM, a subclass that calls it closes {@code System.err}), only
 * changes the target. What the handler is configured with (level, formatter, filter, encoding)
 * is the JDK's, read as the JDK reads it.
 */
@Substitutes(ConsoleHandler.class)
public class CellConsoleHandler extends ConsoleHandler {

  private final CellContext cell;
  /** Where records go: {@code null} for the cell's current standard error. */
  private OutputStream target;
  private boolean doneHeader;

  public CellConsoleHandler(CellContext cell) {
    this.cell = cell;
    setErrorManager(new CellErrorManager(cell));
  }

  /** As {@code Handler.isLoggable}: the JDK's {@code StreamHandler} would want its writer. */
  @Override
  public boolean isLoggable(LogRecord record) {
    if (record == null) {
      return false;
    }
    int levelValue = getLevel().intValue();
    if (record.getLevel().intValue() < levelValue || levelValue == Level.OFF.intValue()) {
      return false;
    }
    Filter filter = getFilter();
    return filter == null || filter.isLoggable(record);
  }

  @Override
  public synchronized void publish(LogRecord record) {
    if (!isLoggable(record)) {
      return;
    }
    String message;
    try {
      message = getFormatter().format(record);
    } catch (Exception formatting) {
      reportError(null, formatting, ErrorManager.FORMAT_FAILURE);
      return;
    }
    try {
      if (!doneHeader) {
        write(getFormatter().getHead(this));
        doneHeader = true;
      }
      write(message);
    } catch (Exception writing) {
      reportError(null, writing, ErrorManager.WRITE_FAILURE);
    }
    flush();
  }

  private void write(String text) throws IOException {
    String encoding = getEncoding();
    byte[] bytes =
        encoding == null ? text.getBytes(Charset.defaultCharset()) : text.getBytes(encoding);
    out().write(bytes);
  }

  private OutputStream out() {
    return target != null ? target : cell.err();
  }

  @Override
  public synchronized void flush() {
    if (cell == null) {
      return; // in the JDK's constructor
    }
    try {
      out().flush();
    } catch (Exception flushing) {
      reportError(null, flushing, ErrorManager.FLUSH_FAILURE);
    }
  }

  /** As the JDK's: flushes, and leaves the stream open. */
  @Override
  public synchronized void close() {
    flush();
  }

  /**
   * Changes where records go; the previous target is flushed, never closed. Final: the JDK's
   * constructor calls it with the JVM's {@code System.err}, which a subclass's override would
   * receive (and could write on, or close).
   */
  @Override
  protected final synchronized void setOutputStream(OutputStream out) {
    if (out == null) {
      throw new NullPointerException();
    }
    if (cell == null) {
      return; // the JDK's constructor, pointing at the JVM's System.err: never
    }
    flush();
    target = out;
    doneHeader = false;
  }

  @Override
  public synchronized void setEncoding(String encoding)
      throws SecurityException, UnsupportedEncodingException {
    flush();
    if (encoding != null && !Charset.isSupported(encoding)) {
      throw new UnsupportedEncodingException(encoding);
    }
    // Only records the name: the JDK's would make a new writer on the JVM's System.err.
    super.setEncoding(encoding);
  }

  /** As the JDK's {@code toString}, with the JDK's class name in place of rexec's. */
  @Override
  public String toString() {
    return VisibleClasses.shown(this, super.toString());
  }
}
