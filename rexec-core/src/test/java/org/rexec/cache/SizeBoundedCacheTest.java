package org.rexec.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizeBoundedCacheTest {

  private final SizeBoundedCache<String, String> cache = new SizeBoundedCache<>(10, String::length);

  @Test
  void theLeastRecentlyUsedGoFirstWhenTheBoundIsPassed() {
    cache.put("a", "aaaa");
    cache.put("b", "bbbb");
    assertThat(cache.<String>find("a", value -> value)).isEqualTo("aaaa");

    cache.put("c", "cccc");

    assertThat(cache.peek("b")).isNull();
    assertThat(cache.peek("a")).isEqualTo("aaaa");
    assertThat(cache.statistics()).isEqualTo("hits=1 misses=0 entries=2 bytes=8");
  }

  @Test
  void aValueLargerThanTheBoundIsNotKeptAndDropsWhatItReplaces() {
    cache.put("a", "aaaa");

    cache.put("a", "x".repeat(11));

    assertThat(cache.peek("a")).isNull();
    assertThat(cache.statistics()).isEqualTo("hits=0 misses=0 entries=0 bytes=0");
  }

  @Test
  void aSelectionThatFindsNothingIsAMiss() {
    cache.put("a", "aaaa");

    assertThat(cache.<String>find("a", value -> null)).isNull();
    assertThat(cache.<String>find("z", value -> value)).isNull();
    assertThat(cache.statistics()).startsWith("hits=0 misses=2 ");
  }

  @Test
  void aNegativeBoundIsRefused() {
    assertThatThrownBy(() -> new SizeBoundedCache<String, String>(-1, String::length))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBytes must be >= 0, was -1");
  }
}
