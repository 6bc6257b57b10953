package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;

import java.util.Spliterator;
import java.util.function.Supplier;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * {@code StreamSupport}: sequential streams as in the JDK; a parallel one is refused, because it
 * would run on the JVM's common pool, shared with the supervisor.
 */
public final class StreamSupportShim {

  private static final String OWNER = "java.util.stream.StreamSupport.";

  private StreamSupportShim() {}

  @Interposes(owner = StreamSupport.class, kind = STATIC_METHOD)
  public static <T> Stream<T> stream(
      Spliterator<T> spliterator, boolean parallel, CellContext cell) {
    refuseParallel(parallel, "stream(java.util.Spliterator, true)", cell);
    return StreamSupport.stream(spliterator, false);
  }

  @Interposes(owner = StreamSupport.class, kind = STATIC_METHOD)
  public static <T> Stream<T> stream(
      Supplier<? extends Spliterator<T>> supplier,
      int characteristics,
      boolean parallel,
      CellContext cell) {
    refuseParallel(parallel, "stream(java.util.function.Supplier, int, true)", cell);
    return StreamSupport.stream(supplier, characteristics, false);
  }

  @Interposes(owner = StreamSupport.class, kind = STATIC_METHOD)
  public static IntStream intStream(
      Spliterator.OfInt spliterator, boolean parallel, CellContext cell) {
    refuseParallel(parallel, "intStream(java.util.Spliterator$OfInt, true)", cell);
    return StreamSupport.intStream(spliterator, false);
  }

  @Interposes(owner = StreamSupport.class, kind = STATIC_METHOD)
  public static IntStream intStream(
      Supplier<? extends Spliterator.OfInt> supplier,
      int characteristics,
      boolean parallel,
      CellContext cell) {
    refuseParallel(parallel, "intStream(java.util.function.Supplier, int, true)", cell);
    return StreamSupport.intStream(supplier, characteristics, false);
  }

  @Interposes(owner = StreamSupport.class, kind = STATIC_METHOD)
  public static LongStream longStream(
      Spliterator.OfLong spliterator, boolean parallel, CellContext cell) {
    refuseParallel(parallel, "longStream(java.util.Spliterator$OfLong, true)", cell);
    return StreamSupport.longStream(spliterator, false);
  }

  @Interposes(owner = StreamSupport.class, kind = STATIC_METHOD)
  public static LongStream longStream(
      Supplier<? extends Spliterator.OfLong> supplier,
      int characteristics,
      boolean parallel,
      CellContext cell) {
    refuseParallel(parallel, "longStream(java.util.function.Supplier, int, true)", cell);
    return StreamSupport.longStream(supplier, characteristics, false);
  }

  @Interposes(owner = StreamSupport.class, kind = STATIC_METHOD)
  public static DoubleStream doubleStream(
      Spliterator.OfDouble spliterator, boolean parallel, CellContext cell) {
    refuseParallel(parallel, "doubleStream(java.util.Spliterator$OfDouble, true)", cell);
    return StreamSupport.doubleStream(spliterator, false);
  }

  @Interposes(owner = StreamSupport.class, kind = STATIC_METHOD)
  public static DoubleStream doubleStream(
      Supplier<? extends Spliterator.OfDouble> supplier,
      int characteristics,
      boolean parallel,
      CellContext cell) {
    refuseParallel(parallel, "doubleStream(java.util.function.Supplier, int, true)", cell);
    return StreamSupport.doubleStream(supplier, characteristics, false);
  }

  private static void refuseParallel(boolean parallel, String call, CellContext cell) {
    if (parallel) {
      throw Refusals.refuseCall(cell, OWNER + call);
    }
  }
}
