package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link Cell#check()} lists every refusal it can know before running, in source order: the
 * allow-list's, and the interposed members that refuse every call (processes, native code).
 */
class CheckTest {

  private static final String REFUSING_PROGRAM =
      """
      import java.io.File;
      import java.util.function.Supplier;
      public class Refuser {
        public static void main(String[] args) throws Exception {
          System.loadLibrary("evil");
          new ProcessBuilder("id").start();
          Supplier<Object> later = () -> {
            try {
              return Runtime.getRuntime().exec("rm -rf /");
            } catch (Exception e) {
              return e;
            }
          };
          Thread.getAllStackTraces();
          Runtime.getRuntime().exec(new String[] {"sh"}, null, new File("/"));
          System.load("/tmp/libevil.so");
          java.util.function.Consumer<String> loader = System::loadLibrary;
          new java.io.FileInputStream("/etc/passwd");
          System.out.println(later);
        }
        static void helper() throws Exception {
          Runtime.getRuntime().loadLibrary("x");
          ProcessBuilder.startPipeline(java.util.List.of());
        }
      }
      """;

  @Test
  void listsProcessesNativeCodeAndAllowListRefusalsInSourceOrder() {
    try (Cell cell = Cell.create(Policy.defaults())) {
      cell.loadSource("Refuser.java", REFUSING_PROGRAM);

      assertThat(cell.check())
          .extracting(Violation::toString)
          .containsExactly(
              "Refuser.main:5: calling java.lang.System.loadLibrary(java.lang.String) is not"
                  + " allowed in this cell (rule: native-code)",
              "Refuser.main:6: calling java.lang.ProcessBuilder.start() is not allowed in this"
                  + " cell (rule: processes)",
              "Refuser.lambda$main$0:9: calling java.lang.Runtime.exec(java.lang.String) is not"
                  + " allowed in this cell (rule: processes)",
              "Refuser.main:14: calling java.lang.Thread.getAllStackTraces() is not allowed in"
                  + " this cell (rule: allow-list)",
              "Refuser.main:15: calling java.lang.Runtime.exec(java.lang.String[],"
                  + " java.lang.String[], java.io.File) is not allowed in this cell"
                  + " (rule: processes)",
              "Refuser.main:16: calling java.lang.System.load(java.lang.String) is not allowed"
                  + " in this cell (rule: native-code)",
              "Refuser.main:17: a method handle to java.lang.System.loadLibrary(java.lang.String)"
                  + " is not allowed in this cell (rule: native-code)",
              "Refuser.helper:22: calling java.lang.Runtime.loadLibrary(java.lang.String) is not"
                  + " allowed in this cell (rule: native-code)",
              "Refuser.helper:23: calling java.lang.ProcessBuilder.startPipeline(java.util.List)"
                  + " is not allowed in this cell (rule: processes)");
    }
  }

  @Test
  void whatCheckListsIsRefusedWhenItRunsAndNothingStarts() {
    try (Cell cell = Cell.create(Policy.defaults())) {
      cell.loadSource(
          "Starter.java",
          """
          public class Starter {
            public static void main(String[] args) throws Exception {
              try {
                new ProcessBuilder("touch", args[0]).start();
              } catch (java.io.IOException e) {
                System.out.println(e.getMessage());
              }
              try {
                System.loadLibrary("evil");
              } catch (UnsatisfiedLinkError e) {
                System.out.println(e.getMessage());
              }
            }
          }
          """);
      java.nio.file.Path marker = java.nio.file.Path.of(
          System.getProperty("java.io.tmpdir"), "rexec-check-" + System.nanoTime());

      assertThat(cell.check()).extracting(Violation::rule).containsExactly("processes", "native-code");
      RunResult result = cell.run("Starter", marker.toString());

      assertThat(result.stdout())
          .isEqualTo(
              "Cannot run program \"touch\": Permission denied (rule: processes)\n"
                  + "Can't load library: evil (rule: native-code)\n");
      assertThat(java.nio.file.Files.exists(marker)).isFalse();
      assertThat(result.violations()).extracting(Violation::rule)
          .containsExactly("processes", "native-code");
    }
  }

  @Test
  void strictModeStillRunsAProgramThatOnlyCallsRefusingShims() {
    // The shim refuses and records when the call runs; strict mode rejects only refused
    // references, as before.
    try (Cell cell = Cell.create(Policy.builder().strict(true).build())) {
      cell.loadSource(
          "Quiet.java",
          """
          public class Quiet {
            public static void main(String[] args) throws Exception {
              if (args.length > 0) new ProcessBuilder("id").start();
              System.out.println("ran");
            }
          }
          """);

      assertThat(cell.check()).hasSize(1);
      assertThat(cell.run("Quiet").stdout()).isEqualTo("ran\n");
    }
  }
}
