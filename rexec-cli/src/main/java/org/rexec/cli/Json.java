package org.rexec.cli;

import java.util.List;
import java.util.Map;

/**
 * The smallest correct JSON writer for what the CLI prints: objects, arrays, strings, numbers,
 * booleans and null. Strings are escaped per RFC 8259, so the output parses whatever the
 * program printed; lone surrogates are written as {@code \\u} escapes.
 */
final class Json {

  private Json() {}

  /**
   * Serializes {@code value}: a {@link Map} with string keys (in iteration order), a
   * {@link List}, a {@link CharSequence}, a {@link Number}, a {@link Boolean} or {@code null}.
   */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return out.toString();
  }

  private static void append(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof CharSequence text) {
      appendString(out, text);
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        appendString(out, (String) entry.getKey());
        out.append(':');
        append(out, entry.getValue());
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        append(out, list.get(i));
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  private static void appendString(StringBuilder out, CharSequence text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          boolean control = c < 0x20 || c == 0x7F;
          boolean loneSurrogate =
              Character.isSurrogate(c) && !isPairedSurrogate(text, i);
          // U+2028 and U+2029 are legal JSON but break JavaScript string literals.
          if (control || loneSurrogate || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean isPairedSurrogate(CharSequence text, int index) {
    char c = text.charAt(index);
    if (Character.isHighSurrogate(c)) {
      return index + 1 < text.length() && Character.isLowSurrogate(text.charAt(index + 1));
    }
    return index > 0 && Character.isHighSurrogate(text.charAt(index - 1));
  }
}
