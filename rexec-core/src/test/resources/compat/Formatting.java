import java.util.Formatter;
import java.util.Locale;

/** String.format, formatted, printf and Formatter with explicit locales only. */
public class Formatting {

  public static void main(String[] args) {
    System.out.println(String.format(Locale.ROOT, "[%d] [%5d] [%-5d] [%05d] [%+d]", 42, 42, 42, 42, 42));
    System.out.println(String.format(Locale.ROOT, "[%s] [%10s] [%-10s] [%.3s]", "text", "right",
        "left", "truncate"));
    System.out.println(String.format(Locale.ROOT, "[%f] [%.2f] [%10.3f] [%-10.1f] [%e] [%.3E]",
        Math.PI, Math.E, 1234.5678, -0.25, 123456.789, 0.000123));
    System.out.println(String.format(Locale.ROOT, "[%x] [%X] [%o] [%08X] [%#x] [%#o]", 255, 48879,
        8, 3054, 255, 8));
    System.out.println(String.format(Locale.ROOT, "[%,d] [%,.2f] [%(d] [% d]", 1234567890,
        9876543.21, -15, 7));
    System.out.println(String.format(Locale.ROOT, "[%b] [%b] [%c] [%C] [%%] [%h]", true, null,
        'x', 'y', "hi"));
    System.out.println(String.format(Locale.ROOT, "%2$s %1$s %2$s", "world", "hello"));
    System.out.println(String.format(Locale.ROOT, "[%s] [%S] [%10.4s]", 3.5, "shout", "abcdefgh"));
    System.out.println(String.format(Locale.ROOT, "[%g] [%.3g] [%a]", 0.0001234, 98765.4321, 1.0));
    System.out.println("%s has %d items costing %.2f".formatted("cart", 3, 19.999));
    System.out.printf(Locale.ROOT, "printf: %s=%d%n", "answer", 42);
    System.out.printf(Locale.ROOT, "%-6s|%6s|%n", "ab", "cd");
    System.out.format(Locale.ROOT, "format: %.1f%%%n", 99.5);

    System.out.println("GERMANY: " + String.format(Locale.GERMANY, "%,.2f", 1234567.891));
    System.out.println("FRANCE number: " + String.format(Locale.FRANCE, "%.3f", 2.5));
    System.out.println("US: " + String.format(Locale.US, "%,d", 1000000));
    System.out.println("upper in Turkish: " + "title".toUpperCase(Locale.forLanguageTag("tr-TR"))
        .codePoints().mapToObj(Integer::toHexString).toList());

    StringBuilder table = new StringBuilder();
    try (Formatter formatter = new Formatter(table, Locale.ROOT)) {
      String[] items = {"apple", "watermelon", "kiwi"};
      double[] prices = {0.5, 3.25, 0.2};
      int[] quantities = {12, 1, 30};
      formatter.format("%-12s%6s%8s%n", "item", "qty", "total");
      for (int i = 0; i < items.length; i++) {
        formatter.format("%-12s%6d%8.2f%n", items[i], quantities[i], prices[i] * quantities[i]);
      }
    }
    System.out.print(table);
    System.out.println(String.format(Locale.ROOT, "long %d, short %d, byte %d, bigint %d",
        Long.MIN_VALUE, (short) -300, (byte) 200, new java.math.BigInteger("123456789012345678901234567890")));
    System.out.println(String.format(Locale.ROOT, "NaN %f, inf %f, -0 %.1f", Double.NaN,
        Double.POSITIVE_INFINITY, -0.0));
    try {
      String.format(Locale.ROOT, "%d", "not a number");
    } catch (java.util.IllegalFormatConversionException e) {
      System.out.println("bad conversion: " + e.getMessage());
    }
    try {
      String.format(Locale.ROOT, "%s %s", "only one");
    } catch (java.util.MissingFormatArgumentException e) {
      System.out.println("missing argument: " + e.getMessage());
    }
    System.out.println(String.valueOf(0.1 + 0.2) + " " + (float) 1 / 3 + " " + 1e20 + " " + 100.0
        + " " + 1e-5 + " " + Double.MIN_VALUE + " " + Float.MAX_VALUE);
  }
}
