package kernels;

/**
 * Calls: naive recursive Fibonacci, the Takeuchi function and a recursive merge sort, so most
 * of the time goes into method entries and returns. The checksum combines their results.
 */
public final class Recursion {

  private Recursion() {}

  /** Fibonacci of {@code size}, Takeuchi of {@code (size/2, size/3, size/6)}, a merge sort. */
  public static long run(int size) {
    long checksum = fibonacci(size);
    checksum = checksum * 31 + takeuchi(size / 2, size / 3, size / 6);
    int[] values = new int[1 << 14];
    long seed = size;
    for (int i = 0; i < values.length; i++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      values[i] = (int) (seed >>> 40);
    }
    mergeSort(values, new int[values.length], 0, values.length);
    for (int i = 0; i < values.length; i += 97) {
      checksum = checksum * 31 + values[i];
    }
    return checksum;
  }

  private static long fibonacci(int n) {
    return n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2);
  }

  private static int takeuchi(int x, int y, int z) {
    return y < x ? takeuchi(takeuchi(x - 1, y, z), takeuchi(y - 1, z, x), takeuchi(z - 1, x, y)) : z;
  }

  private static void mergeSort(int[] values, int[] scratch, int from, int to) {
    if (to - from < 2) {
      return;
    }
    int middle = (from + to) >>> 1;
    mergeSort(values, scratch, from, middle);
    mergeSort(values, scratch, middle, to);
    int left = from;
    int right = middle;
    for (int i = from; i < to; i++) {
      scratch[i] = right >= to || (left < middle && values[left] <= values[right])
          ? values[left++] : values[right++];
    }
    System.arraycopy(scratch, from, values, from, to - from);
  }

  public static void main(String[] args) {
    System.out.println(run(args.length > 0 ? Integer.parseInt(args[0]) : 30));
  }
}
