import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/** Regular expressions: groups, named groups, find loops, replacement and splitting. */
public class RegexWork {

  private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  private static final Pattern ASSIGNMENT =
      Pattern.compile("(?<key>[a-z_]+)\\s*=\\s*(?<value>\"[^\"]*\"|\\S+)");

  public static void main(String[] args) {
    Matcher date = DATE.matcher("Released on 2023-09-19, patched 2024-01-16.");
    while (date.find()) {
      System.out.println("date at " + date.start() + "-" + date.end() + ": year " + date.group(1)
          + " month " + date.group(2) + " day " + date.group(3) + " (groups " + date.groupCount()
          + ")");
    }
    Matcher settings = ASSIGNMENT.matcher("name = \"Ada Lovelace\"  age=36 city =London");
    while (settings.find()) {
      System.out.println(settings.group("key") + " -> " + settings.group("value"));
    }
    System.out.println("swap: " + DATE.matcher("2024-03-09 and 1999-12-31")
        .replaceAll("$3/$2/$1"));
    System.out.println("named swap: " + Pattern.compile("(?<first>\\w+) (?<last>\\w+)")
        .matcher("Grace Hopper").replaceAll("${last}, ${first}"));
    System.out.println("function replace: " + Pattern.compile("\\d+")
        .matcher("3 apples and 12 pears").replaceAll(match ->
            String.valueOf(Integer.parseInt(match.group()) * 2)));
    System.out.println("replaceFirst: " + "aaa-bbb-ccc".replaceFirst("-\\w+", ""));
    System.out.println("String.replaceAll: " + "Hello   World  again".replaceAll("\\s+", " "));
    System.out.println("matches: " + "abc123".matches("[a-z]+\\d+") + " "
        + "abc".matches("[a-z]+\\d+"));
    System.out.println("split: " + Arrays.toString("a,b;;c , d".split("\\s*[,;]\\s*")));
    System.out.println("split limit: " + Arrays.toString("k=v=w".split("=", 2)));
    System.out.println("split trailing: " + Arrays.toString("a,b,,".split(","))
        + " keep: " + Arrays.toString("a,b,,".split(",", -1)));
    System.out.println("splitAsStream: " + Pattern.compile("\\|").splitAsStream("x|y|z")
        .map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toList()));
    Pattern caseless = Pattern.compile("java", Pattern.CASE_INSENSITIVE);
    System.out.println("case insensitive count: " + caseless.matcher("Java, JAVA, jaVa, javascript")
        .results().count());
    System.out.println("results: " + Pattern.compile("[A-Z]").matcher("The Quick Brown Fox")
        .results().map(MatchResult::group).collect(Collectors.joining()));
    System.out.println("lookahead password checks:");
    Pattern strong = Pattern.compile("^(?=.*[0-9])(?=.*[a-z])(?=.*[A-Z]).{8,}$");
    for (String password : List.of("weak", "Str0ngPass", "alllowercase1", "NoDigitsHere")) {
      System.out.println("  " + password + ": " + strong.matcher(password).matches());
    }
    System.out.println("quote: " + "1+1=2".replaceAll(Pattern.quote("1+1"), "two")
        + ", quoteReplacement: " + "cost".replaceAll("cost", Matcher.quoteReplacement("$5")));
    Pattern multiline = Pattern.compile("^(\\w+):", Pattern.MULTILINE);
    List<String> headers = new ArrayList<>();
    Matcher headerMatcher = multiline.matcher("Host: example\nAccept: text\n  Indented: no\n");
    while (headerMatcher.find()) {
      headers.add(headerMatcher.group(1));
    }
    System.out.println("multiline headers: " + headers);
    Matcher region = Pattern.compile("o").matcher("foo boo");
    StringBuilder appended = new StringBuilder();
    int counter = 0;
    while (region.find()) {
      region.appendReplacement(appended, String.valueOf(++counter));
    }
    region.appendTail(appended);
    System.out.println("appendReplacement: " + appended);
    System.out.println("greedy vs lazy: " + "<a><b>".replaceAll("<.+>", "X") + " "
        + "<a><b>".replaceAll("<.+?>", "X"));
    System.out.println("backreference: " + Pattern.compile("\\b(\\w+) \\1\\b")
        .matcher("this is is a test test").replaceAll("$1"));
    System.out.println("unicode class: " + "Caf\u00e9 na\u00efve".replaceAll("\\p{L}", "*")
        + " " + Pattern.compile("\\p{Lu}").matcher("\u00c9cole").find());
    try {
      Pattern.compile("(unclosed");
    } catch (PatternSyntaxException e) {
      System.out.println("syntax error: " + e.getDescription() + " at " + e.getIndex()
          + " in " + e.getPattern());
    }
    Matcher lookingAt = Pattern.compile("\\d+").matcher("42abc");
    System.out.println("lookingAt: " + lookingAt.lookingAt() + " " + lookingAt.group()
        + ", hitEnd: " + lookingAt.hitEnd());
  }
}
