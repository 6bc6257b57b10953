import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a CSV file and writes a report, the ordinary way. Run it with the grants it needs:
 *   ./rexec run --allow-read=examples/data --allow-write=out examples/FileReport.java
 * Without them, the read is refused with the JDK's own AccessDeniedException.
 */
public class FileReport {
  public static void main(String[] args) throws IOException {
    Path input = Path.of(args.length > 0 ? args[0] : "examples/data/scores.csv");
    List<String> lines = Files.readAllLines(input);
    double average =
        lines.stream().skip(1).mapToInt(line -> Integer.parseInt(line.split(",")[1])).average()
            .orElse(0);
    Path out = Path.of("out");
    Files.createDirectories(out);
    try (PrintWriter report = new PrintWriter(out.resolve("report.txt").toFile())) {
      report.printf("%d students, average %.1f%n", lines.size() - 1, average);
    }
    System.out.println("wrote " + out.resolve("report.txt") + ": " + Files.readString(out.resolve("report.txt")).strip());
  }
}
