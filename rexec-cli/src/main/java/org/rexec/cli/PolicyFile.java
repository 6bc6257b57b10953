package org.rexec.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.rexec.Policy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * A policy file ({@code --policy FILE}, docs/POLICY.md): one option of {@link PolicyOptions} a
 * line, written without its {@code --} ({@code allow-read data}, {@code memory 256m}, {@code
 * allow java.util.zip.Deflater}), {@code #} comments. Each line is parsed by picocli into the
 * options the command line has and applied by the same code, so the two cannot drift; relative
 * paths are resolved against the file's directory. Errors name the file and line.
 */
final class PolicyFile {

  /** Files larger than this are no policy anyone wrote by hand. */
  private static final long MAX_BYTES = 1 << 20;

  private PolicyFile() {}

  /** The parse of one line: the policy options and nothing else. */
  @Command(name = "policy-file")
  private static final class Line {
    @Mixin PolicyOptions options = new PolicyOptions();
  }

  /** Applies the lines of {@code file} to {@code policy}, in order. */
  static void apply(Path file, Policy.Builder policy) {
    List<String> lines = read(file);
    Path base = file.toAbsolutePath().normalize().getParent();
    for (int index = 0; index < lines.size(); index++) {
      String line = stripComment(lines.get(index)).strip();
      if (line.isEmpty()) {
        continue;
      }
      String where = file + ":" + (index + 1) + ": ";
      try {
        options(line).apply(policy, base);
      } catch (UserError e) {
        throw new UserError(where + e.getMessage().replaceFirst("^--", ""));
      }
    }
  }

  /** {@code key value}, {@code key=value} or a lone {@code key}, parsed as {@code --key value}. */
  private static PolicyOptions options(String line) {
    int end = 0;
    while (end < line.length() && !Character.isWhitespace(line.charAt(end))
        && line.charAt(end) != '=') {
      end++;
    }
    String key = line.substring(0, end);
    String value = end < line.length() ? line.substring(end + 1).strip() : null;
    if (key.startsWith("-")) {
      throw new UserError("write the key without dashes: '" + key.replaceFirst("^-+", "") + "'");
    }
    if (key.equals("policy")) {
      throw new UserError("a policy file cannot name another policy file");
    }
    Line parsed = new Line();
    CommandLine parser = new CommandLine(parsed);
    String[] arguments =
        value == null ? new String[] {"--" + key} : new String[] {"--" + key, value};
    try {
      parser.parseArgs(arguments);
    } catch (CommandLine.UnmatchedArgumentException unmatched) {
      if (unmatched.getUnmatched().contains("--" + key)) {
        throw new UserError("unknown key '" + key + "'");
      }
      throw new UserError(key + " takes no value, was '" + value + "'");
    } catch (CommandLine.ParameterException invalid) {
      throw new UserError(invalid.getMessage().replace("'--" + key + "'", "'" + key + "'"));
    }
    return parsed.options;
  }

  private static List<String> read(Path file) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new UserError("--policy: " + file + " is larger than " + MAX_BYTES + " bytes");
      }
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException missing) {
      throw new UserError("--policy: no such file: " + file);
    } catch (IOException e) {
      throw new UserError("--policy: cannot read " + file + ": " + e.getMessage());
    }
  }

  /** As in the allow-list format: {@code #} at the start of a line or after white space. */
  private static String stripComment(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }
}
