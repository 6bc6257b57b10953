import java.util.Map;
import java.util.Scanner;
import java.util.TreeMap;

/** Counts the words on standard input: try `echo "a b a" | ./rexec run examples/WordCount.java`. */
public class WordCount {
  public static void main(String[] args) {
    Map<String, Integer> counts = new TreeMap<>();
    Scanner in = new Scanner(System.in);
    while (in.hasNext()) {
      counts.merge(in.next().toLowerCase(), 1, Integer::sum);
    }
    counts.forEach((word, count) -> System.out.println(count + " " + word));
  }
}
