package org.rexec.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowListTest {

  private static final AllowList SAMPLE =
      AllowList.parse(
          "sample",
          """
          # a comment
          java.util.ArrayList            # a trailing comment
          java.lang.Class#getName
          java.lang.Thread#sleep(long)
          java.lang.Thread#<init>
          java.util.Scanner
          -java.util.Scanner#<init>(java.io.File)
          -java.util.Scanner#close
          """);

  @Test
  void aWholeClassAllowsItsMembers() {
    assertThat(SAMPLE.allowsClass("java/util/ArrayList")).isTrue();
    assertThat(SAMPLE.allowsMember("java/util/ArrayList", "add", "(Ljava/lang/Object;)Z")).isTrue();
  }

  @Test
  void aMemberLineAllowsThatMemberAndMakesTheClassReferenceable() {
    assertThat(SAMPLE.allowsClass("java/lang/Class")).isTrue();
    assertThat(SAMPLE.allowsMember("java/lang/Class", "getName", "()Ljava/lang/String;")).isTrue();
    assertThat(SAMPLE.allowsMember("java/lang/Class", "getMethods", "()[Ljava/lang/reflect/Method;"))
        .isFalse();
  }

  @Test
  void aMemberLineWithParametersAllowsOnlyThatOverload() {
    assertThat(SAMPLE.allowsMember("java/lang/Thread", "sleep", "(J)V")).isTrue();
    assertThat(SAMPLE.allowsMember("java/lang/Thread", "sleep", "(JI)V")).isFalse();
    assertThat(SAMPLE.allowsMember("java/lang/Thread", "<init>", "(Ljava/lang/Runnable;)V")).isTrue();
  }

  @Test
  void exclusionsOverrideTheClassLine() {
    assertThat(SAMPLE.allowsMember("java/util/Scanner", "<init>", "(Ljava/io/File;)V")).isFalse();
    assertThat(SAMPLE.allowsMember("java/util/Scanner", "<init>", "(Ljava/lang/String;)V")).isTrue();
    assertThat(SAMPLE.allowsMember("java/util/Scanner", "close", "()V")).isFalse();
  }

  @Test
  void unlistedClassesAreRefused() {
    assertThat(SAMPLE.allowsClass("java/io/File")).isFalse();
    assertThat(SAMPLE.allowsMember("java/io/File", "delete", "()Z")).isFalse();
  }

  @Test
  void theIntersectionAllowsWhatBothAllow() {
    AllowList other = AllowList.parse("other", "java.util.ArrayList\njava.util.Scanner\n");

    AllowList both = SAMPLE.intersect(other);

    assertThat(both.allowsClass("java/util/ArrayList")).isTrue();
    assertThat(both.allowsClass("java/lang/Class")).isFalse();
    assertThat(both.allowsMember("java/util/Scanner", "close", "()V")).isFalse();
    assertThat(both.fingerprint()).isNotEqualTo(SAMPLE.fingerprint());
    assertThat(SAMPLE.intersect(SAMPLE)).isSameAs(SAMPLE);
  }

  @Test
  void theFingerprintDependsOnTheRulesNotTheirOrderOrComments() {
    AllowList reordered =
        AllowList.parse(
            "reordered",
            """
            -java.util.Scanner#close
            java.util.Scanner
            -java.util.Scanner#<init>(java.io.File)
            java.lang.Thread#<init>
            java.lang.Thread#sleep(long)
            java.lang.Class#getName
            java.util.ArrayList
            """);

    assertThat(reordered).isEqualTo(SAMPLE);
    assertThat(reordered.fingerprint()).isEqualTo(SAMPLE.fingerprint());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "java.util.Array List | sample:1: not a class name (expected e.g. java.util.List): java.util.Array List",
        "-java.util.ArrayList | sample:1: an exclusion must name a member (Class#member): -java.util.ArrayList",
        "java.lang.Thread#sleep(long | sample:1: parameter list must end with ')': sleep(long",
        "java.lang.Thread#9lives | sample:1: not a member name: 9lives",
        "java.lang.Thread#sleep(9x) | sample:1: not a class name (expected e.g. java.util.List): 9x",
      })
  void malformedLinesAreRejectedWithTheirLineNumber(String line, String message) {
    assertThatThrownBy(() -> AllowList.parse("sample", line))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void errorsNameTheLineTheyAreOn() {
    assertThatThrownBy(() -> AllowList.parse("list.txt", "java.util.List\n\n# ok\nnot valid!\n"))
        .hasMessageStartingWith("list.txt:4: ");
  }
}
