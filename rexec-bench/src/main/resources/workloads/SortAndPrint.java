import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A short program: sorts 1,000 pseudo-random integers (fixed seed), prints the smallest, the
 * largest and a checksum. A workload of rexec's cycle benchmarks.
 */
public class SortAndPrint {
  public static void main(String[] args) {
    Random random = new Random(42);
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      numbers.add(random.nextInt(1_000_000));
    }
    Collections.sort(numbers);
    long checksum = 0;
    for (int i = 0; i < numbers.size(); i++) {
      checksum = checksum * 31 + numbers.get(i);
    }
    System.out.println("min " + numbers.get(0) + " max " + numbers.get(numbers.size() - 1));
    System.out.println("checksum " + checksum);
  }
}
