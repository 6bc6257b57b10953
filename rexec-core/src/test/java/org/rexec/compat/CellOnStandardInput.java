package org.rexec.compat;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.nio.file.Path;
import java.time.Duration;
import org.rexec.Cell;
import org.rexec.Policy;
import org.rexec.RunResult;
import org.rexec.RunStatus;

/**
 * Runs the program in the source file {@code args[0]}, with the other arguments, in a cell whose standard input is this
 * JVM's own, as the CLI wires it, and streams the cell's output to this JVM's: a child JVM of
 * {@link StandardInputSameAsPlainJvmTest}, which gives it a file or a pipe as standard input.
 */
public final class CellOnStandardInput {

  private CellOnStandardInput() {}

  public static void main(String[] args) throws Exception {
    Path source = Path.of(args[0]);
    Policy policy =
        Policy.builder()
            .timeout(Duration.ofSeconds(60))
            .cpuTime(Duration.ofSeconds(60))
            .output(64L << 20)
            .build();
    RunResult result;
    try (Cell cell =
        Cell.builder(policy).stdin(new FileInputStream(FileDescriptor.in)).stdout(System.out).stderr(System.err).create()) {
      String main =
          cell.loadSource(source.getFileName().toString(), Files.readString(source));
      result = cell.run(main, Arrays.copyOfRange(args, 1, args.length));
    }
    System.out.flush();
    if (result.status() != RunStatus.COMPLETED) {
      System.err.println("the cell's run: " + result);
      System.exit(3);
    }
  }
}
