import java.util.Arrays;
import java.util.Comparator;

/** Arrays.parallelSort, parallelPrefix and parallelSetAll: same results as sequential ones. */
public class ParallelArrays {
  public static void main(String[] args) {
    int[] numbers = new int[20_000];
    Arrays.parallelSetAll(numbers, i -> (i * 7919) % 10_007);
    Arrays.parallelSort(numbers);
    System.out.println(numbers[0] + " " + numbers[9_999] + " " + numbers[19_999]);
    long[] sums = new long[10];
    Arrays.parallelSetAll(sums, i -> i + 1L);
    Arrays.parallelPrefix(sums, Long::sum);
    System.out.println(Arrays.toString(sums));
    double[] products = {1, 2, 3, 4, 5};
    Arrays.parallelPrefix(products, 1, 4, (a, b) -> a * b);
    System.out.println(Arrays.toString(products));
    String[] words = {"pear", "fig", "apple", "kiwi", "banana", "date"};
    Arrays.parallelSort(words, Comparator.comparing(String::length));
    System.out.println(Arrays.toString(words));
    Arrays.parallelSort(words);
    System.out.println(Arrays.toString(words));
    Integer[] boxed = new Integer[5];
    Arrays.parallelSetAll(boxed, i -> 10 - i);
    Arrays.parallelSort(boxed, 1, 4);
    System.out.println(Arrays.toString(boxed));
    String[] joined = {"a", "b", "c"};
    Arrays.parallelPrefix(joined, String::concat);
    System.out.println(Arrays.toString(joined));
    try {
      Arrays.parallelPrefix(new int[3], 2, 1, Integer::sum);
    } catch (IllegalArgumentException e) {
      System.out.println(e.getMessage());
    }
    try {
      Arrays.parallelSort(new int[3], 0, 4);
    } catch (ArrayIndexOutOfBoundsException e) {
      System.out.println(e.getMessage());
    }
  }
}
