package org.rexec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The help texts at any width: wrapped only between words, never inside one, and with every
 * description whole. A word split across lines would read differently from the same help laid
 * out on lines too wide to wrap, so the two are compared word by word.
 */
class HelpTextTest {

  /** Wide enough that picocli wraps nothing. */
  private static final int UNWRAPPED = 1_000;

  private static final List<String> COMMANDS = List.of("", "run", "check");

  @ParameterizedTest
  @ValueSource(ints = {55, 60, 80, 100, 132, 200})
  void noWordIsSplitAcrossLines(int width) {
    for (String command : COMMANDS) {
      String wrapped = help(command, width);
      assertThat(words(wrapped)).as("%s at %d columns:%n%s", command, width, wrapped)
          .containsExactlyElementsOf(words(help(command, UNWRAPPED)));
      for (String line : wrapped.split("\n")) {
        assertThat(line.length()).as("%s at %d columns: %s", command, width, line)
            .isLessThanOrEqualTo(width);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {55, 80, 132})
  void everyDescriptionIsShownWhole(int width) {
    for (String command : COMMANDS) {
      CommandLine line = command(command, width);
      String help = String.join(" ", words(line.getUsageMessage()));
      for (OptionSpec option : line.getCommandSpec().options()) {
        assertThat(help).contains(String.join(" ", words(String.join(" ", option.description()))));
      }
      for (String paragraph : line.getCommandSpec().usageMessage().description()) {
        assertThat(help).contains(String.join(" ", words(paragraph)));
      }
      for (String paragraph : line.getCommandSpec().usageMessage().footer()) {
        assertThat(help).contains(String.join(" ", words(paragraph)));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {55, 80})
  void theCommandListShowsEachCommandsWholeSummary(int width) {
    String help = String.join(" ", words(help("", width)));

    assertThat(help)
        .contains("run Run a program in a padded cell.")
        .contains("check List every violation a program would hit in a cell, without running it.");
  }

  private static String help(String command, int width) {
    return command(command, width).getUsageMessage();
  }

  private static CommandLine command(String name, int width) {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream());
    CommandLine main = Main.commandLine(new ByteArrayInputStream(new byte[0]), sink, sink);
    main.setUsageHelpAutoWidth(false);
    main.setUsageHelpWidth(width);
    return name.isEmpty() ? main : main.getSubcommands().get(name);
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.strip().split("\\s+")).filter(word -> !word.isEmpty()).toList();
  }
}
