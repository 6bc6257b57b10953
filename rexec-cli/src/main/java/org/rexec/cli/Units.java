package org.rexec.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes in human units on the command line: {@code 512k}, {@code 64m}, {@code 2g}. */
final class Units {

  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?", Pattern.CASE_INSENSITIVE);

  private Units() {}

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
