import java.util.Arrays;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/** StringBuilder and String methods: repeat, strip, chars, codePoints and friends. */
public class StringsWork {

  static boolean isPalindrome(String text) {
    String letters = text.chars()
        .filter(Character::isLetterOrDigit)
        .map(Character::toLowerCase)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
    return new StringBuilder(letters).reverse().toString().equals(letters);
  }

  static String caesar(String text, int shift) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append((char) ('A' + (c - 'A' + shift + 26) % 26));
      } else if (Character.isLowerCase(c)) {
        out.append((char) ('a' + (c - 'a' + shift + 26) % 26));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  public static void main(String[] args) {
    StringBuilder builder = new StringBuilder("hello");
    builder.append(' ').append("world").append('!').append(42).append(2.5).append(true);
    System.out.println(builder + " length " + builder.length());
    builder.insert(0, ">> ").replace(3, 8, "HELLO").deleteCharAt(builder.length() - 1);
    System.out.println(builder);
    builder.setCharAt(0, '<');
    builder.setLength(14);
    System.out.println(builder + " | reversed: " + new StringBuilder(builder).reverse()
        + " | indexOf world: " + builder.indexOf("world"));

    System.out.println("repeat: " + "ab".repeat(3) + "|" + "-".repeat(0) + "|");
    String padded = "\u2003\t  padded text \u2003\n";
    System.out.println("strip: [" + padded.strip() + "] trim: [" + padded.trim().length()
        + " chars] stripLeading: [" + padded.stripLeading().length() + "] stripTrailing: ["
        + padded.stripTrailing().length() + "]");
    System.out.println("isBlank: " + "  \t\n".isBlank() + " " + "x ".isBlank() + ", isEmpty: "
        + "".isEmpty());

    String mixed = "Java 17 & 21!";
    System.out.println("letters " + mixed.chars().filter(Character::isLetter).count()
        + ", digits " + mixed.chars().filter(Character::isDigit).count()
        + ", sum of chars " + mixed.chars().sum());
    System.out.println("chars as list: " + "abc".chars().mapToObj(c -> (char) c)
        .map(String::valueOf).collect(Collectors.joining("+")));

    String withEmoji = "a\u00e9\uD83D\uDE00z";
    System.out.println("length " + withEmoji.length() + ", code points "
        + withEmoji.codePointCount(0, withEmoji.length()) + ": " + withEmoji.codePoints()
        .mapToObj(cp -> "U+" + Integer.toHexString(cp).toUpperCase(Locale.ROOT))
        .collect(Collectors.joining(" ")));
    System.out.println("surrogates: " + Character.isHighSurrogate(withEmoji.charAt(2))
        + " " + Character.isSupplementaryCodePoint(withEmoji.codePointAt(2))
        + " chars " + Character.charCount(0x1F600) + ", name-free check: "
        + Character.isLetter(0x00e9));
    String rebuilt = new StringBuilder().appendCodePoint(0x41).appendCodePoint(0x1F600)
        .appendCodePoint(0x42).toString();
    System.out.println("rebuilt length " + rebuilt.length() + ", reversed code points intact: "
        + new StringBuilder(rebuilt).reverse().codePointAt(1));

    System.out.println("join: " + String.join("/", "usr", "local", "bin") + " "
        + String.join(", ", Arrays.asList("x", "y")));
    StringJoiner joiner = new StringJoiner(", ", "{", "}");
    joiner.setEmptyValue("EMPTY");
    System.out.println("joiner empty: " + joiner + ", then " + joiner.add("one").add("two"));
    System.out.println("compare: " + "apple".compareTo("banana") + " " + "b".compareTo("a")
        + " " + "Apple".compareToIgnoreCase("apple") + " " + "apple".equalsIgnoreCase("APPLE"));
    String sentence = "the cat sat on the mat";
    System.out.println("indexOf: " + sentence.indexOf("the") + " " + sentence.indexOf("the", 1)
        + " " + sentence.lastIndexOf('a') + " " + sentence.indexOf('z') + " contains "
        + sentence.contains("sat"));
    System.out.println("substring: " + sentence.substring(4, 7) + " " + sentence.substring(19)
        + ", startsWith " + sentence.startsWith("cat", 4) + ", endsWith " + sentence.endsWith("mat"));
    System.out.println("case: " + "MiXeD".toLowerCase(Locale.ROOT) + " " + "MiXeD".toUpperCase(Locale.ROOT)
        + ", replace: " + sentence.replace("at", "og") + ", char replace: " + "a-b-c".replace('-', '+'));
    System.out.println("lines: " + "one\ntwo\r\nthree".lines().map(String::length)
        .collect(Collectors.toList()) + ", indent: [" + "x".indent(2).replace("\n", "\\n") + "]");
    System.out.println("transform: " + "  spaced  ".transform(String::strip).transform(s -> s + "!"));
    char[] letters = "sorting".toCharArray();
    Arrays.sort(letters);
    System.out.println("sorted chars: " + new String(letters) + ", valueOf: "
        + String.valueOf(letters, 1, 3) + ", copyValueOf: " + String.copyValueOf(letters));
    System.out.println("palindromes: " + isPalindrome("A man, a plan, a canal: Panama") + " "
        + isPalindrome("Not one"));
    String secret = caesar("Hello, World", 3);
    System.out.println("caesar: " + secret + " -> " + caesar(secret, -3));
    System.out.println("regionMatches: " + "HelloWorld".regionMatches(true, 5, "WORLDS", 0, 5)
        + ", matches: " + "2024".matches("\\d{4}") + ", split chars: "
        + Arrays.toString("a1b2c3".split("\\d")));
    System.out.println("char math: " + (char) ('a' + 2) + " " + (int) 'A' + " "
        + Character.getNumericValue('7') + " " + Character.toChars(97)[0] + " "
        + Character.isWhitespace('\u2003') + " " + Character.isSpaceChar('\u00a0'));
    System.out.println("concat in loop: " + concatenate(5) + ", hash: " + "hello".hashCode()
        + ", intern same: " + ("hel" + "lo" == "hello"));
    StringBuffer legacy = new StringBuffer("sync");
    legacy.append("hronized").insert(0, '[').append(']');
    System.out.println("StringBuffer: " + legacy + " capacity>=length " + (legacy.capacity()
        >= legacy.length()));
  }

  static String concatenate(int n) {
    String result = "";
    for (int i = 0; i < n; i++) {
      result += i + ",";
    }
    return result;
  }
}
