package org.rexec.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For {@code bench/run --update-docs}: replaces the generated part of each section of a
 * Markdown file, between {@code <!-- bench:NAME -->} and {@code <!-- /bench:NAME -->}, with the
 * content of a file. Everything outside the markers is left as written.
 *
 * <pre>java -cp benchmarks.jar org.rexec.bench.DocSections docs/BENCHMARKS.md NAME=FILE...</pre>
 */
public final class DocSections {

  private DocSections() {}

  public static void main(String[] args) throws IOException {
    Path document = Path.of(args[0]);
    String text = Files.readString(document);
    for (int i = 1; i < args.length; i++) {
      String name = args[i].substring(0, args[i].indexOf('='));
      Path content = Path.of(args[i].substring(args[i].indexOf('=') + 1));
      if (!Files.isRegularFile(content)) {
        continue;
      }
      text = replace(text, name, Files.readString(content));
    }
    Files.writeString(document, text);
  }

  static String replace(String text, String name, String content) {
    String begin = "<!-- bench:" + name + " -->";
    String end = "<!-- /bench:" + name + " -->";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(
          "no section " + begin + " ... " + end + " in the document");
    }
    return text.substring(0, from + begin.length()) + "\n" + content.strip() + "\n"
        + text.substring(to);
  }
}
