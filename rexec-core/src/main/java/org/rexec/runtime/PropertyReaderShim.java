package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;

/**
 * The JDK's typed readers of system properties ({@code Integer.getInteger},
 * {@code Long.getLong}, {@code Boolean.getBoolean}) read the cell's properties.
 */
public final class PropertyReaderShim {

  private PropertyReaderShim() {}

  @Interposes(owner = Integer.class, kind = STATIC_METHOD)
  public static Integer getInteger(String name, CellContext cell) {
    return getInteger(name, (Integer) null, cell);
  }

  @Interposes(owner = Integer.class, kind = STATIC_METHOD)
  public static Integer getInteger(String name, int defaultValue, CellContext cell) {
    Integer value = getInteger(name, (Integer) null, cell);
    return value == null ? Integer.valueOf(defaultValue) : value;
  }

  @Interposes(owner = Integer.class, kind = STATIC_METHOD)
  public static Integer getInteger(String name, Integer defaultValue, CellContext cell) {
    String text = read(name, cell);
    if (text != null) {
      try {
        return Integer.decode(text);
      } catch (NumberFormatException notANumber) {
        // As in the JDK: fall back to the default.
      }
    }
    return defaultValue;
  }

  @Interposes(owner = Long.class, kind = STATIC_METHOD)
  public static Long getLong(String name, CellContext cell) {
    return getLong(name, (Long) null, cell);
  }

  @Interposes(owner = Long.class, kind = STATIC_METHOD)
  public static Long getLong(String name, long defaultValue, CellContext cell) {
    Long value = getLong(name, (Long) null, cell);
    return value == null ? Long.valueOf(defaultValue) : value;
  }

  @Interposes(owner = Long.class, kind = STATIC_METHOD)
  public static Long getLong(String name, Long defaultValue, CellContext cell) {
    String text = read(name, cell);
    if (text != null) {
      try {
        return Long.decode(text);
      } catch (NumberFormatException notANumber) {
        // As in the JDK: fall back to the default.
      }
    }
    return defaultValue;
  }

  @Interposes(owner = Boolean.class, kind = STATIC_METHOD)
  public static boolean getBoolean(String name, CellContext cell) {
    return Boolean.parseBoolean(read(name, cell));
  }

  /** As the JDK readers do, a null or empty name reads as an absent property. */
  private static String read(String name, CellContext cell) {
    return name == null || name.isEmpty() ? null : cell.properties().getProperty(name);
  }
}
