package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.STATIC_FIELD_GET;
import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Properties;
import org.rexec.fs.StackTraces;

/** The cell's {@code java.lang.System}: its own streams, properties, environment and exit. */
public final class SystemShim {

  private SystemShim() {}

  @Interposes(owner = System.class, member = "out", kind = STATIC_FIELD_GET)
  public static PrintStream out(CellContext cell) {
    return cell.out();
  }

  @Interposes(owner = System.class, member = "err", kind = STATIC_FIELD_GET)
  public static PrintStream err(CellContext cell) {
    return cell.err();
  }

  @Interposes(owner = System.class, member = "in", kind = STATIC_FIELD_GET)
  public static InputStream in(CellContext cell) {
    return cell.in();
  }

  @Interposes(owner = System.class, kind = STATIC_METHOD)
  public static void setOut(PrintStream stream, CellContext cell) {
    cell.setOut(stream);
  }

  @Interposes(owner = System.class, kind = STATIC_METHOD)
  public static void setErr(PrintStream stream, CellContext cell) {
    cell.setErr(stream);
  }

  @Interposes(owner = System.class, kind = STATIC_METHOD)
  public static void setIn(InputStream stream, CellContext cell) {
    cell.setIn(stream);
  }

  @Interposes(owner = System.class, kind = STATIC_METHOD)
  public static void exit(int status, CellContext cell) {
    throw cell.exit(status, false);
  }

  @Interposes(owner = System.class, kind = STATIC_METHOD)
  public static String getProperty(String key, CellContext cell) {
    return cell.properties().getProperty(checkKey(key));
  }

  @Interposes(owner = System.class, kind = STATIC_METHOD)
  public static String getProperty(String key, String defaultValue, CellContext cell) {
    return cell.properties().getProperty(checkKey(key), defaultValue);
  }

  @Interposes(owner = System.class, kind = STATIC_METHOD)
  public static Properties getProperties(CellContext cell) {
    return cell.properties();
  }

  @Interposes(owner = System.class, kind = STATIC_METHOD)
  public static String setProperty(String key, String value, CellContext cell) {
    return (String) cell.properties().setProperty(checkKey(key), value);
  }

  @Interposes(owner = System.class, kind = STATIC_METHOD)
  public static String clearProperty(String key, CellContext cell) {
    return (String) cell.properties().remove(checkKey(key));
  }

  @Interposes(owner = System.class, kind = STATIC_METHOD)
  public static void setProperties(Properties properties, CellContext cell) {
    cell.setProperties(properties);
  }

  @Interposes(owner = System.class, kind = STATIC_METHOD)
  public static Map<String, String> getenv(CellContext cell) {
    return cell.environment();
  }

  @Interposes(owner = System.class, kind = STATIC_METHOD)
  public static String getenv(String name, CellContext cell) {
    return cell.environment().get(Receivers.require(name));
  }

  /** A collection request is a hint; a cell may not make the whole JVM collect. */
  @Interposes(owner = System.class, kind = STATIC_METHOD)
  public static void gc(CellContext cell) {}

  @Interposes(owner = System.class, kind = STATIC_METHOD)
  public static void runFinalization(CellContext cell) {}

  /** A cell has no console, as a JVM whose streams are redirected has none. */
  @Interposes(owner = System.class, kind = STATIC_METHOD)
  public static Console console(CellContext cell) {
    return null;
  }

  /** The checks and messages of {@code System.checkKey}. */
  static String checkKey(String key) {
    if (key == null) {
      throw StackTraces.forCell(new NullPointerException("key can't be null"));
    }
    if (key.isEmpty()) {
      throw StackTraces.forCell(new IllegalArgumentException("key can't be empty"));
    }
    return key;
  }
}
