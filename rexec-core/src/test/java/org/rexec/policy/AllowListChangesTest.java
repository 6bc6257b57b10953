package org.rexec.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link AllowList#allowing} and {@link AllowList#denying}: one entry added or taken away. */
class AllowListChangesTest {

  private static final AllowList BASE =
      AllowList.parse(
          "base",
          """
          java.util.ArrayList
          java.lang.Thread#sleep
          -java.util.ArrayList#removeIf
          """);

  @Test
  void allowingAClassOrMemberAddsItAndLiftsTheSameExclusion() {
    AllowList changed =
        BASE.allowing("java.util.HashMap")
            .allowing("java.lang.Thread#getName()")
            .allowing("java.util.ArrayList#removeIf");

    assertThat(changed.allowsClass("java/util/HashMap")).isTrue();
    assertThat(changed.allowsMember("java/util/HashMap", "put", "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;")).isTrue();
    assertThat(changed.allowsMember("java/lang/Thread", "getName", "()Ljava/lang/String;")).isTrue();
    assertThat(changed.allowsMember("java/util/ArrayList", "removeIf", "(Ljava/util/function/Predicate;)Z")).isTrue();
    assertThat(BASE.allowsMember("java/util/ArrayList", "removeIf", "(Ljava/util/function/Predicate;)Z")).isFalse();
    assertThat(changed.fingerprint()).isNotEqualTo(BASE.fingerprint());
  }

  @Test
  void denyingAMemberExcludesItAndDenyingAClassMakesItUnreferenceable() {
    AllowList changed = BASE.denying("java.util.ArrayList#size()").denying("java.lang.Thread");

    assertThat(changed.allowsMember("java/util/ArrayList", "size", "()I")).isFalse();
    assertThat(changed.allowsMember("java/util/ArrayList", "add", "(Ljava/lang/Object;)Z")).isTrue();
    assertThat(changed.allowsClass("java/lang/Thread")).isFalse();
    assertThat(changed.allowsMember("java/lang/Thread", "sleep", "(J)V")).isFalse();
  }

  @Test
  void laterChangesWin() {
    assertThat(BASE.denying("java.util.ArrayList#size").allowing("java.util.ArrayList#size")
            .allowsMember("java/util/ArrayList", "size", "()I"))
        .isTrue();
    assertThat(BASE.allowing("java.util.HashMap").denying("java.util.HashMap")
            .allowsClass("java/util/HashMap"))
        .isFalse();
  }

  @Test
  void changesApplyToEveryPartOfAnIntersection() {
    AllowList other = AllowList.parse("other", "java.util.ArrayList\n");
    AllowList both = BASE.intersect(other);

    assertThat(both.allowsMember("java/lang/Thread", "sleep", "(J)V")).isFalse();
    assertThat(both.allowing("java.lang.Thread#sleep").allowsMember("java/lang/Thread", "sleep", "(J)V"))
        .isTrue();
    assertThat(both.denying("java.util.ArrayList").allowsClass("java/util/ArrayList")).isFalse();
  }

  @Test
  void malformedEntriesAreRefusedWithTheProblem() {
    assertThatThrownBy(() -> BASE.allowing("java.util.9List"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a class name (expected e.g. java.util.List): java.util.9List");
    assertThatThrownBy(() -> BASE.denying("-java.util.ArrayList#size"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("write the entry without '-': -java.util.ArrayList#size");
    assertThatThrownBy(() -> BASE.allowing("java.lang.Thread#sleep(long"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parameter list must end with ')': sleep(long");
  }
}
