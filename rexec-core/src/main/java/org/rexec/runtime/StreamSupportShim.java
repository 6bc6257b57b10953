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
 * {@code StreamSupport}: every stream is sequential, as {@link ParallelShim} makes parallel ones;
 * a parallel stream would run on the JVM's common pool, shared with the supervisor.
 */
public final class StreamSupportShim {

  private StreamSupportShim() {}

  @Interposes(owner = StreamSupport.class, kind = STATIC_METHOD)
  public static <T> Stream<T> stream(
      Spliterator<T> spliterator, boolean parallel, CellContext cell) {
    return StreamSupport.stream(spliterator, false);
  }

  @Interposes(owner = StreamSupport.class, kind = STATIC_METHOD)
  public static <T> Stream<T> stream(
      Supplier<? extends Spliterator<T>> supplier,
      int characteristics,
      boolean parallel,
      CellContext cell) {
    return StreamSupport.stream(supplier, characteristics, false);
  }

  @Interposes(owner = StreamSupport.class, kind = STATIC_METHOD)
  public static IntStream intStream(
      Spliterator.OfInt spliterator, boolean parallel, CellContext cell) {
    return StreamSupport.intStream(spliterator, false);
  }

  @Interposes(owner = StreamSupport.class, kind = STATIC_METHOD)
  public static IntStream intStream(
      Supplier<? extends Spliterator.OfInt> supplier,
      int characteristics,
      boolean parallel,
      CellContext cell) {
    return StreamSupport.intStream(supplier, characteristics, false);
  }

  @Interposes(owner = StreamSupport.class, kind = STATIC_METHOD)
  public static LongStream longStream(
      Spliterator.OfLong spliterator, boolean parallel, CellContext cell) {
    return StreamSupport.longStream(spliterator, false);
  }

  @Interposes(owner = StreamSupport.class, kind = STATIC_METHOD)
  public static LongStream longStream(
      Supplier<? extends Spliterator.OfLong> supplier,
      int characteristics,
      boolean parallel,
      CellContext cell) {
    return StreamSupport.longStream(supplier, characteristics, false);
  }

  @Interposes(owner = StreamSupport.class, kind = STATIC_METHOD)
  public static DoubleStream doubleStream(
      Spliterator.OfDouble spliterator, boolean parallel, CellContext cell) {
    return StreamSupport.doubleStream(spliterator, false);
  }

  @Interposes(owner = StreamSupport.class, kind = STATIC_METHOD)
  public static DoubleStream doubleStream(
      Supplier<? extends Spliterator.OfDouble> supplier,
      int characteristics,
      boolean parallel,
      CellContext cell) {
    return StreamSupport.doubleStream(supplier, characteristics, false);
  }
}
