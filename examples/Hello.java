import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** An ordinary program: it does not know it runs in a cell. */
public class Hello {
  record Word(String text, int length) {}

  public static void main(String[] args) {
    List<String> words = args.length > 0 ? Arrays.asList(args) : List.of("padded", "cell");
    String summary =
        words.stream()
            .map(word -> new Word(word, word.length()))
            .map(word -> word.text() + "(" + word.length() + ")")
            .collect(Collectors.joining(", "));
    System.out.println("Hello from a cell: " + summary);
    System.out.println("java.version = " + System.getProperty("java.version"));
    System.out.println("user.home    = " + System.getProperty("user.home"));
    System.out.println("$HOME        = " + System.getenv("HOME"));
  }
}
