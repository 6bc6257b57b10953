import java.util.Locale;
import java.util.stream.Collectors;

/** Text blocks: indentation stripping, escapes, line continuations and formatting. */
public class TextBlocks {

  public static void main(String[] args) {
    String poem = """
        Roses are red,
          violets are blue,
        text blocks keep
        indentation for you.
        """;
    System.out.print(poem);
    System.out.println("lines: " + poem.lines().count() + ", ends with newline: "
        + poem.endsWith("\n"));

    String json = """
        {
          "name": "%s",
          "age": %d,
          "ratio": %.2f
        }""".formatted("Ada", 36, 0.5);
    System.out.println(json);

    String continued = """
        one long line \
        continued here""";
    System.out.println("[" + continued + "]");

    String trailing = """
        keep two spaces:\s\s
        tab:\tend
        quote: \""" and "quoted"
        """;
    trailing.lines().forEach(line -> System.out.println("|" + line + "| " + line.length()));

    String html = """
              <ul>
                <li>first</li>
                <li>second</li>
              </ul>
        """;
    System.out.print(html);
    System.out.println("indent of first line: " + (html.indexOf('<')));

    String numbered = """
        alpha
        beta
        gamma
        """.lines()
        .map(line -> line.toUpperCase(Locale.ROOT))
        .collect(Collectors.joining(", ", "{", "}"));
    System.out.println(numbered);

    String raw = "    indented\n      more\n    back\n";
    System.out.print(raw.stripIndent());
    System.out.println("escapes: " + "a\\tb\\101\\n".translateEscapes().replace("\t", "<TAB>")
        .replace("\n", "<NL>"));
    System.out.print("shifted:\n" + "x\ny\n".indent(3));
    System.out.println("empty block length: " + """
        """.length());
  }
}
