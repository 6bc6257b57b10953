package org.rexec.cell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a cell's close releases what it holds: every step, and the first failure thrown. */
class ReleasesTest {

  @Test
  void releasesRunEveryStepAndThrowTheFirstFailureWithTheOthersSuppressed() {
    List<String> ran = new java.util.ArrayList<>();
    Releases releases =
        new Releases()
            .release("a", () -> { ran.add("a"); throw new IOException("a failed"); })
            .release("b", () -> ran.add("b"))
            .release("c", () -> { ran.add("c"); throw new IllegalArgumentException("c failed"); });

    assertThatThrownBy(releases::throwFailures)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot release a: a failed")
        .satisfies(
            thrown ->
                assertThat(thrown.getSuppressed())
                    .singleElement()
                    .hasToString("java.lang.IllegalArgumentException: c failed"));
    assertThat(ran).containsExactly("a", "b", "c");
  }

  @Test
  void releasesNeverSwallowAnErrorAndPreferItToExceptions() {
    List<String> ran = new java.util.ArrayList<>();
    OutOfMemoryError heapFull = new OutOfMemoryError("simulated");
    Releases releases =
        new Releases()
            .release("a", () -> { throw new IllegalStateException("a failed"); })
            .release("b", () -> { throw heapFull; })
            .release("c", () -> ran.add("c"));

    assertThatThrownBy(releases::throwFailures)
        .isSameAs(heapFull)
        .satisfies(
            thrown ->
                assertThat(thrown.getSuppressed())
                    .singleElement()
                    .hasToString("java.lang.IllegalStateException: a failed"));
    assertThat(ran).containsExactly("c");
  }

  @Test
  void releasesWithoutFailuresThrowNothing() {
    new Releases().release("a", () -> {}).throwFailures();
  }
}
