import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Properties;

/** Builds platform text with the line.separator property, as older code commonly does. */
public class LineSeparator {

  private static final String NEWLINE = System.getProperty("line.separator");

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\n' -> escaped.append("\\n");
        case '\r' -> escaped.append("\\r");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  public static void main(String[] args) {
    System.out.println("line.separator is [" + escape(NEWLINE) + "], length " + NEWLINE.length()
        + ", same as System.lineSeparator(): " + NEWLINE.equals(System.lineSeparator()));
    StringBuilder report = new StringBuilder();
    report.append("Report").append(NEWLINE);
    for (int i = 1; i <= 3; i++) {
      report.append("  row ").append(i).append(NEWLINE);
    }
    System.out.print(report);
    System.out.println("report lines: " + report.toString().split(NEWLINE).length);

    StringWriter buffer = new StringWriter();
    PrintWriter writer = new PrintWriter(buffer);
    writer.println("println in a PrintWriter");
    writer.printf("printf %%n%n");
    writer.flush();
    System.out.println("writer text ends with separator: " + buffer.toString().endsWith(NEWLINE)
        + ", escaped: " + escape(buffer.toString()));

    System.out.println("file.separator [" + System.getProperty("file.separator")
        + "], path.separator [" + System.getProperty("path.separator") + "]");
    System.out.println("missing property: " + System.getProperty("compat.no.such.property")
        + ", with default: " + System.getProperty("compat.no.such.property", "fallback"));
    Properties properties = new Properties();
    properties.setProperty("greeting", "hello");
    System.out.println("own Properties object: " + properties.getProperty("greeting") + ", "
        + properties.getProperty("absent", "default"));
    try {
      System.getProperty("");
    } catch (IllegalArgumentException e) {
      System.out.println("empty key: " + e.getMessage());
    }
  }
}
