package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;

import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.rexec.fs.StackTraces;
import org.rexec.policy.Rule;

/** The loggers a cell finds are its own: see {@link CellLoggers}. */
public final class LoggingShim {

  /** The levels a cell may name: the JDK's own, which every JVM has. */
  private static final List<Level> STANDARD_LEVELS =
      List.of(
          Level.OFF,
          Level.SEVERE,
          Level.WARNING,
          Level.INFO,
          Level.CONFIG,
          Level.FINE,
          Level.FINER,
          Level.FINEST,
          Level.ALL);

  private LoggingShim() {}

  /**
   * {@code Level.parse} among the standard levels, by name, number or localized name. The JDK's
   * would make and register JVM-wide a level for any other number (strongly: the host's heap,
   * outside the cell's, and found by every other cell's {@code Level.parse}), and would find
   * the host's custom levels by name.
   */
  @Interposes(owner = Level.class, kind = STATIC_METHOD)
  public static Level parse(String name, CellContext cell) {
    name.length(); // the JDK's NullPointerException
    Integer number = null;
    try {
      number = Integer.parseInt(name);
    } catch (NumberFormatException notNumber) {
      // a name
    }
    for (Level level : STANDARD_LEVELS) {
      if (level.getName().equals(name)
          || (number != null && level.intValue() == number)
          || level.getLocalizedName().equals(name)) {
        return level;
      }
    }
    if (number == null) {
      throw new IllegalArgumentException("Bad level \"" + name + "\""); // as the JDK says
    }
    RefusalSite site =
        Refusals.record(
            cell,
            "call",
            "Level.parse(\"" + name + "\"): a level that is not standard (it would be"
                + " registered JVM-wide)",
            Rule.LOGGING);
    throw StackTraces.forCell(new IllegalArgumentException(site.message()));
  }

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
