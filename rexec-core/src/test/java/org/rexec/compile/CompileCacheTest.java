package org.rexec.compile;

import org.rexec.CodeCaches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rexec.Cell;
import org.rexec.Policy;
import org.rexec.RunResult;

class CompileCacheTest {

  private static final Duration LIMIT = Duration.ofSeconds(30);
  private static final String HELLO =
      "public class Hello { public static void main(String[] a) { System.out.println(\"hi\"); } }";

  @Test
  void theSameSourceIsCompiledOnce() throws CompilationException {
    CompileCache cache = new CompileCache(CompileCache.DEFAULT_MAX_BYTES);

    CompiledSource first = cache.compile("Hello.java", HELLO, LIMIT);
    CompiledSource second = cache.compile("Hello.java", HELLO, LIMIT);

    assertThat(second).isSameAs(first);
    assertThat(cache.statistics()).startsWith("hits=1 misses=1 entries=1");
  }

  @Test
  void anotherFileNameOrSourceIsAnotherEntry() throws CompilationException {
    CompileCache cache = new CompileCache(CompileCache.DEFAULT_MAX_BYTES);

    CompiledSource hello = cache.compile("Hello.java", HELLO, LIMIT);
    CompiledSource changed = cache.compile("Hello.java", HELLO.replace("hi", "ho"), LIMIT);

    assertThat(changed).isNotSameAs(hello);
    // javac's answer depends on the file name: the cached Hello.java is not Other.java.
    assertThatThrownBy(() -> cache.compile("Other.java", HELLO, LIMIT))
        .isInstanceOf(CompilationException.class)
        .hasMessageContaining("should be declared in a file named Hello.java");
    assertThat(cache.statistics()).startsWith("hits=0 misses=3 entries=2");
  }

  @Test
  void keysSeparateTheirParts() {
    // Moving text between the file name and the source must change the key.
    assertThat(CompileCache.key("A.java", "class A {}"))
        .isNotEqualTo(CompileCache.key("A.javaclass A {}", ""))
        .isEqualTo(CompileCache.key("A.java", "class A {}"));
  }

  @Test
  void aSourceThatDoesNotCompileIsNotKept() {
    CompileCache cache = new CompileCache(CompileCache.DEFAULT_MAX_BYTES);

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> cache.compile("Bad.java", "class Bad {", LIMIT))
          .isInstanceOf(CompilationException.class)
          .hasMessageContaining("reached end of file while parsing");
    }
    assertThat(cache.statistics()).startsWith("hits=0 misses=2 entries=0");
  }

  @Test
  void aCacheOfNoBytesKeepsNothing() throws CompilationException {
    CompileCache cache = CompileCache.none();

    CompiledSource first = cache.compile("Hello.java", HELLO, LIMIT);
    CompiledSource second = cache.compile("Hello.java", HELLO, LIMIT);

    assertThat(second).isNotSameAs(first);
    assertThat(cache.statistics()).startsWith("hits=0 misses=2 entries=0 bytes=0");
  }

  @Test
  void leastRecentlyUsedEntriesGoFirst() throws CompilationException {
    CompiledSource probe = new CompileCache(1 << 20).compile("Hello.java", HELLO, LIMIT);
    long oneEntry = 256 + probe.classFiles().get("Hello").length + "Hello".length();
    CompileCache cache = new CompileCache(oneEntry * 2 + 10);

    cache.compile("Hello.java", HELLO, LIMIT);
    cache.compile("Hello.java", HELLO.replace("hi", "h1"), LIMIT);
    cache.compile("Hello.java", HELLO, LIMIT); // now the most recent
    cache.compile("Hello.java", HELLO.replace("hi", "h2"), LIMIT); // evicts "h1"
    cache.compile("Hello.java", HELLO, LIMIT);

    assertThat(cache.statistics()).startsWith("hits=2 misses=3 entries=2");
  }

  @Test
  void cellsSharingACacheRunTheCachedClassesEachInItsOwnCell() {
    CompileCache cache = new CompileCache(CompileCache.DEFAULT_MAX_BYTES);
    String counter =
        "public class Counter { static int runs;"
            + " public static void main(String[] a) { System.out.println(++runs); } }";

    for (int i = 0; i < 2; i++) {
      try (Cell cell = Cell.builder(Policy.defaults()).codeCache(CodeCaches.compilingInto(cache)).create()) {
        RunResult result = cell.run(cell.loadSource("Counter.java", counter));
        // Static state is the cell's: a cached compilation shares bytes, never classes.
        assertThat(result.stdout()).isEqualTo("1\n");
      }
    }
    assertThat(cache.statistics()).startsWith("hits=1 misses=1 entries=1");
  }
}
