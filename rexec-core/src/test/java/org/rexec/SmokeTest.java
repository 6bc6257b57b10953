package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void helloWorld() {
    try (Cell cell = Cell.create(Policy.defaults())) {
      String main = cell.loadSource("Hello.java",
          "public class Hello { public static void main(String[] a) {"
              + " System.out.println(\"hello \" + a.length); } }");
      RunResult result = cell.run(main, "x");
      System.err.println(result + " out=" + result.stdout() + " err=" + result.stderr());
      assertThat(result.stdout()).isEqualTo("hello 1\n");
    }
  }

  @Test
  void execRefused() {
    try (Cell cell = Cell.create(Policy.defaults())) {
      String main = cell.loadSource("Evil.java",
          "public class Evil { public static void main(String[] a) throws Exception {"
              + " Runtime.getRuntime().exec(\"touch /tmp/pwned\"); } }");
      RunResult result = cell.run(main);
      System.err.println(result + " out=" + result.stdout() + " err=" + result.stderr() + result.violations());
      assertThat(result.status()).isEqualTo(RunStatus.EXCEPTION);
    }
  }
}
