package org.rexec.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes and durations in human units on the command line: {@code 512k}, {@code 64m}, {@code 2g};
 * {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 3m}.
 */
final class Units {

  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?", Pattern.CASE_INSENSITIVE);

  private static final Pattern DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);

  private Units() {}

  /**
   * A duration: a number, possibly with a fraction, with a unit ({@code ms}, {@code s},
   * {@code m}, {@code h}; seconds if none).
   *
   * @throws UserError naming {@code option} if the text is not a positive duration
   */
  static Duration duration(String option, String text) {
    Matcher matcher = DURATION.matcher(text.strip());
    if (!matcher.matches()) {
      throw new UserError(
          option + ": not a duration: '" + text + "' (write e.g. 500ms, 2s or 1m)");
    }
    String unit = matcher.group(2) == null ? "s" : matcher.group(2).toLowerCase(Locale.ROOT);
    double millisPerUnit =
        switch (unit) {
          case "ms" -> 1;
          case "m" -> 60_000;
          case "h" -> 3_600_000;
          default -> 1000;
        };
    double millis = Double.parseDouble(matcher.group(1)) * millisPerUnit;
    if (millis < 1 || millis > Long.MAX_VALUE / 2) {
      throw new UserError(option + ": duration out of range: '" + text + "'");
    }
    return Duration.ofMillis((long) millis);
  }

  /**
   * Bytes in a size: a number with an optional binary suffix ({@code k}, {@code m}, {@code g},
   * {@code t}, optionally followed by {@code b} or {@code ib}).
   *
   * @throws UserError naming {@code option} if the text is not a size
   */
  static long bytes(String option, String text) {
    Matcher matcher = SIZE.matcher(text.strip());
    if (!matcher.matches()) {
      throw new UserError(
          option + ": not a size: '" + text + "' (write e.g. 512k, 64m or 2g)");
    }
    int shift =
        switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
          case "k" -> 10;
          case "m" -> 20;
          case "g" -> 30;
          case "t" -> 40;
          default -> 0;
        };
    try {
      long number = Long.parseLong(matcher.group(1));
      if (number <= 0 || Long.numberOfLeadingZeros(number) <= shift) {
        throw new NumberFormatException();
      }
      return number << shift;
    } catch (NumberFormatException tooLarge) {
      throw new UserError(option + ": size out of range: '" + text + "'");
    }
  }
}
