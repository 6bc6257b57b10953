package kernels;

/**
 * Array work: a sieve of Eratosthenes up to {@code size}, a heap sort of {@code size / 8}
 * generated ints, prefix sums and a histogram. The checksum combines the prime count, samples
 * of the sorted array and the histogram.
 */
public final class ArrayWork {

  private ArrayWork() {}

  /** The work for a sieve up to {@code size}. */
  public static long run(int size) {
    boolean[] composite = new boolean[size + 1];
    int primes = 0;
    for (int i = 2; i <= size; i++) {
      if (!composite[i]) {
        primes++;
        for (long multiple = (long) i * i; multiple <= size; multiple += i) {
          composite[(int) multiple] = true;
        }
      }
    }
    int[] values = new int[size / 8];
    long seed = 99;
    for (int i = 0; i < values.length; i++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      values[i] = (int) (seed >>> 35);
    }
    heapSort(values);
    long[] prefix = new long[values.length + 1];
    for (int i = 0; i < values.length; i++) {
      prefix[i + 1] = prefix[i] + values[i];
    }
    int[] histogram = new int[64];
    for (int value : values) {
      histogram[value >>> 23]++;
    }
    long checksum = primes;
    for (int i = 0; i < values.length; i += values.length / 16 + 1) {
      checksum = checksum * 31 + values[i] + prefix[i];
    }
    for (int count : histogram) {
      checksum = checksum * 31 + count;
    }
    return checksum;
  }

  private static void heapSort(int[] values) {
    for (int i = values.length / 2 - 1; i >= 0; i--) {
      siftDown(values, i, values.length);
    }
    for (int end = values.length - 1; end > 0; end--) {
      int top = values[0];
      values[0] = values[end];
      values[end] = top;
      siftDown(values, 0, end);
    }
  }

  private static void siftDown(int[] values, int root, int end) {
    int value = values[root];
    int at = root;
    while (true) {
      int child = 2 * at + 1;
      if (child >= end) {
        break;
      }
      if (child + 1 < end && values[child + 1] > values[child]) {
        child++;
      }
      if (values[child] <= value) {
        break;
      }
      values[at] = values[child];
      at = child;
    }
    values[at] = value;
  }

  public static void main(String[] args) {
    System.out.println(run(args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000));
  }
}
