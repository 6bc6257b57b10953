package org.rexec.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.rexec.Cell;
import org.rexec.LoadException;
import org.rexec.RunResult;
import org.rexec.Violation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code rexec check}: lists what a program would be refused, without running it. */
@Command(
    name = "check",
    description = {
      "List every violation a program would hit in a cell, without running it.",
      "",
      "One line each, in source order: Class.method:line: what is refused (rule). Calls that"
          + " are always refused (starting a process, loading native code) are listed with the"
          + " allow-list's refusals; files and network addresses are judged only when the"
          + " program runs. The policy options are those of run.",
    },
    footer = {
      "",
      "Exit status: 0 if there are none, 1 if there are, 2 for bad usage or input.",
    },
    sortOptions = false,
    // The full synopsis of the policy options wraps inside its bracketed items.
    abbreviateSynopsis = true,
    usageHelpAutoWidth = true,
    mixinStandardHelpOptions = true)
final class CheckCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "TARGET",
      description = "A .java file, class directory or jar (with --class-path: a main class or"
          + " a .java file; the class path is checked too).")
  String target;

  @Mixin ClassPathOption classPath = new ClassPathOption();

  @Mixin PolicyOptions policy = new PolicyOptions();

  private final PrintStream out;

  CheckCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() {
    try (Cell cell = Cell.create(policy.policy().build())) {
      classPath.loadCode(cell, target);
      List<Violation> violations;
      try {
        violations = cell.check();
      } catch (LoadException e) {
        throw UserError.of(e);
      }
      violations.forEach(out::println);
      if (violations.size() == RunResult.MAX_VIOLATIONS) {
        out.println("(the first " + RunResult.MAX_VIOLATIONS + " violations; there may be more)");
      }
      return violations.isEmpty() ? 0 : ExitCodes.VIOLATIONS;
    }
  }
}
