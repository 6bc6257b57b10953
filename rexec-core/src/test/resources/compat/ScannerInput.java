import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Scanner;

/** Reads System.in with a Scanner: a header line, integers, decimals, then words to the end. */
public class ScannerInput {

  public static void main(String[] args) {
    Scanner scanner = new Scanner(System.in);
    scanner.useLocale(Locale.ROOT);
    String title = scanner.nextLine();
    System.out.println("title: [" + title.strip() + "]");
    int count = scanner.nextInt();
    long sum = 0;
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int value = scanner.nextInt();
      numbers.add(value);
      sum += value;
    }
    System.out.println("read " + count + " integers " + numbers + ", sum " + sum);
    double total = 0;
    int decimals = 0;
    while (scanner.hasNextDouble()) {
      total += scanner.nextDouble();
      decimals++;
    }
    System.out.println(String.format(Locale.ROOT, "%d decimals, total %.3f, mean %.3f", decimals,
        total, total / decimals));
    scanner.nextLine();
    List<String> words = new ArrayList<>();
    while (scanner.hasNextLine()) {
      String line = scanner.nextLine();
      if (line.isBlank()) {
        System.out.println("(blank line)");
        continue;
      }
      for (String word : line.trim().split("\\s+")) {
        words.add(word);
      }
      System.out.println("echo: " + line.toUpperCase(Locale.ROOT));
    }
    System.out.println(words.size() + " words, longest: " + words.stream()
        .reduce((a, b) -> b.length() > a.length() ? b : a).orElse("none"));
    System.out.println("has more: " + scanner.hasNext());
    Scanner inner = new Scanner("10 twenty 30").useDelimiter(" ");
    int innerSum = 0;
    while (inner.hasNext()) {
      if (inner.hasNextInt()) {
        innerSum += inner.nextInt();
      } else {
        System.out.println("skipping " + inner.next());
      }
    }
    System.out.println("string scanner sum: " + innerSum);
  }
}
