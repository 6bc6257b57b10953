package org.rexec.cli;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The exact bytes of an output stream in {@code --json}, for output that its text field cannot
 * hold: bytes that are not UTF-8 (the text has U+FFFD in their place) or text cut to fit the
 * JSON's bound. Base64 needs no escaping, so its size is 4/3 of the bytes, which the output
 * limit bounds.
 */
final class OutputBytes {

  private OutputBytes() {}

  /**
   * {@code bytes} in base64 (RFC 4648, with padding), or {@code null} when their text field
   * holds them exactly: they are valid UTF-8 and the text was written whole ({@code
   * textWhole}).
   */
  static String base64UnlessExact(byte[] bytes, boolean textWhole) {
    if (textWhole && isUtf8(bytes)) {
      return null;
    }
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * The most characters the base64 of both streams takes when together they hold at most
   * {@code outputLimit} bytes: 4 for each 3, each stream padded to a whole group.
   */
  static long maxBase64Length(long outputLimit) {
    return 4 * ((outputLimit + 2) / 3) + 4;
  }

  static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException notUtf8) {
      return false;
    }
  }
}
