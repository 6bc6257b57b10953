package org.rexec.cli;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Whether a failed {@code rexec run} was asked for {@code --json}, so that its failure is one
 * JSON object too. picocli sets the option as it parses, but a parse that fails stops before
 * the options after the error; those are read here from the arguments, with the command's own
 * option model, up to the target (the program's arguments are the program's).
 */
final class JsonRequest {

  private JsonRequest() {}

  static boolean of(CommandLine command, String[] args) {
    if (!(command.getCommand() instanceof RunCommand run)) {
      return false;
    }
    if (run.resultPrinted) {
      // The one object is out; whatever failed after it goes to standard error.
      return false;
    }
    return run.json || inArguments(command, Arrays.asList(args));
  }

  /** {@code --json} among the options of the {@code run} in {@code args}. */
  private static boolean inArguments(CommandLine command, List<String> args) {
    int start = args.indexOf(command.getCommandName());
    if (start < 0) {
      return false;
    }
    for (int i = start + 1; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--json")) {
        return true;
      }
      if (arg.equals("--") || !arg.startsWith("-")) {
        return false;
      }
      OptionSpec option = command.getCommandSpec().findOption(arg);
      if (option != null && !arg.contains("=") && option.arity().max() > 0) {
        i++; // its value, as a separate argument
      }
    }
    return false;
  }
}
