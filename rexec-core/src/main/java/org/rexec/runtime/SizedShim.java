package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;
import static org.rexec.runtime.Interposes.Kind.VIRTUAL_METHOD;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * JDK calls whose work the program sets by a count and that run no cell code while they do it:
 * the result is checked against the largest allocation first, or its walk is guarded: a
 * {@code LongStream.range(0, Long.MAX_VALUE).sum()} stops with the cell.
 */
public final class SizedShim {

  private SizedShim() {}

  @Interposes(owner = String.class, kind = VIRTUAL_METHOD)
  public static String repeat(String text, int count, CellContext cell) {
    // One byte per character at least (Latin-1); checked in long so that no product overflows.
    long length = (long) text.length() * Math.max(count, 0);
    Guards.allocation((int) Math.min(length, Integer.MAX_VALUE), 0, cell);
    return text.repeat(count);
  }

  @Interposes(owner = Collections.class, kind = STATIC_METHOD)
  public static <T> List<T> nCopies(int count, T element, CellContext cell) {
    return new CopiesList<>(count, element, cell);
  }

  /** Ranges this long are walked unguarded: a walk of them takes well under a millisecond. */
  private static final long UNGUARDED_RANGE = 1 << 16;

  @Interposes(owner = IntStream.class, member = "range", kind = STATIC_METHOD)
  public static IntStream intRange(int start, int end, CellContext cell) {
    IntStream range = IntStream.range(start, end);
    return (long) end - start <= UNGUARDED_RANGE ? range : Guards.walk(range, cell);
  }

  @Interposes(owner = IntStream.class, member = "rangeClosed", kind = STATIC_METHOD)
  public static IntStream intRangeClosed(int start, int end, CellContext cell) {
    IntStream range = IntStream.rangeClosed(start, end);
    return (long) end - start < UNGUARDED_RANGE ? range : Guards.walk(range, cell);
  }

  @Interposes(owner = LongStream.class, member = "range", kind = STATIC_METHOD)
  public static LongStream longRange(long start, long end, CellContext cell) {
    LongStream range = LongStream.range(start, end);
    return end - start <= UNGUARDED_RANGE && end - start >= 0
        ? range
        : Guards.walk(range, cell);
  }

  @Interposes(owner = LongStream.class, member = "rangeClosed", kind = STATIC_METHOD)
  public static LongStream longRangeClosed(long start, long end, CellContext cell) {
    LongStream range = LongStream.rangeClosed(start, end);
    return end - start < UNGUARDED_RANGE && end - start >= 0
        ? range
        : Guards.walk(range, cell);
  }
}
