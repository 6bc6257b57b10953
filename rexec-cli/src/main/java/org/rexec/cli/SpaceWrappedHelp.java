package org.rexec.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Help texts wrapped only at spaces. picocli wraps with the JDK's line {@link
 * java.text.BreakIterator}, which also breaks inside {@code System.exit(n)} (before the
 * parenthesis), {@code localhost:8080} (after the colon) and hyphenated words; an option or a
 * command cut there cannot be copied. Here the descriptions of options and parameters, and the
 * commands' descriptions and footers, are broken into lines that fit before picocli sees them,
 * so that picocli never needs to break a line itself.
 */
final class SpaceWrappedHelp extends Help {

  /** How far the lines after the first of an option's description are indented, as picocli does. */
  private static final int HANGING_INDENT = 2;

  private SpaceWrappedHelp(CommandSpec spec, ColorScheme colorScheme) {
    super(spec, colorScheme);
  }

  /** Makes {@code command} and its subcommands print their help wrapped at spaces only. */
  static void install(CommandLine command) {
    command.setHelpFactory(SpaceWrappedHelp::new);
    Map<String, CommandLine.IHelpSectionRenderer> sections = command.getHelpSectionMap();
    sections.put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION,
        help -> help.descriptionHeading() + paragraphs(help, help.commandSpec().usageMessage().description()));
    sections.put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER,
        help -> help.footerHeading() + paragraphs(help, help.commandSpec().usageMessage().footer()));
    command.setHelpSectionMap(sections);
    for (CommandLine subcommand : command.getSubcommands().values()) {
      install(subcommand);
    }
  }

  @Override
  public Layout createDefaultLayout(
      List<OptionSpec> options, List<PositionalParamSpec> positionals, ColorScheme colorScheme) {
    Layout picocli = super.createDefaultLayout(options, positionals, colorScheme);
    return new Layout(
        picocli.colorScheme(),
        picocli.textTable(),
        picocli.optionRenderer(),
        picocli.parameterRenderer()) {
      @Override
      public void layout(ArgSpec argument, Text[][] rows) {
        super.layout(argument, descriptionWrapped(rows, textTable(), colorScheme()));
      }
    };
  }

  /** The rows of one option, its description (the last column) in lines that fit. */
  private static Text[][] descriptionWrapped(
      Text[][] rows, Help.TextTable table, ColorScheme colorScheme) {
    Help.Column[] columns = table.columns();
    int last = columns.length - 1;
    int width = columns[last].width - columns[last].indent;
    List<Text[]> wrapped = new ArrayList<>();
    for (Text[] row : rows) {
      List<String> lines = wrap(row[last].plainString(), width, HANGING_INDENT);
      for (int i = 0; i < lines.size(); i++) {
        Text[] line = i == 0 ? row.clone() : emptyRow(row.length, colorScheme);
        line[last] = colorScheme.text(lines.get(i));
        wrapped.add(line);
      }
    }
    return wrapped.toArray(new Text[0][]);
  }

  private static Text[] emptyRow(int length, ColorScheme colorScheme) {
    Text[] row = new Text[length];
    for (int i = 0; i < length; i++) {
      row[i] = colorScheme.text("");
    }
    return row;
  }

  /** Each entry of {@code paragraphs} on lines of the help's width, as picocli lays them out. */
  private static String paragraphs(Help help, String[] paragraphs) {
    int width = help.commandSpec().usageMessage().width();
    StringBuilder text = new StringBuilder();
    for (String paragraph : paragraphs) {
      for (String line : wrap(paragraph, width, 0)) {
        text.append(line).append(System.lineSeparator());
      }
    }
    return text.toString();
  }

  /**
   * {@code text} in lines of at most {@code width} characters, broken at spaces only; lines
   * after the first indented by {@code hangingIndent}. A word longer than a line stays whole on
   * a line of its own: too long is better than cut.
   */
  static List<String> wrap(String text, int width, int hangingIndent) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split(" +")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
        line.append(" ".repeat(hangingIndent));
      }
      if (line.length() > 0 && !line.toString().isBlank()) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
