package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;

import java.util.Objects;
import java.util.logging.Logger;

/** The loggers a cell finds are its own: see {@link CellLoggers}. */
public final class LoggingShim {

  private LoggingShim() {}

  @Interposes(owner = Logger.class, kind = STATIC_METHOD)
  public static Logger getLogger(String name, CellContext cell) {
    return cell.loggers().logger(Objects.requireNonNull(name));
  }

  @Interposes(owner = Logger.class, kind = STATIC_METHOD)
  public static Logger getGlobal(CellContext cell) {
    return cell.loggers().logger(Logger.GLOBAL_LOGGER_NAME);
  }

  @Interposes(owner = Logger.class, kind = STATIC_METHOD)
  public static Logger getAnonymousLogger(CellContext cell) {
    return cell.loggers().anonymous();
  }
}
