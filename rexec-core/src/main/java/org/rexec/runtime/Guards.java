package org.rexec.runtime;

import java.lang.reflect.Array;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.rexec.fs.StackTraces;

/**
 * The checks the rewriter plants in cell code. Each takes the calling class's
 * {@link CellContext}, which that class holds as a constant.
 */
public final class Guards {

  private Guards() {}

  /**
   * The kill check, at every method entry and loop back-edge: one volatile read on the hot path.
   */
  public static void check(CellContext cell) {
    if (cell.state != CellContext.RUNNING) {
      cell.checkRunning();
    }
  }

  /**
   * The handler guard, at the start of every exception handler: rethrows what cell code must not
   * catch (the cell's own termination, also when JDK code wrapped it, and the JVM's errors), then
   * does the kill check, so a loop through a handler is a loop through a guard. A stack overflow
   * or running out of heap stops the cell: the run ends with that limit. An error the program
   * constructed itself is caught as any exception (see {@link MadeErrors}).
   */
  public static void caught(Throwable thrown, CellContext cell) {
    if (cell.isJvmError(thrown)) {
      // A limit error becomes the cell's termination: the thread unwinds as any stopped
      // thread does, silently, instead of through handlers and printing up the stack.
      CellTermination stopped = cell.stopOnLimitError(thrown);
      throw stopped != null ? stopped : (VirtualMachineError) thrown;
    }
    CellTermination termination = CellTermination.findIn(thrown);
    if (termination != null) {
      throw termination;
    }
    check(cell);
  }

  /**
   * The made-error mark, right after cell code constructed an error of one of the JDK's {@link
   * VirtualMachineError} classes: records it as the program's, an ordinary exception.
   */
  public static void made(Throwable error, CellContext cell) {
    cell.madeError(error);
  }

  /**
   * A refused reference: records the violation and throws. Planted in front of the refused
   * instruction, which therefore never executes.
   *
   * @param encodedSite the {@linkplain RefusalSite#encode() encoded} site
   */
  public static void refused(String encodedSite, CellContext cell) {
    check(cell);
    RefusalSite site = RefusalSite.decode(encodedSite);
    cell.host().refused(site);
    throw StackTraces.forCell(new SecurityException(site.message()));
  }

  /**
   * The monitor guard, before {@code monitorenter}: the object to lock instead of {@code
   * object}, a private stand-in if the cell does not own it (see {@link StandIns}).
   */
  public static Object monitor(Object object, CellContext cell) {
    if (object == null) {
      throw new NullPointerException();
    }
    return cell.monitorOf(object);
  }

  /**
   * The cast guard, before every {@code checkcast} of cell code: passes {@code value} on if the
   * cast will succeed, else throws the {@code ClassCastException} the JVM would, worded with the
   * classes the cell sees. The JIT folds it into the cast's own type check.
   */
  public static Object cast(Object value, Class<?> type) {
    if (value != null && !type.isInstance(value)) {
      throw CastFailures.checkcast(value, type);
    }
    return value;
  }

  /**
   * The allocation guard, before an array allocation whose length is not a small constant and
   * before JDK calls that allocate by a size argument: passes {@code length} on if {@code length
   * << shift} bytes are within the largest allocation, else stops the cell.
   *
   * @param shift log2 of the bytes one element takes; negative for bits
   */
  public static int allocation(int length, int shift, CellContext cell) {
    long bytes = shift >= 0 ? (long) length << shift : length >> -shift;
    if (bytes > cell.maxAllocationBytes) {
      throw cell.allocationTooLarge(bytes);
    }
    return length;
  }

  /**
   * The allocation guard of a format string, before the JDK calls that format: a width or
   * precision sizes the string the JDK builds (see {@link FormatLimit}), and all of them
   * together must fit the largest allocation.
   */
  public static String format(String format, CellContext cell) {
    long padding = FormatLimit.check(format);
    if (padding > cell.maxAllocationBytes) {
      // The JDK appends every padded conversion to one string inside one call.
      throw cell.allocationTooLarge(padding);
    }
    return format;
  }

  /**
   * The walk guard, after JDK calls that return a stream the JDK may walk without calling cell
   * code: every element passes the kill check.
   */
  public static IntStream walk(IntStream stream, CellContext cell) {
    return stream.peek(new GuardedWalk(cell));
  }

  /** As {@link #walk(IntStream, CellContext)}. */
  public static <T> Stream<T> walk(Stream<T> stream, CellContext cell) {
    return stream.peek(new GuardedWalk(cell));
  }

  /** As {@link #walk(IntStream, CellContext)}. */
  public static LongStream walk(LongStream stream, CellContext cell) {
    return stream.peek(new GuardedWalk(cell));
  }

  /** As {@link #walk(IntStream, CellContext)}. */
  public static DoubleStream walk(DoubleStream stream, CellContext cell) {
    return stream.peek(new GuardedWalk(cell));
  }

  /** The allocation guard of a two-dimensional {@code multianewarray}: allocates it. */
  public static Object newArray(int a, int b, Class<?> component, CellContext cell) {
    return newArray(component, cell, a, b);
  }

  /** The allocation guard of a three-dimensional {@code multianewarray}: allocates it. */
  public static Object newArray(int a, int b, int c, Class<?> component, CellContext cell) {
    return newArray(component, cell, a, b, c);
  }

  /** The allocation guard of a four-dimensional {@code multianewarray}: allocates it. */
  public static Object newArray(
      int a, int b, int c, int d, Class<?> component, CellContext cell) {
    return newArray(component, cell, a, b, c, d);
  }

  /** Bytes of an array header, counted for every array a multi-dimensional allocation makes. */
  private static final int ARRAY_HEADER = 16;

  static Object newArray(Class<?> component, CellContext cell, int... dimensions) {
    double bytes = 0;
    double arrays = 1;
    for (int i = 0; i < dimensions.length && dimensions[i] > 0; i++) {
      double elements = arrays * dimensions[i];
      int elementBytes =
          i < dimensions.length - 1 ? 4 : component.isPrimitive() ? primitiveBytes(component) : 4;
      bytes += arrays * ARRAY_HEADER + elements * elementBytes;
      arrays = elements;
    }
    if (bytes > cell.maxAllocationBytes) {
      throw cell.allocationTooLarge(bytes);
    }
    // Negative lengths: Array.newInstance throws NegativeArraySizeException, as the JVM does.
    return Array.newInstance(component, dimensions);
  }

  static int primitiveBytes(Class<?> type) {
    if (type == long.class || type == double.class) {
      return 8;
    }
    if (type == int.class || type == float.class) {
      return 4;
    }
    return type == char.class || type == short.class ? 2 : 1;
  }
}
