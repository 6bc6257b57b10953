package org.rexec.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoundedTextTest {

  @Test
  void shortTextIsKeptAsItIs() {
    assertThat(BoundedText.cut("abc", 100)).isEqualTo("abc");
    assertThat(BoundedText.cut(null, 100)).isNull();
    assertThat(BoundedText.line("a\tb", 100)).isEqualTo("a\\tb");
    assertThat(BoundedText.line(null, 100)).isNull();
  }

  @Test
  void longTextIsCutToTheBoundWithANote() {
    String cut = BoundedText.cut("x".repeat(1_000), 100);

    assertThat(cut).hasSizeLessThanOrEqualTo(100).isEqualTo("x".repeat(52) + "... (948 more characters)");
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String emoji = "\uD83D\uDE00";
    String text = "x".repeat(51) + emoji + "y".repeat(100);

    assertThat(BoundedText.cut(text, 100)).isEqualTo("x".repeat(51) + "... (102 more characters)");
    assertThat(BoundedText.line(text, 100)).isEqualTo("x".repeat(51) + "... (102 more characters)");
  }

  @Test
  void aLineEscapesControlCharactersWithinTheBound() {
    String line = BoundedText.line("\n\u001b\u0085".repeat(1_000), 100);

    assertThat(line)
        .hasSizeLessThanOrEqualTo(100)
        .startsWith("\\n\\u001b\\u0085\\n")
        .endsWith(" more characters)")
        .doesNotContain("\n", "\u001b", "\u0085");
  }

  @Test
  void aBoundLeavesRoomForTheNote() {
    assertThatThrownBy(() -> BoundedText.cut("x", 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a bound must leave room for the note: at least 48, was 10");
  }
}
