package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.IntBinaryOperator;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * {@code Arrays.parallelSort}, {@code parallelPrefix} and {@code parallelSetAll} run
 * sequentially on the calling thread, as parallel streams do in a cell (see {@link
 * ParallelShim}): the JDK's would run on the JVM's common pool, shared with the supervisor.
 * The results are the same: both sorts are stable, a prefix with an associative operator (which
 * the JDK requires) is the same computed in order, and a generator sees each index once.
 */
public final class ParallelArraysShim {

  private ParallelArraysShim() {}

  @Interposes(owner = Arrays.class, member = "parallelSort", kind = STATIC_METHOD)
  public static void parallelSort(byte[] array, CellContext cell) {
    Arrays.sort(array);
  }

  @Interposes(owner = Arrays.class, member = "parallelSort", kind = STATIC_METHOD)
  public static void parallelSort(byte[] array, int from, int to, CellContext cell) {
    Arrays.sort(array, from, to);
  }

  @Interposes(owner = Arrays.class, member = "parallelSort", kind = STATIC_METHOD)
  public static void parallelSort(char[] array, CellContext cell) {
    Arrays.sort(array);
  }

  @Interposes(owner = Arrays.class, member = "parallelSort", kind = STATIC_METHOD)
  public static void parallelSort(char[] array, int from, int to, CellContext cell) {
    Arrays.sort(array, from, to);
  }

  @Interposes(owner = Arrays.class, member = "parallelSort", kind = STATIC_METHOD)
  public static void parallelSort(short[] array, CellContext cell) {
    Arrays.sort(array);
  }

  @Interposes(owner = Arrays.class, member = "parallelSort", kind = STATIC_METHOD)
  public static void parallelSort(short[] array, int from, int to, CellContext cell) {
    Arrays.sort(array, from, to);
  }

  @Interposes(owner = Arrays.class, member = "parallelSort", kind = STATIC_METHOD)
  public static void parallelSort(int[] array, CellContext cell) {
    Arrays.sort(array);
  }

  @Interposes(owner = Arrays.class, member = "parallelSort", kind = STATIC_METHOD)
  public static void parallelSort(int[] array, int from, int to, CellContext cell) {
    Arrays.sort(array, from, to);
  }

  @Interposes(owner = Arrays.class, member = "parallelSort", kind = STATIC_METHOD)
  public static void parallelSort(long[] array, CellContext cell) {
    Arrays.sort(array);
  }

  @Interposes(owner = Arrays.class, member = "parallelSort", kind = STATIC_METHOD)
  public static void parallelSort(long[] array, int from, int to, CellContext cell) {
    Arrays.sort(array, from, to);
  }

  @Interposes(owner = Arrays.class, member = "parallelSort", kind = STATIC_METHOD)
  public static void parallelSort(float[] array, CellContext cell) {
    Arrays.sort(array);
  }

  @Interposes(owner = Arrays.class, member = "parallelSort", kind = STATIC_METHOD)
  public static void parallelSort(float[] array, int from, int to, CellContext cell) {
    Arrays.sort(array, from, to);
  }

  @Interposes(owner = Arrays.class, member = "parallelSort", kind = STATIC_METHOD)
  public static void parallelSort(double[] array, CellContext cell) {
    Arrays.sort(array);
  }

  @Interposes(owner = Arrays.class, member = "parallelSort", kind = STATIC_METHOD)
  public static void parallelSort(double[] array, int from, int to, CellContext cell) {
    Arrays.sort(array, from, to);
  }

  @Interposes(owner = Arrays.class, member = "parallelSort", kind = STATIC_METHOD)
  @SuppressWarnings("rawtypes")
  public static void parallelSort(Comparable[] array, CellContext cell) {
    Arrays.sort(array);
  }

  @Interposes(owner = Arrays.class, member = "parallelSort", kind = STATIC_METHOD)
  @SuppressWarnings("rawtypes")
  public static void parallelSort(Comparable[] array, int from, int to, CellContext cell) {
    Arrays.sort(array, from, to);
  }

  @Interposes(owner = Arrays.class, member = "parallelSort", kind = STATIC_METHOD)
  public static <T> void parallelSort(
      T[] array, Comparator<? super T> comparator, CellContext cell) {
    Arrays.sort(array, comparator);
  }

  @Interposes(owner = Arrays.class, member = "parallelSort", kind = STATIC_METHOD)
  public static <T> void parallelSort(
      T[] array, int from, int to, Comparator<? super T> comparator, CellContext cell) {
    Arrays.sort(array, from, to, comparator);
  }

  // ---- parallelSetAll: Arrays.setAll ----

  @Interposes(owner = Arrays.class, member = "parallelSetAll", kind = STATIC_METHOD)
  public static <T> void parallelSetAll(
      T[] array, IntFunction<? extends T> generator, CellContext cell) {
    Arrays.setAll(array, generator);
  }

  @Interposes(owner = Arrays.class, member = "parallelSetAll", kind = STATIC_METHOD)
  public static void parallelSetAll(int[] array, IntUnaryOperator generator, CellContext cell) {
    Arrays.setAll(array, generator);
  }

  @Interposes(owner = Arrays.class, member = "parallelSetAll", kind = STATIC_METHOD)
  public static void parallelSetAll(long[] array, IntToLongFunction generator, CellContext cell) {
    Arrays.setAll(array, generator);
  }

  @Interposes(owner = Arrays.class, member = "parallelSetAll", kind = STATIC_METHOD)
  public static void parallelSetAll(
      double[] array, IntToDoubleFunction generator, CellContext cell) {
    Arrays.setAll(array, generator);
  }

  // ---- parallelPrefix: the cumulation in order, with the JDK's checks ----

  @Interposes(owner = Arrays.class, member = "parallelPrefix", kind = STATIC_METHOD)
  public static <T> void parallelPrefix(T[] array, BinaryOperator<T> operator, CellContext cell) {
    parallelPrefix(array, 0, array.length, operator, cell);
  }

  @Interposes(owner = Arrays.class, member = "parallelPrefix", kind = STATIC_METHOD)
  public static <T> void parallelPrefix(
      T[] array, int from, int to, BinaryOperator<T> operator, CellContext cell) {
    rangeCheck(array.length, from, to);
    java.util.Objects.requireNonNull(operator);
    for (int i = from + 1; i < to; i++) {
      array[i] = operator.apply(array[i - 1], array[i]);
    }
  }

  @Interposes(owner = Arrays.class, member = "parallelPrefix", kind = STATIC_METHOD)
  public static void parallelPrefix(long[] array, LongBinaryOperator operator, CellContext cell) {
    parallelPrefix(array, 0, array.length, operator, cell);
  }

  @Interposes(owner = Arrays.class, member = "parallelPrefix", kind = STATIC_METHOD)
  public static void parallelPrefix(
      long[] array, int from, int to, LongBinaryOperator operator, CellContext cell) {
    rangeCheck(array.length, from, to);
    java.util.Objects.requireNonNull(operator);
    for (int i = from + 1; i < to; i++) {
      array[i] = operator.applyAsLong(array[i - 1], array[i]);
    }
  }

  @Interposes(owner = Arrays.class, member = "parallelPrefix", kind = STATIC_METHOD)
  public static void parallelPrefix(double[] array, DoubleBinaryOperator operator, CellContext cell) {
    parallelPrefix(array, 0, array.length, operator, cell);
  }

  @Interposes(owner = Arrays.class, member = "parallelPrefix", kind = STATIC_METHOD)
  public static void parallelPrefix(
      double[] array, int from, int to, DoubleBinaryOperator operator, CellContext cell) {
    rangeCheck(array.length, from, to);
    java.util.Objects.requireNonNull(operator);
    for (int i = from + 1; i < to; i++) {
      array[i] = operator.applyAsDouble(array[i - 1], array[i]);
    }
  }

  @Interposes(owner = Arrays.class, member = "parallelPrefix", kind = STATIC_METHOD)
  public static void parallelPrefix(int[] array, IntBinaryOperator operator, CellContext cell) {
    parallelPrefix(array, 0, array.length, operator, cell);
  }

  @Interposes(owner = Arrays.class, member = "parallelPrefix", kind = STATIC_METHOD)
  public static void parallelPrefix(
      int[] array, int from, int to, IntBinaryOperator operator, CellContext cell) {
    rangeCheck(array.length, from, to);
    java.util.Objects.requireNonNull(operator);
    for (int i = from + 1; i < to; i++) {
      array[i] = operator.applyAsInt(array[i - 1], array[i]);
    }
  }

  /** The checks and messages of the JDK's {@code Arrays.rangeCheck}. */
  private static void rangeCheck(int length, int from, int to) {
    if (from > to) {
      throw new IllegalArgumentException("fromIndex(" + from + ") > toIndex(" + to + ")");
    }
    if (from < 0) {
      throw new ArrayIndexOutOfBoundsException(from);
    }
    if (to > length) {
      throw new ArrayIndexOutOfBoundsException(to);
    }
  }
}
