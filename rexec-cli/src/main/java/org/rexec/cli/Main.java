package org.rexec.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.rexec.policy.BoundedText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;

/** The entry point of the {@code rexec} command. */
@Command(
    name = "rexec",
    description = "Restricted execution for the JVM: run untrusted code in a padded cell.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    subcommands = {RunCommand.class, CheckCommand.class})
public final class Main implements Callable<Integer> {

  private final PrintStream err;

  Main(PrintStream err) {
    this.err = err;
  }

  public static void main(String[] args) {
    keepKerberosOff();
    // The descriptor itself, unbuffered: a file is then read directly by the cell (FileInput).
    System.exit(execute(new FileInputStream(FileDescriptor.in), System.out, System.err, args));
  }

  /**
   * A granted HTTP server that answers {@code WWW-Authenticate: Negotiate} makes the JDK read
   * the host's Kerberos configuration and ticket cache, and maybe ask a KDC, on the cell's
   * behalf, and no per-connection setting stops it (docs/THREAT-MODEL.md). This JVM is the
   * command's own and never needs Kerberos: with no configuration the JDK finds Negotiate
   * unsupported and reads nothing.
   */
  private static void keepKerberosOff() {
    System.setProperty("java.security.krb5.conf", "/nonexistent/rexec-no-kerberos.conf");
    System.setProperty("javax.security.auth.useSubjectCredsOnly", "true");
  }

  /** Runs the command and returns its exit status; the CLI's tests call this. */
  static int execute(InputStream in, PrintStream out, PrintStream err, String... args) {
    boolean verbose = Arrays.asList(args).contains("--verbose");
    CommandLine commandLine = new CommandLine(new Main(err), new Factory(in, out, err));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.getSubcommands().get("run").setStopAtPositional(true);
    commandLine.setParameterExceptionHandler(
        (exception, arguments) -> {
          err.println("rexec: " + exception.getMessage());
          CommandLine command = exception.getCommandLine();
          err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
          return ExitCodes.USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (exception, command, parseResult) -> {
          if (exception instanceof UserError) {
            err.println("rexec: " + BoundedText.printable(exception.getMessage()));
            if (verbose && exception.getCause() != null) {
              exception.getCause().printStackTrace(err);
            }
            return ExitCodes.USAGE;
          }
          err.println("rexec: internal error: " + BoundedText.printable(String.valueOf(exception)));
          if (verbose) {
            exception.printStackTrace(err);
          } else {
            err.println("Run again with --verbose for the stack trace.");
          }
          return ExitCodes.INTERNAL_ERROR;
        });
    return commandLine.execute(args);
  }

  /** Without a command: say what is missing. */
  @Override
  public Integer call() {
    err.println("rexec: missing command: run or check");
    err.println("Try 'rexec --help' for usage.");
    return ExitCodes.USAGE;
  }

  /** Gives commands the streams to read and write. */
  private static final class Factory implements IFactory {
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    Factory(InputStream in, PrintStream out, PrintStream err) {
      this.in = in;
      this.out = out;
      this.err = err;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == RunCommand.class) {
        return type.cast(new RunCommand(in, out, err));
      }
      if (type == CheckCommand.class) {
        return type.cast(new CheckCommand(out));
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
