package kernels;

/**
 * Permutations: for every permutation of {@code 1..size}, repeatedly reverse the prefix whose
 * length is the first element until the first element is 1, counting the reversals ("pancake
 * flips"). Permutations are enumerated in an order of the Heap's-algorithm family. The checksum
 * combines the largest flip count with an alternating sum of all of them.
 */
public final class Fannkuch {

  private Fannkuch() {}

  /** Flips over all permutations of {@code size} elements; {@code size} from 1 to 12. */
  public static long run(int size) {
    int[] permutation = new int[size];
    int[] work = new int[size];
    int[] counters = new int[size];
    for (int i = 0; i < size; i++) {
      permutation[i] = i;
    }
    int maxFlips = 0;
    long alternatingSum = 0;
    long index = 0;
    int level = 1;
    while (true) {
      int flips = flips(permutation, work);
      maxFlips = Math.max(maxFlips, flips);
      alternatingSum += (index & 1) == 0 ? flips : -flips;
      index++;
      // Next permutation: the iterative Heap's algorithm.
      while (level < size && counters[level] >= level) {
        counters[level] = 0;
        level++;
      }
      if (level >= size) {
        break;
      }
      int other = (level & 1) == 0 ? 0 : counters[level];
      int swap = permutation[other];
      permutation[other] = permutation[level];
      permutation[level] = swap;
      counters[level]++;
      level = 1;
    }
    return maxFlips * 1_000_003L + alternatingSum;
  }

  private static int flips(int[] permutation, int[] work) {
    int first = permutation[0];
    if (first == 0) {
      return 0;
    }
    System.arraycopy(permutation, 0, work, 0, permutation.length);
    int flips = 0;
    while (first != 0) {
      for (int low = 0, high = first; low < high; low++, high--) {
        int swap = work[low];
        work[low] = work[high];
        work[high] = swap;
      }
      flips++;
      first = work[0];
    }
    return flips;
  }

  public static void main(String[] args) {
    System.out.println(run(args.length > 0 ? Integer.parseInt(args[0]) : 9));
  }
}
