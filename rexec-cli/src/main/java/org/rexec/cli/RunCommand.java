package org.rexec.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rexec.Cell;
import org.rexec.RunResult;
import org.rexec.Violation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rexec run}: runs a program in a cell and exits with its status. */
@Command(
    name = "run",
    description = {
      "Run a program in a padded cell.",
      "",
      "TARGET is a source program (Foo.java; several top-level classes allowed, the first is"
          + " run; other files of its source tree are compiled when it uses their classes, as"
          + " java does), a directory of class files, or a jar (its Main-Class, or --main)."
          + " The program reads the standard input of rexec and writes to its standard output"
          + " and error. Everything not granted is refused with the JDK's own exception.",
      "",
    },
    footer = {
      "",
      "Network: nothing, unless granted; a name that is not granted is not even looked up.",
      "",
      "Files: nothing is readable or writable but what is granted, and the scratch directory"
          + " /tmp (bounded by --disk, deleted when the run ends). The working directory is the"
          + " current one, so relative paths mean what they mean outside the cell.",
      "",
      "Limits: every run is bounded (see the defaults above); the run is stopped for good when"
          + " one is reached, and rexec reports which.",
      "",
      "Exit status: the program's own (0, the n of System.exit(n) as a shell sees it, so 255"
          + " for -1; 1 after an uncaught exception); 2 for bad usage or input (including"
          + " compile errors); 126 when a class is rejected (strict mode, a malformed or too"
          + " large class file, or one no policy allows); 125 if rexec itself failed; after a"
          + " limit: 124 wall or CPU time, 123 memory, 122 stack, 121 threads, 120 output;"
          + " 137 killed. With --json, standard output is always exactly one JSON object, also"
          + " for these errors.",
      "",
      "Examples:",
      "  rexec run examples/Hello.java",
      "  rexec run --timeout=2s --memory=256m --threads=4 Solution.java < input.txt",
      "  rexec run --allow-read=examples/data --allow-write=out FileReport.java",
      "  rexec run --mount=$HOME/datasets:/data:ro --workdir=/data Analyze.java",
      "  rexec run --allow-net=api.example.com:443,localhost:8080 Client.java",
      "  rexec run --allow-listen=8080 Server.java",
      "  rexec run --allow-env=LANG,TZ app.jar arg1 arg2",
      "  rexec run --strict --json --main com.example.Main build/classes",
      "  rexec run -cp lib/a.jar:build/classes com.example.Main arg1",
      "  rexec run -cp lib/a.jar src/Main.java",
      "  rexec run --policy=solver.policy --timeout=5s Solver.java",
    },
    sortOptions = false,
    // The full synopsis of some twenty options wraps inside its bracketed items; the options
    // are listed below it.
    abbreviateSynopsis = true,
    usageHelpAutoWidth = true,
    mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {

  @Option(names = "--main", paramLabel = "CLASS", description = "The class to run.")
  String mainClass;

  @Option(
      names = "--json",
      description = "Print only one JSON object with the result (the program's output"
          + " included) when the run ends.")
  boolean json;

  @Option(names = "--verbose", description = "Print stack traces of rexec's own errors.")
  boolean verbose;

  @Option(
      names = {"-ea", "--enable-assertions"},
      description = "Enable the program's assert statements, as java -ea does (default: off,"
          + " as in java).")
  boolean assertions;

  @Mixin PolicyOptions policy = new PolicyOptions();

  @Mixin ClassPathOption classPath = new ClassPathOption();

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "TARGET",
      description = "The program to run (with --class-path: a main class or a source file).")
  String target;

  @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the program.")
  List<String> args = new ArrayList<>();

  /** Whether the result's JSON object is out: nothing else may follow it on stdout. */
  boolean resultPrinted;

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;

  RunCommand(InputStream in, PrintStream out, PrintStream err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    Cell.Builder cell =
        Cell.builder(policy.policy().build()).stdin(in).enableAssertions(assertions);
    if (!json) {
      cell.stdout(out).stderr(err);
    }
    try (Cell created = cell.create()) {
      ClassPathOption.Program program = classPath.load(created, target, mainClass, args);
      RunResult result =
          created.run(program.mainClass(), program.args().toArray(new String[0]));
      if (json) {
        resultPrinted = true;
        Json.write(ResultJson.of(result, created.policy().limits().outputBytes()), out);
        out.println();
      } else {
        report(result);
      }
      return exitCode(result);
    }
  }

  /** What the program did not print itself: why the run failed, what was refused. */
  private void report(RunResult result) {
    out.flush();
    ResultJson.message(result).ifPresent(message -> err.println("rexec: " + message));
    for (Violation violation : result.violations()) {
      err.println("rexec: refused: " + violation);
    }
    if (result.droppedViolations() > 0) {
      err.println("rexec: refused " + result.droppedViolations() + " more time(s), not listed");
    }
    if (!result.contained()) {
      err.println(
          "rexec: containment failed: threads of the program still alive after the run: "
              + String.join(", ", result.survivors()));
    }
  }

  /**
   * The exit status of {@code rexec run}: the program's, as a shell sees it ({@code
   * System.exit(-1)} exits with 255, as under {@code java}); otherwise the one the run's status
   * has ({@code RunResult.EXIT_*}: 2, as for bad usage, when the run could not start).
   */
  static int exitCode(RunResult result) {
    return ExitCodes.processStatus(result.exitCode());
  }
}
