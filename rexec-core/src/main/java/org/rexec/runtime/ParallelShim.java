package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.VIRTUAL_METHOD;

import java.util.Collection;
import java.util.stream.BaseStream;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Parallel streams run sequentially on the calling thread: a parallel stream would run on the
 * JVM's common pool, shared with the supervisor. Results are those of the sequential stream,
 * which a correct parallel pipeline gives too; {@code isParallel()} says {@code false}.
 */
public final class ParallelShim {

  private ParallelShim() {}

  @Interposes(owner = BaseStream.class, kind = VIRTUAL_METHOD)
  public static <T, S extends BaseStream<T, S>> BaseStream<T, S> parallel(
      BaseStream<T, S> stream, CellContext cell) {
    return stream.sequential();
  }

  @Interposes(owner = IntStream.class, member = "parallel", kind = VIRTUAL_METHOD)
  public static IntStream parallelInts(IntStream stream, CellContext cell) {
    return stream.sequential();
  }

  @Interposes(owner = LongStream.class, member = "parallel", kind = VIRTUAL_METHOD)
  public static LongStream parallelLongs(LongStream stream, CellContext cell) {
    return stream.sequential();
  }

  @Interposes(owner = DoubleStream.class, member = "parallel", kind = VIRTUAL_METHOD)
  public static DoubleStream parallelDoubles(DoubleStream stream, CellContext cell) {
    return stream.sequential();
  }

  @Interposes(owner = Collection.class, kind = VIRTUAL_METHOD)
  public static <E> Stream<E> parallelStream(Collection<E> collection, CellContext cell) {
    return collection.stream();
  }
}
