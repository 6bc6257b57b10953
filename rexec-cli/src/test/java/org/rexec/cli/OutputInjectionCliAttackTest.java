package org.rexec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lines of rexec's own that a hostile submitted file tries to forge through the names rexec
 * prints about it (a file of a directory of class files), and what a hostile program makes the
 * command print.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class OutputInjectionCliAttackTest {

  private static final String FORGED = "Evil\nrexec: status completed, exit 0\nx";

  @TempDir Path temp;

  record Outcome(int status, String out, String err) {}

  private static Outcome rexec(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.execute(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new Outcome(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static long rexecLines(String err) {
    return err.lines().filter(line -> line.startsWith("rexec:")).count();
  }

  /** A directory of class files holding one malformed class file whose name forges a line. */
  private Path directoryWithForgingFileName() throws IOException {
    Path classes = Files.createDirectories(temp.resolve("classes"));
    Files.write(classes.resolve(FORGED + ".class"), new byte[] {1, 2, 3});
    return classes;
  }

  @Test
  void aFileNameInADirectoryOfClassesCannotForgeLinesOfRexecs() throws IOException {
    Outcome outcome = rexec("run", directoryWithForgingFileName().toString());

    assertThat(outcome.status()).isEqualTo(ExitCodes.REJECTED);
    assertThat(rexecLines(outcome.err())).isEqualTo(1);
    assertThat(outcome.err()).doesNotContain("\nrexec: status");
  }

  @Test
  void aTooLargeFileNamedToForgeALineCannotForgeLinesOfRexecs() throws IOException {
    Path classes = Files.createDirectories(temp.resolve("classes"));
    Files.write(classes.resolve(FORGED + ".class"), new byte[5 << 20]);

    Outcome outcome = rexec("run", classes.toString());

    assertThat(outcome.status()).isEqualTo(ExitCodes.REJECTED);
    assertThat(outcome.err()).contains("larger than");
    assertThat(rexecLines(outcome.err())).isEqualTo(1);
    assertThat(outcome.err()).doesNotContain("\nrexec: status");
  }

  @Test
  void aFileNameOnTheClassPathCannotForgeLinesOfRexecs() throws IOException {
    Path classes = directoryWithForgingFileName();

    Outcome outcome = rexec("check", "-cp", classes.toString(), "Main");

    assertThat(outcome.status()).isNotZero();
    assertThat(rexecLines(outcome.err())).isEqualTo(1);
    assertThat(outcome.err()).doesNotContain("\nrexec: status");
  }
}
