package org.rexec.text;

/**
 * Cuts text that a cell controls to a bound before rexec stores or prints it, leaving a visible
 * note of what was cut. Every string of a run's result that a program can choose (violation
 * details, exception messages and traces, thread names, stop messages) passes through here, so
 * that neither the supervisor's memory nor the size of what it prints depends on the program.
 */
public final class BoundedText {

  private BoundedText() {}

  /**
   * {@code text} if it has at most {@code max} characters, else as much of its start as leaves
   * room for {@link #note(long)} of the rest (never splitting a surrogate pair), then the note:
   * at most {@code max} characters either way. {@code null} stays {@code null}.
   *
   * @param max at least {@value #NOTE_MAX_LENGTH}
   * @param text the text, or {@code null}
   * @return the text, cut to at most {@code max} characters; {@code null} for {@code null}
   * @throws IllegalArgumentException if {@code max} is less than {@value #NOTE_MAX_LENGTH}
   */
  public static String cut(String text, int max) {
    requireRoomForNote(max);
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = keepPairs(text, max - NOTE_MAX_LENGTH);
    return text.substring(0, end) + note(text.length() - end);
  }

  /**
   * As {@link #cut(String, int)}, and on one line: line breaks and other control characters are
   * written as Java escapes ({@code \n}, {@code \u001b}), so that the text cannot start a line
   * of its own where it is printed, nor move a terminal's cursor. At most {@code max}
   * characters, escapes included.
   *
   * @param text the text, or {@code null}
   * @param max the most characters of the result; at least {@value #NOTE_MAX_LENGTH}
   * @return the text on one line, at most {@code max} characters; {@code null} for {@code null}
   * @throws IllegalArgumentException if {@code max} is less than {@value #NOTE_MAX_LENGTH}
   */
  public static String line(String text, int max) {
    requireRoomForNote(max);
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
    int keptIndex = 0;
    int keptLength = 0;
    int index = 0;
    while (index < text.length()) {
      char c = text.charAt(index);
      int before = out.length();
      if (isControl(c)) {
        appendEscape(out, c);
      } else {
        out.append(c);
      }
      if (out.length() > max) {
        out.setLength(before);
        break;
      }
      index++;
      if (out.length() <= max - NOTE_MAX_LENGTH && !Character.isHighSurrogate(c)) {
        keptIndex = index;
        keptLength = out.length();
      }
    }
    if (index == text.length()) {
      return out.toString();
    }
    out.setLength(keptLength);
    return out.append(note(text.length() - keptIndex)).toString();
  }

  /**
   * {@code text} with its control characters written as Java escapes, but for line breaks and
   * tabs: for text of several lines that is printed (javac's errors quote the program's source),
   * which must not move a terminal's cursor or send it commands. {@code null} stays {@code null}.
   *
   * @param text the text, or {@code null}
   * @return the escaped text, or {@code text} itself if it needs no escape; {@code null} for {@code
   *     null}
   */
  public static String printable(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int index = 0; index < text.length(); index++) {
      char c = text.charAt(index);
      boolean escaped = isControl(c) && c != '\n' && c != '\t';
      if (escaped && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, index);
      }
      if (escaped) {
        appendEscape(out, c);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  /** The longest note {@link #note(long)} makes. */
  public static final int NOTE_MAX_LENGTH = 48;

  /**
   * How the cut end of a text reads: {@code ... (N more characters)}.
   *
   * @param moreCharacters how many characters were cut; 0 or more
   * @return the note, at most {@value #NOTE_MAX_LENGTH} characters
   */
  public static String note(long moreCharacters) {
    return "... (" + moreCharacters + " more characters)";
  }

  /**
   * Whether {@code c} is a C0 or C1 control character, or DEL.
   *
   * @param c the character
   * @return {@code true} for U+0000 to U+001F and U+007F to U+009F
   */
  public static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
  }

  private static void appendEscape(StringBuilder out, char c) {
    switch (c) {
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      default -> {
        out.append("\\u00");
        out.append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
      }
    }
  }

  private static void requireRoomForNote(int max) {
    if (max < NOTE_MAX_LENGTH) {
      throw new IllegalArgumentException(
          "a bound must leave room for the note: at least " + NOTE_MAX_LENGTH + ", was " + max);
    }
  }

  /** {@code max}, or one less if that would split a surrogate pair. */
  private static int keepPairs(String text, int max) {
    return max > 0 && Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
  }
}
