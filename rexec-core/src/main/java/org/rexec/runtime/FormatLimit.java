package org.rexec.runtime;

import java.util.IllegalFormatPrecisionException;
import java.util.IllegalFormatWidthException;
import org.rexec.fs.StackTraces;

/**
 * The format limit: a width or precision in a format string ({@code %2000000000d}) makes the
 * JDK pad inside one call, with no check of the cell's in it (zero padding even takes time
 * quadratic in the width). Widths and precisions up to {@link #MAX_WIDTH} are formatted by the
 * JDK; larger ones fail with the JDK's own exception for a bad width or precision, with a
 * message that names the rule.
 */
final class FormatLimit {

  private FormatLimit() {}

  /** The largest width or precision a cell may format. */
  static final int MAX_WIDTH = 1 << 16;

  private static final String FLAGS = "-#+ 0,(<";

  /**
   * Fails if a conversion of {@code format} has a width or precision over the limit; else
   * returns the sum of all its widths and the precisions of its numbers, at least what the JDK
   * pads the string it builds to (a format of many conversions pads each: {@code "%1$65536s"}
   * repeated 16,384 times is 144 KiB and formats 1 GiB).
   */
  static long check(String format) {
    long padding = 0;
    if (format == null) {
      return padding;
    }
    int i = format.indexOf('%');
    while (i >= 0 && i < format.length() - 1) {
      i++;
      // An argument index ("2$") is digits too: skip it.
      int end = digitsEnd(format, i);
      if (end < format.length() && format.charAt(end) == '$') {
        i = end + 1;
      }
      while (i < format.length() && FLAGS.indexOf(format.charAt(i)) >= 0) {
        i++;
      }
      end = digitsEnd(format, i);
      if (exceeds(format, i, end)) {
        throw StackTraces.forCell(new Width(parse(format, i, end)));
      }
      padding += end > i ? parse(format, i, end) : 0;
      i = end;
      if (i < format.length() && format.charAt(i) == '.') {
        end = digitsEnd(format, i + 1);
        if (exceeds(format, i + 1, end)) {
          throw StackTraces.forCell(new Precision(parse(format, i + 1, end)));
        }
        // A precision pads numbers with digits; of a string it only cuts.
        if (end > i + 1 && end < format.length() && "eEfgGaA".indexOf(format.charAt(end)) >= 0) {
          padding += parse(format, i + 1, end);
        }
        i = end;
      }
      // Past the conversion character, so that "%%" does not start another conversion.
      i = format.indexOf('%', Math.min(i + 1, format.length()));
    }
    return padding;
  }

  private static int digitsEnd(String format, int from) {
    int i = from;
    while (i < format.length() && format.charAt(i) >= '0' && format.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  private static boolean exceeds(String format, int from, int end) {
    return end > from && parse(format, from, end) > MAX_WIDTH;
  }

  private static int parse(String format, int from, int end) {
    // Ten digits at most: enough to pass any int, never too many for a long.
    long value = Long.parseLong(format, from, Math.min(end, from + 10), 10);
    return (int) Math.min(value, Integer.MAX_VALUE);
  }

  private static String message(String what, int value) {
    return what + " " + value + " is larger than the " + MAX_WIDTH
        + " a cell may format (format limit)";
  }

  /** A width over the limit. */
  private static final class Width extends IllegalFormatWidthException {
    private static final long serialVersionUID = 1L;

    Width(int width) {
      super(width);
    }

    @Override
    public String getMessage() {
      return message("width", getWidth());
    }
  }

  /** A precision over the limit. */
  private static final class Precision extends IllegalFormatPrecisionException {
    private static final long serialVersionUID = 1L;

    Precision(int precision) {
      super(precision);
    }

    @Override
    public String getMessage() {
      return message("precision", getPrecision());
    }
  }
}
