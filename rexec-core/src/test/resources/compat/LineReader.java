import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringTokenizer;
import java.util.TreeMap;

/**
 * Reads System.in with a BufferedReader and answers through a buffered PrintWriter over
 * System.out, the usual fast-I/O idiom: a count, that many "name score" lines, then queries.
 */
public class LineReader {

  public static void main(String[] args) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out,
        StandardCharsets.UTF_8)));
    int count = Integer.parseInt(reader.readLine().trim());
    TreeMap<String, List<Integer>> scores = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      StringTokenizer tokens = new StringTokenizer(reader.readLine());
      String name = tokens.nextToken();
      while (tokens.hasMoreTokens()) {
        scores.computeIfAbsent(name, key -> new ArrayList<>())
            .add(Integer.parseInt(tokens.nextToken()));
      }
    }
    out.println("players: " + scores.keySet());
    String query;
    int lineNumber = 0;
    while ((query = reader.readLine()) != null) {
      lineNumber++;
      if (query.isBlank()) {
        continue;
      }
      String[] parts = query.strip().split(" ");
      switch (parts[0]) {
        case "best" -> out.printf("best of %s: %d%n", parts[1],
            scores.get(parts[1]).stream().mapToInt(Integer::intValue).max().orElseThrow());
        case "total" -> out.println("total of " + parts[1] + ": " + scores.get(parts[1]).stream()
            .mapToInt(Integer::intValue).sum());
        case "top" -> out.println("top: " + scores.entrySet().stream()
            .max((a, b) -> Integer.compare(sum(a.getValue()), sum(b.getValue())))
            .map(entry -> entry.getKey()).orElse("nobody"));
        default -> {
          out.flush();
          System.err.println("line " + lineNumber + ": unknown query '" + parts[0] + "'");
        }
      }
    }
    out.flush();
    System.out.write("raw bytes after the writer\n".getBytes(StandardCharsets.US_ASCII));
    System.out.print(new char[] {'c', 'h', 'a', 'r', 's', '\n'});
    System.out.flush();
    System.out.println("read " + lineNumber + " query lines; at end: " + (reader.read() == -1)
        + ", available " + System.in.available());
  }

  static int sum(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).sum();
  }
}
