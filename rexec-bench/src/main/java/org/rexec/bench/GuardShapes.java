package org.rexec.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SwitchPoint;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a kill check costs by its shape, in plain code written to look like rewritten code: the
 * evidence behind the analysis in {@code docs/BENCHMARKS.md}, not a benchmark of rexec itself.
 *
 * <p>Three loop bodies (a vectorizable multiply-add over arrays, a recursive call, an
 * allocation in a recursion) each with a check of one shape at its back-edge or method entry:
 *
 * <ul>
 *   <li>{@code none}: no check, as plain code;
 *   <li>{@code volatile}: one read of a volatile {@code int} of an object held in a {@code
 *       static final} field, as rexec's guard does today ({@code Guards.check});
 *   <li>{@code plain}: the same read of a non-volatile field, which the JIT may hoist out of a
 *       loop (so it is no kill check at all: the lower bound);
 *   <li>{@code opaque}: the read in {@code VarHandle}'s opaque mode;
 *   <li>{@code switchpoint}: a {@link SwitchPoint} guard, which costs nothing in compiled code
 *       and is invalidated (deoptimizing the code) to kill;
 *   <li>{@code stripmined}: the volatile read, but the inner loop split into chunks of {@value
 *       #CHUNK} iterations with the check between chunks, as a rewriter could split a counted
 *       loop (for the loop only; method entries keep the volatile read).
 * </ul>
 *
 * <p>Run: {@code java -jar rexec-bench/target/benchmarks.jar GuardShapes}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GuardShapes {

  @Param({"none", "volatile", "plain", "opaque", "switchpoint", "stripmined"})
  public String shape;

  private static final int SIZE = 256;

  /** Iterations of a strip-mined inner loop between two checks. */
  private static final int CHUNK = 1 << 16;

  /** A stand-in for the cell's context: the state a check reads. */
  static final class Context {
    volatile int state;
    int plainState;
  }

  static final Context CONTEXT = new Context();
  static final VarHandle STATE;
  static final SwitchPoint RUNNING = new SwitchPoint();
  static final MethodHandle SWITCH_CHECK;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Context.class, "state", int.class);
      MethodHandle nothing = MethodHandles.constant(Object.class, null);
      MethodHandle stopped =
          MethodHandles.lookup()
              .findStatic(GuardShapes.class, "stopped", MethodType.methodType(Object.class));
      SWITCH_CHECK = RUNNING.guardWithTest(nothing, stopped);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static Object stopped() {
    throw new IllegalStateException("stopped");
  }

  private static void slowPath() {
    throw new IllegalStateException("stopped");
  }

  private double[] row;
  private double[] other;
  private int kind;

  @Setup
  public void setUp() {
    row = new double[SIZE];
    other = new double[SIZE];
    for (int i = 0; i < SIZE; i++) {
      other[i] = i * 0.5;
    }
    kind =
        java.util.List.of("none", "volatile", "plain", "opaque", "switchpoint", "stripmined")
            .indexOf(shape);
  }

  /** Inner loop of an i-k-j matrix multiply: 256 multiply-adds, repeated 256 times. */
  @Benchmark
  public double multiplyAdd() throws Throwable {
    double[] row = this.row;
    double[] other = this.other;
    switch (kind) {
      case 0:
        for (int k = 0; k < SIZE; k++) {
          double factor = k * 0.001;
          for (int j = 0; j < SIZE; j++) {
            row[j] += factor * other[j];
          }
        }
        break;
      case 1:
        for (int k = 0; k < SIZE; k++) {
          double factor = k * 0.001;
          for (int j = 0; j < SIZE; j++) {
            row[j] += factor * other[j];
            if (CONTEXT.state != 0) {
              slowPath();
            }
          }
        }
        break;
      case 2:
        for (int k = 0; k < SIZE; k++) {
          double factor = k * 0.001;
          for (int j = 0; j < SIZE; j++) {
            row[j] += factor * other[j];
            if (CONTEXT.plainState != 0) {
              slowPath();
            }
          }
        }
        break;
      case 3:
        for (int k = 0; k < SIZE; k++) {
          double factor = k * 0.001;
          for (int j = 0; j < SIZE; j++) {
            row[j] += factor * other[j];
            if ((int) STATE.getOpaque(CONTEXT) != 0) {
              slowPath();
            }
          }
        }
        break;
      case 4:
        for (int k = 0; k < SIZE; k++) {
          double factor = k * 0.001;
          for (int j = 0; j < SIZE; j++) {
            row[j] += factor * other[j];
            Object ignored = SWITCH_CHECK.invokeExact();
          }
        }
        break;
      default:
        for (int k = 0; k < SIZE; k++) {
          double factor = k * 0.001;
          for (int start = 0; start < SIZE; start += CHUNK) {
            int end = Math.min(SIZE, start + CHUNK);
            for (int j = start; j < end; j++) {
              row[j] += factor * other[j];
            }
            if (CONTEXT.state != 0) {
              slowPath();
            }
          }
        }
        break;
    }
    return row[SIZE / 2];
  }

  /** Recursive Fibonacci of 20: about 22,000 calls, each with a check at entry. */
  @Benchmark
  public int recursion() throws Throwable {
    switch (kind) {
      case 0:
        return fibNone(20);
      case 1:
        return fibVolatile(20);
      case 2:
        return fibPlain(20);
      case 3:
        return fibOpaque(20);
      case 4:
        return fibSwitch(20);
      default:
        return fibVolatile(20);
    }
  }

  private static int fibNone(int n) {
    return n < 2 ? n : fibNone(n - 1) + fibNone(n - 2);
  }

  private static int fibVolatile(int n) {
    if (CONTEXT.state != 0) {
      slowPath();
    }
    return n < 2 ? n : fibVolatile(n - 1) + fibVolatile(n - 2);
  }

  private static int fibPlain(int n) {
    if (CONTEXT.plainState != 0) {
      slowPath();
    }
    return n < 2 ? n : fibPlain(n - 1) + fibPlain(n - 2);
  }

  private static int fibOpaque(int n) {
    if ((int) STATE.getOpaque(CONTEXT) != 0) {
      slowPath();
    }
    return n < 2 ? n : fibOpaque(n - 1) + fibOpaque(n - 2);
  }

  private static int fibSwitch(int n) throws Throwable {
    Object ignored = SWITCH_CHECK.invokeExact();
    return n < 2 ? n : fibSwitch(n - 1) + fibSwitch(n - 2);
  }

  /** A tree node whose constructor has the check, as a rewritten constructor has. */
  static final class Node {
    final Node left;
    final Node right;

    Node(Node left, Node right, int kind) throws Throwable {
      switch (kind) {
        case 1:
          if (CONTEXT.state != 0) {
            slowPath();
          }
          break;
        case 2:
          if (CONTEXT.plainState != 0) {
            slowPath();
          }
          break;
        case 3:
          if ((int) STATE.getOpaque(CONTEXT) != 0) {
            slowPath();
          }
          break;
        case 4:
          Object ignored = SWITCH_CHECK.invokeExact();
          break;
        case 5:
          if (CONTEXT.state != 0) {
            slowPath();
          }
          break;
        default:
          break;
      }
      this.left = left;
      this.right = right;
    }
  }

  /** Builds a complete binary tree of depth 12 (8,191 nodes) and counts it. */
  @Benchmark
  public int allocation() throws Throwable {
    return count(build(12, kind));
  }

  private static Node build(int depth, int kind) throws Throwable {
    return depth == 0
        ? new Node(null, null, kind)
        : new Node(build(depth - 1, kind), build(depth - 1, kind), kind);
  }

  private static int count(Node node) {
    return node.left == null ? 1 : 1 + count(node.left) + count(node.right);
  }
}
