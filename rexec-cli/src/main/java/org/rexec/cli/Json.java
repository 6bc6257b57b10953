package org.rexec.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The smallest correct JSON writer for what the CLI prints: objects, arrays, strings, numbers,
 * booleans and null. Strings are escaped per RFC 8259, so the output parses whatever the
 * program printed; lone surrogates are written as {@code \\u} escapes.
 *
 * <p>Linear and cheap: each character is looked at a bounded number of times, runs of
 * characters that need no escape are copied as they are, and escapes come from a table. A
 * string wrapped in {@link Bounded} takes at most its budget of bytes of JSON in UTF-8, escapes
 * counted, so that the size of the output does not depend on how much of a text needs
 * escaping nor on its characters.
 */
final class Json {

  /** The longest note {@link #note(long)} makes. */
  static final int NOTE_MAX_LENGTH = 48;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Characters buffered before they are handed to the destination. */
  private static final int CHUNK = 8192;

  private Json() {}

  /**
   * A string to write in at most {@code maxBytes} bytes (in UTF-8) between its quotes, escapes
   * counted: if it needs more, as much of its start as leaves room for a note, then {@code ...
   * (N more characters)}.
   */
  record Bounded(CharSequence text, long maxBytes) {}

  /**
   * How many bytes {@code text} takes in JSON between its quotes, in UTF-8, counting no further
   * than {@code cap + 1}: enough to tell whether it fits in {@code cap}.
   */
  static long size(CharSequence text, long cap) {
    long size = 0;
    for (int i = 0; i < text.length() && size <= cap; i++) {
      size += size(text, i);
    }
    return size;
  }

  /** Serializes {@code value}; see {@link #write(Object, Appendable)}. */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  /**
   * Writes {@code value} to {@code destination} in chunks: a {@link Map} with string keys (in
   * iteration order), a {@link List}, a {@link CharSequence}, a {@link Bounded} string, a
   * {@link Number}, a {@link Boolean} or {@code null}.
   */
  static void write(Object value, Appendable destination) {
    Writer writer = new Writer(destination);
    writer.value(value);
    writer.flush();
  }

  /** How the cut end of a string reads. */
  static String note(long moreCharacters) {
    return "... (" + moreCharacters + " more characters)";
  }

  /** Bytes of JSON the character at {@code index} takes in UTF-8; 2 for each half of a pair. */
  private static int size(CharSequence text, int index) {
    char c = text.charAt(index);
    if (shortEscape(c) != null) {
      return 2;
    }
    if (needsUnicodeEscape(text, index)) {
      return 6;
    }
    return c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
  }

  /** The two-character escape of {@code c}, or {@code null}. */
  private static String shortEscape(char c) {
    return switch (c) {
      case '"' -> "\\\"";
      case '\\' -> "\\\\";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      case '\b' -> "\\b";
      case '\f' -> "\\f";
      default -> null;
    };
  }

  private static boolean needsUnicodeEscape(CharSequence text, int index) {
    char c = text.charAt(index);
    // U+2028 and U+2029 are legal JSON but break JavaScript string literals.
    return c < 0x20
        || c == 0x7F
        || c == '\u2028'
        || c == '\u2029'
        || (Character.isSurrogate(c) && !isPairedSurrogate(text, index));
  }

  private static boolean isPairedSurrogate(CharSequence text, int index) {
    char c = text.charAt(index);
    if (Character.isHighSurrogate(c)) {
      return index + 1 < text.length() && Character.isLowSurrogate(text.charAt(index + 1));
    }
    return index > 0 && Character.isHighSurrogate(text.charAt(index - 1));
  }

  /** Writes through a buffer handed on every {@value #CHUNK} characters. */
  private static final class Writer {
    private final Appendable destination;
    private final StringBuilder buffer = new StringBuilder(CHUNK + 64);

    Writer(Appendable destination) {
      this.destination = destination;
    }

    void value(Object value) {
      if (value == null) {
        raw("null");
      } else if (value instanceof Bounded bounded) {
        string(bounded.text(), bounded.maxBytes());
      } else if (value instanceof CharSequence text) {
        string(text, Long.MAX_VALUE);
      } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
        raw(value.toString());
      } else if (value instanceof Map<?, ?> map) {
        raw("{");
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          if (!first) {
            raw(",");
          }
          first = false;
          string((String) entry.getKey(), Long.MAX_VALUE);
          raw(":");
          value(entry.getValue());
        }
        raw("}");
      } else if (value instanceof List<?> list) {
        raw("[");
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            raw(",");
          }
          value(list.get(i));
        }
        raw("]");
      } else {
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
      }
    }

    /** A string in at most {@code maxBytes} bytes between its quotes. */
    private void string(CharSequence text, long maxBytes) {
      buffer.append('"');
      if (size(text, maxBytes) <= maxBytes) {
        escaped(text, text.length());
      } else {
        long room = maxBytes - NOTE_MAX_LENGTH;
        int end = 0;
        long used = 0;
        while (end < text.length()) {
          boolean pair =
              Character.isHighSurrogate(text.charAt(end)) && isPairedSurrogate(text, end);
          int take = pair ? 2 : 1;
          int bytes = pair ? 4 : size(text, end);
          if (used + bytes > room) {
            break;
          }
          used += bytes;
          end += take;
        }
        escaped(text, end);
        buffer.append(note(text.length() - end));
      }
      buffer.append('"');
      flushIfFull();
    }

    /** Escapes the first {@code end} characters of {@code text}. */
    private void escaped(CharSequence text, int end) {
      int run = 0;
      for (int i = 0; i < end; i++) {
        char c = text.charAt(i);
        String twoCharacters = shortEscape(c);
        boolean unicode = twoCharacters == null && needsUnicodeEscape(text, i);
        if (twoCharacters == null && !unicode) {
          continue;
        }
        buffer.append(text, run, i);
        if (unicode) {
          buffer.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF])
              .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
        } else {
          buffer.append(twoCharacters);
        }
        run = i + 1;
        flushIfFull();
      }
      buffer.append(text, run, end);
    }

    private void raw(String text) {
      buffer.append(text);
      flushIfFull();
    }

    private void flushIfFull() {
      if (buffer.length() >= CHUNK) {
        flush();
      }
    }

    void flush() {
      try {
        destination.append(buffer);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      buffer.setLength(0);
    }
  }
}
