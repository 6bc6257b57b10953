package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** Java 25's compact source files and java.lang.IO, as the java launcher of 25 runs them. */
@EnabledForJreRange(min = JRE.JAVA_25)
class Java25ProgramsTest {

  @Test
  void aCompactSourceFileWithAnInstanceMainRunsAndItsIoIsTheCells() {
    RunResult result =
        Programs.runWithInput(
            "Ada\n",
            "Greet.java",
            """
            void main() {
              IO.println("numbers " + List.of(1, 2));
              String name = IO.readln("name? ");
              IO.print("hello ");
              IO.println(name);
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.violations()).isEmpty();
    assertThat(result.stdout()).isEqualTo("numbers [1, 2]\nname? hello Ada\n");
  }

  @Test
  void aStaticMainWithoutArgumentsRuns() {
    RunResult result =
        Programs.run(
            "Plain.java",
            "class Plain { static void main() { System.out.println(\"static, no args\"); } }");

    assertThat(result.stdout()).isEqualTo("static, no args\n");
  }

  @Test
  void mainWithArgumentsIsPreferred() {
    RunResult result =
        Programs.run(
            "Both.java",
            """
            class Both {
              void main() { System.out.println("without"); }
              void main(String[] args) { System.out.println("with " + args.length); }
            }
            """,
            "x");

    assertThat(result.stdout()).isEqualTo("with 1\n");
  }
}
