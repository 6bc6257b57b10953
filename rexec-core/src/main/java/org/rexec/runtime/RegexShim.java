package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;
import static org.rexec.runtime.Interposes.Kind.VIRTUAL_METHOD;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Regular expressions match a {@link GuardedCharSequence}: a pattern that backtracks without end
 * (catastrophic backtracking takes time exponential in the input) stops when the cell is
 * stopped. Results are the JDK's own: the String methods are defined by their Pattern
 * equivalents, which are used here.
 */
public final class RegexShim {

  private RegexShim() {}

  /** Regular expressions this short cannot nest quantifiers: {@code String.split}'s fast path. */
  private static final int UNGUARDED_REGEX_LENGTH = 2;

  @Interposes(owner = Pattern.class, kind = VIRTUAL_METHOD)
  public static Matcher matcher(Pattern pattern, CharSequence input, CellContext cell) {
    return pattern.matcher(GuardedCharSequence.of(input, cell));
  }

  @Interposes(owner = Pattern.class, member = "matches", kind = STATIC_METHOD)
  public static boolean patternMatches(String regex, CharSequence input, CellContext cell) {
    return matcher(Pattern.compile(regex), input, cell).matches();
  }

  @Interposes(owner = Pattern.class, kind = VIRTUAL_METHOD)
  public static String[] split(Pattern pattern, CharSequence input, CellContext cell) {
    return pattern.split(GuardedCharSequence.of(input, cell));
  }

  @Interposes(owner = Pattern.class, kind = VIRTUAL_METHOD)
  public static String[] split(Pattern pattern, CharSequence input, int limit, CellContext cell) {
    return pattern.split(GuardedCharSequence.of(input, cell), limit);
  }

  @Interposes(owner = Pattern.class, kind = VIRTUAL_METHOD)
  public static Stream<String> splitAsStream(
      Pattern pattern, CharSequence input, CellContext cell) {
    return pattern.splitAsStream(GuardedCharSequence.of(input, cell));
  }

  @Interposes(owner = Pattern.class, kind = VIRTUAL_METHOD)
  public static Predicate<String> asPredicate(Pattern pattern, CellContext cell) {
    return text -> matcher(pattern, text, cell).find();
  }

  @Interposes(owner = Pattern.class, kind = VIRTUAL_METHOD)
  public static Predicate<String> asMatchPredicate(Pattern pattern, CellContext cell) {
    return text -> matcher(pattern, text, cell).matches();
  }

  @Interposes(owner = Matcher.class, kind = VIRTUAL_METHOD)
  public static Matcher reset(Matcher matcher, CharSequence input, CellContext cell) {
    return matcher.reset(GuardedCharSequence.of(input, cell));
  }

  @Interposes(owner = String.class, member = "matches", kind = VIRTUAL_METHOD)
  public static boolean stringMatches(String text, String regex, CellContext cell) {
    return patternMatches(regex, text, cell);
  }

  @Interposes(owner = String.class, kind = VIRTUAL_METHOD)
  public static String replaceAll(
      String text, String regex, String replacement, CellContext cell) {
    return matcher(Pattern.compile(regex), text, cell).replaceAll(replacement);
  }

  @Interposes(owner = String.class, kind = VIRTUAL_METHOD)
  public static String replaceFirst(
      String text, String regex, String replacement, CellContext cell) {
    return matcher(Pattern.compile(regex), text, cell).replaceFirst(replacement);
  }

  @Interposes(owner = String.class, member = "split", kind = VIRTUAL_METHOD)
  public static String[] splitString(String text, String regex, CellContext cell) {
    return splitString(text, regex, 0, cell);
  }

  @Interposes(owner = String.class, member = "split", kind = VIRTUAL_METHOD)
  public static String[] splitString(String text, String regex, int limit, CellContext cell) {
    if (regex.length() <= UNGUARDED_REGEX_LENGTH) {
      return text.split(regex, limit);
    }
    return split(Pattern.compile(regex), text, limit, cell);
  }
}
