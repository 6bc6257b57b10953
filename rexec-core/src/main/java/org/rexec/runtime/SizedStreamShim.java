package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.VIRTUAL_METHOD;

import java.util.Comparator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.BaseStream;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The stream operations that allocate one array for every element at once when the stream knows
 * its size: {@code toArray()}, {@code toList()} and {@code sorted()}. A stream's size is whatever
 * its source says ({@code IntStream.range(0, 1 << 30)}, {@code Random.ints(n)}, a spliterator of
 * the cell's that claims any size), so the size is checked against the largest allocation first.
 *
 * <p>Each shim takes the stream's spliterator (which leaves the pipeline lazy and runs nothing of
 * it), checks its exact size, and goes on with a sequential stream of its elements whose size is
 * fixed at the size checked, so the JDK allocates exactly what was checked. A stream whose size
 * is unknown grows its array by chunks as elements arrive, and the memory limit stops it. A
 * stream class of the cell's own is called as it is.
 */
public final class SizedStreamShim {

  private SizedStreamShim() {}

  @Interposes(owner = Stream.class, member = "toArray", kind = VIRTUAL_METHOD)
  public static Object[] objectsToArray(Stream<?> stream, CellContext cell) {
    if (!isJdk(stream)) {
      return stream.toArray();
    }
    return StreamSupport.stream(checked(stream.spliterator(), 2, cell), false).toArray();
  }

  @Interposes(owner = Stream.class, member = "toList", kind = VIRTUAL_METHOD)
  public static <T> List<T> toList(Stream<T> stream, CellContext cell) {
    if (!isJdk(stream)) {
      return stream.toList();
    }
    return StreamSupport.stream(checked(stream.spliterator(), 2, cell), false).toList();
  }

  @Interposes(owner = IntStream.class, member = "toArray", kind = VIRTUAL_METHOD)
  public static int[] intsToArray(IntStream stream, CellContext cell) {
    if (!isJdk(stream)) {
      return stream.toArray();
    }
    return StreamSupport.intStream(checked(stream.spliterator(), 2, cell), false).toArray();
  }

  @Interposes(owner = LongStream.class, member = "toArray", kind = VIRTUAL_METHOD)
  public static long[] longsToArray(LongStream stream, CellContext cell) {
    if (!isJdk(stream)) {
      return stream.toArray();
    }
    return StreamSupport.longStream(checked(stream.spliterator(), 3, cell), false).toArray();
  }

  @Interposes(owner = DoubleStream.class, member = "toArray", kind = VIRTUAL_METHOD)
  public static double[] doublesToArray(DoubleStream stream, CellContext cell) {
    if (!isJdk(stream)) {
      return stream.toArray();
    }
    return StreamSupport.doubleStream(checked(stream.spliterator(), 3, cell), false).toArray();
  }

  @Interposes(owner = Stream.class, member = "sorted", kind = VIRTUAL_METHOD)
  public static <T> Stream<T> objectsSorted(Stream<T> stream, CellContext cell) {
    if (!isJdk(stream)) {
      return stream.sorted();
    }
    Spliterator<T> elements = stream.spliterator();
    if (alreadySorted(elements) && elements.getComparator() == null) {
      return StreamSupport.stream(elements, false).onClose(stream::close).sorted();
    }
    return StreamSupport.stream(checked(elements, 2, cell), false)
        .onClose(stream::close)
        .sorted();
  }

  @Interposes(owner = Stream.class, member = "sorted", kind = VIRTUAL_METHOD)
  public static <T> Stream<T> objectsSorted(
      Stream<T> stream, Comparator<? super T> comparator, CellContext cell) {
    if (!isJdk(stream)) {
      return stream.sorted(comparator);
    }
    return StreamSupport.stream(checked(stream.spliterator(), 2, cell), false)
        .onClose(stream::close)
        .sorted(comparator);
  }

  @Interposes(owner = IntStream.class, member = "sorted", kind = VIRTUAL_METHOD)
  public static IntStream intsSorted(IntStream stream, CellContext cell) {
    if (!isJdk(stream)) {
      return stream.sorted();
    }
    Spliterator.OfInt elements = stream.spliterator();
    if (alreadySorted(elements)) {
      return StreamSupport.intStream(elements, false).onClose(stream::close).sorted();
    }
    return StreamSupport.intStream(checked(elements, 2, cell), false)
        .onClose(stream::close)
        .sorted();
  }

  @Interposes(owner = LongStream.class, member = "sorted", kind = VIRTUAL_METHOD)
  public static LongStream longsSorted(LongStream stream, CellContext cell) {
    if (!isJdk(stream)) {
      return stream.sorted();
    }
    Spliterator.OfLong elements = stream.spliterator();
    if (alreadySorted(elements)) {
      return StreamSupport.longStream(elements, false).onClose(stream::close).sorted();
    }
    return StreamSupport.longStream(checked(elements, 3, cell), false)
        .onClose(stream::close)
        .sorted();
  }

  @Interposes(owner = DoubleStream.class, member = "sorted", kind = VIRTUAL_METHOD)
  public static DoubleStream doublesSorted(DoubleStream stream, CellContext cell) {
    if (!isJdk(stream)) {
      return stream.sorted();
    }
    Spliterator.OfDouble elements = stream.spliterator();
    if (alreadySorted(elements)) {
      return StreamSupport.doubleStream(elements, false).onClose(stream::close).sorted();
    }
    return StreamSupport.doubleStream(checked(elements, 3, cell), false)
        .onClose(stream::close)
        .sorted();
  }

  /** The JDK's own pipelines; a class of the cell's (or rexec's) answers for itself. */
  private static boolean isJdk(BaseStream<?, ?> stream) {
    return stream.getClass().getClassLoader() == null;
  }

  /**
   * Whether the JDK's own spliterator says its elements are sorted already: then {@code sorted()}
   * allocates nothing ({@code IntStream.range(0, 1 << 30).sorted()}), and the stream goes on
   * with that spliterator as it is. A spliterator of the cell's could answer otherwise when the
   * JDK asks, so it is checked like any other.
   */
  private static boolean alreadySorted(Spliterator<?> elements) {
    return elements.getClass().getClassLoader() == null
        && (elements.characteristics() & Spliterator.SORTED) != 0;
  }

  /** What the JDK may keep of a spliterator's characteristics besides its size. */
  private static final int KEPT =
      Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.NONNULL | Spliterator.IMMUTABLE;

  /**
   * The elements of {@code elements}, with their exact size (if it knows one) read once and
   * checked against the largest allocation: a spliterator of the cell's (the source under a JDK
   * pipeline too) is asked again by the JDK and could answer more the second time, so the JDK's
   * iterator spliterator, whose size is fixed, reports the size that was checked. One element
   * more than it fails the JDK's own check ("Accept exceeded fixed size").
   */
  private static long checkedSize(Spliterator<?> elements, int shift, CellContext cell) {
    long size = elements.getExactSizeIfKnown();
    double bytes = (double) size * (1L << shift);
    if (bytes > cell.maxAllocationBytes) {
      throw cell.allocationTooLarge(bytes);
    }
    return size;
  }

  private static <T> Spliterator<T> checked(Spliterator<T> elements, int shift, CellContext cell) {
    long size = checkedSize(elements, shift, cell);
    int characteristics = elements.characteristics() & KEPT;
    return size < 0
        ? Spliterators.spliteratorUnknownSize(Spliterators.iterator(elements), characteristics)
        : Spliterators.spliterator(Spliterators.iterator(elements), size, characteristics);
  }

  private static Spliterator.OfInt checked(
      Spliterator.OfInt elements, int shift, CellContext cell) {
    long size = checkedSize(elements, shift, cell);
    int characteristics = elements.characteristics() & KEPT;
    return size < 0
        ? Spliterators.spliteratorUnknownSize(Spliterators.iterator(elements), characteristics)
        : Spliterators.spliterator(Spliterators.iterator(elements), size, characteristics);
  }

  private static Spliterator.OfLong checked(
      Spliterator.OfLong elements, int shift, CellContext cell) {
    long size = checkedSize(elements, shift, cell);
    int characteristics = elements.characteristics() & KEPT;
    return size < 0
        ? Spliterators.spliteratorUnknownSize(Spliterators.iterator(elements), characteristics)
        : Spliterators.spliterator(Spliterators.iterator(elements), size, characteristics);
  }

  private static Spliterator.OfDouble checked(
      Spliterator.OfDouble elements, int shift, CellContext cell) {
    long size = checkedSize(elements, shift, cell);
    int characteristics = elements.characteristics() & KEPT;
    return size < 0
        ? Spliterators.spliteratorUnknownSize(Spliterators.iterator(elements), characteristics)
        : Spliterators.spliterator(Spliterators.iterator(elements), size, characteristics);
  }
}
