package org.rexec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A program probing for rexec's and the CLI's classes: the user sees each probe reported. */
class ClassProbeCliTest {

  @TempDir Path temp;

  @Test
  void probesAreReportedInTextAndJsonAndTheProgramSeesNoSuchClass() throws IOException {
    Path probe =
        Files.writeString(
            temp.resolve("Probe.java"),
            """
            public class Probe {
              public static void main(String[] args) {
                for (String name : new String[] {"org.rexec.Cell", "picocli.CommandLine", "com.nothing.Here"}) {
                  try {
                    Class.forName(name);
                  } catch (ClassNotFoundException e) {
                    System.out.println("not found: " + e.getMessage());
                  }
                }
              }
            }
            """);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = run(out, err, "run", probe.toString());
    ByteArrayOutputStream jsonOut = new ByteArrayOutputStream();
    run(jsonOut, new ByteArrayOutputStream(), "run", "--json", probe.toString());

    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("not found: org.rexec.Cell\nnot found: picocli.CommandLine\n"
            + "not found: com.nothing.Here\n");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "rexec: refused: Probe.main:5: using class org.rexec.Cell is not allowed in this"
                + " cell (rule: runtime-package)\n"
                + "rexec: refused: Probe.main:5: using class picocli.CommandLine is not allowed"
                + " in this cell (rule: host-classes)\n");
    JsonNode violations =
        new ObjectMapper().readTree(jsonOut.toString(StandardCharsets.UTF_8)).get("violations");
    assertThat(violations).hasSize(2);
    assertThat(violations.get(0).get("detail").asText()).isEqualTo("org.rexec.Cell");
    assertThat(violations.get(0).get("rule").asText()).isEqualTo("runtime-package");
    assertThat(violations.get(1).get("detail").asText()).isEqualTo("picocli.CommandLine");
    assertThat(violations.get(1).get("rule").asText()).isEqualTo("host-classes");
  }

  private static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
    return Main.execute(
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        args);
  }
}
