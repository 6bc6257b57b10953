package kernels;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regular expressions: generates a log-like text of {@code size} lines from a fixed seed, then
 * finds dates, e-mail addresses and key-value pairs in it, rewrites the dates, splits it into
 * words and counts those matching a pattern. The checksum hashes what was found.
 */
public final class RegexWork {

  private static final String[] WORDS = {
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
    "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango"
  };
  private static final String[] LEVELS = {"INFO", "WARN", "ERROR", "DEBUG"};

  private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  private static final Pattern EMAIL =
      Pattern.compile("[a-z]+(?:\\.[a-z]+)*@([a-z]+)\\.(?:org|com|net)");
  private static final Pattern PAIR = Pattern.compile("(\\w+)=(\\d+|\"[^\"]*\")");
  private static final Pattern SEPARATOR = Pattern.compile("[\\s,;=\"]+");
  private static final Pattern DOUBLED = Pattern.compile("\\w*(\\w)\\1\\w*");
  private static final Pattern LEVEL = Pattern.compile("^(INFO|WARN|ERROR|DEBUG) ", Pattern.MULTILINE);

  private RegexWork() {}

  /** The work on a text of {@code size} lines. */
  public static long run(int size) {
    String text = text(size);
    long hash = 17;
    Matcher dates = DATE.matcher(text);
    while (dates.find()) {
      hash = hash * 31 + Integer.parseInt(dates.group(2)) * 100 + Integer.parseInt(dates.group(3));
    }
    Map<String, Integer> domains = new HashMap<>();
    Matcher emails = EMAIL.matcher(text);
    while (emails.find()) {
      domains.merge(emails.group(1), 1, Integer::sum);
    }
    hash = hash * 31 + domains.hashCode();
    Matcher pairs = PAIR.matcher(text);
    while (pairs.find()) {
      hash = hash * 31 + pairs.group(1).hashCode() + pairs.group(2).length();
    }
    String rewritten = DATE.matcher(text).replaceAll("$3/$2/$1");
    hash = hash * 31 + rewritten.hashCode();
    int doubled = 0;
    for (String word : SEPARATOR.split(text)) {
      if (DOUBLED.matcher(word).matches()) {
        doubled++;
      }
    }
    Matcher levels = LEVEL.matcher(text);
    int errors = 0;
    while (levels.find()) {
      if (levels.group(1).equals("ERROR")) {
        errors++;
      }
    }
    return hash * 31 + doubled * 1009L + errors;
  }

  private static String text(int lines) {
    StringBuilder text = new StringBuilder(lines * 96);
    long seed = 42;
    for (int line = 0; line < lines; line++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      int bits = (int) (seed >>> 33);
      String word = WORDS[bits % WORDS.length];
      String other = WORDS[(bits >>> 8) % WORDS.length];
      text.append(LEVELS[(bits >>> 16) & 3]).append(' ')
          .append(2000 + (bits >>> 4) % 25).append('-')
          .append(pad(1 + (bits >>> 9) % 12)).append('-')
          .append(pad(1 + (bits >>> 13) % 28)).append(' ')
          .append(word).append('.').append(other).append('@').append(other)
          .append((bits & 1) == 0 ? ".org" : ".com")
          .append(" user=").append(bits % 1000)
          .append(" note=\"").append(word).append(' ').append(other).append('"')
          .append(" size=").append((bits >>> 3) % 100_000)
          .append('\n');
    }
    return text.toString();
  }

  private static String pad(int value) {
    return value < 10 ? "0" + value : Integer.toString(value);
  }

  public static void main(String[] args) {
    System.out.println(run(args.length > 0 ? Integer.parseInt(args[0]) : 10_000));
  }
}
