package org.rexec.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.rexec.fs.StackTraces;
import org.rexec.fs.VisibleClasses;
import org.rexec.policy.Rule;

/**
 * The cell's own {@code java.util.logging} namespace: what {@code Logger.getLogger} finds in the
 * cell, in place of the JVM's {@code LogManager}. Its root logger has the level {@code INFO} and
 * a {@code ConsoleHandler} that writes on the cell's standard error, as the JDK's default
 * configuration has; loggers are arranged by their dotted names under it, as the LogManager
 * arranges them. None of them is registered with the JVM's LogManager, and none has a parent
 * outside the cell: levels, handlers and parents set on them reach no other cell and nothing of
 * the host's. {@code LogManager} itself (reset, readConfiguration, its properties) stays out of
 * the cell.
 *
 * <p>Unlike the LogManager's, the cell keeps its loggers strongly (a logger's configuration is
 * not lost to the garbage collector), so their number is bounded: {@value #MAX_LOGGERS}.
 *
 * <p>Thread safety: guarded by {@code this}.
 */
public final class CellLoggers {

  /** The most named loggers a cell may have. */
  static final int MAX_LOGGERS = 4096;

  /** The rule named by refusals of logging. */

  static {
    // The JVM's LogManager is made (and reads the host's configuration, and registers its
    // shutdown hook thread) on the supervisor's thread, before any cell: never on a cell's
    // thread, in a cell's thread group.
    LogManager.getLogManager();
  }

  private final CellContext cell;
  private final Logger root;
  private final Map<String, Logger> named = new HashMap<>();

  CellLoggers(CellContext cell) {
    this.cell = cell;
    this.root = new CellLogger("");
    root.setLevel(Level.INFO);
    root.addHandler(new CellConsoleHandler(cell));
    named.put("", root);
  }

  /** {@code Logger.getLogger(name)} in the cell: the existing logger, or a new one. */
  synchronized Logger logger(String name) {
    Logger logger = named.get(name);
    if (logger != null) {
      return logger;
    }
    if (named.size() >= MAX_LOGGERS) {
      RefusalSite site =
          Refusals.record(
              cell,
              "call",
              "Logger.getLogger(\"" + name + "\"): the cell has " + MAX_LOGGERS
                  + " loggers, the most it may have",
              Rule.LOGGING);
      throw StackTraces.forCell(new SecurityException(site.message()));
    }
    logger = new CellLogger(name);
    logger.setParent(nearestAncestor(name));
    // Loggers made before it whose nearest ancestor it now is move under it.
    List<Logger> adopted = new ArrayList<>();
    for (Logger existing : named.values()) {
      String existingName = existing.getName();
      if (existingName.startsWith(name + ".")
          && existing.getParent().getName().length() < name.length()) {
        adopted.add(existing);
      }
    }
    for (Logger child : adopted) {
      child.setParent(logger);
    }
    named.put(name, logger);
    return logger;
  }

  /** {@code Logger.getAnonymousLogger()} in the cell: a logger of no name under the root. */
  Logger anonymous() {
    Logger logger = new CellLogger(null);
    logger.setParent(root);
    return logger;
  }

  private Logger nearestAncestor(String name) {
    for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
      Logger ancestor = named.get(name.substring(0, dot));
      if (ancestor != null) {
        return ancestor;
      }
    }
    return root;
  }

  /**
   * A logger of the cell. Made with the JDK's protected constructor, which registers nothing
   * with the LogManager; its parent is set by the cell's namespace only.
   */
  private static final class CellLogger extends Logger {
    CellLogger(String name) {
      super(name, null);
    }

    @Override
    public String toString() {
      return VisibleClasses.toString(this);
    }
  }
}
