package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code assert} statements as {@code java} runs them: off unless enabled, as with -ea. */
class AssertionsTest {

  private static final String PROGRAM =
      """
      public class Checked {
        public static void main(String[] args) {
          assert args.length > 0 : "no arguments";
          System.out.println("passed");
        }
      }
      """;

  private static RunResult run(Cell.Builder builder) {
    try (Cell cell = builder.create()) {
      return cell.run(cell.loadSource("Checked.java", PROGRAM));
    }
  }

  @Test
  void assertionsAreOffByDefault() {
    RunResult result = run(Cell.builder(Policy.defaults()));

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("passed\n");
  }

  @Test
  void enabledAssertionsThrowTheJdksAssertionError() {
    RunResult result = run(Cell.builder(Policy.defaults()).enableAssertions(true));

    assertThat(result.status()).isEqualTo(RunStatus.EXCEPTION);
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.exception()).hasValueSatisfying(thrown -> {
      assertThat(thrown.type()).isEqualTo("java.lang.AssertionError");
      assertThat(thrown.message()).isEqualTo("no arguments");
    });
    assertThat(result.stderr())
        .isEqualTo("Exception in thread \"main\" java.lang.AssertionError: no arguments\n"
            + "\tat Checked.main(Checked.java:3)\n");
  }

  @Test
  void theProgramCannotTurnAssertionsOnForItself() {
    // The class loader's setting is the supervisor's; a program reaching for it is refused.
    String program =
        """
        public class Sneaky {
          public static void main(String[] args) {
            try {
              Sneaky.class.getClassLoader().setDefaultAssertionStatus(true);
              System.out.println("changed");
            } catch (SecurityException refused) {
              System.out.println("refused");
            }
          }
        }
        """;
    try (Cell cell = Cell.create(Policy.defaults())) {
      RunResult result = cell.run(cell.loadSource("Sneaky.java", program));

      assertThat(result.stdout()).isEqualTo("refused\n");
    }
  }
}
