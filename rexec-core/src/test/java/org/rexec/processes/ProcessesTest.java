package org.rexec.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rexec.Cell;
import org.rexec.Policy;
import org.rexec.RunResult;
import org.rexec.Violation;

/** A cell starts no process, sees none, destroys none, and loads no native code. */
class ProcessesTest {

  @TempDir Path temp;

  private static RunResult run(String source, String... args) {
    try (Cell cell = Cell.create(Policy.defaults())) {
      return cell.run(cell.loadSource("Spawn.java", source), args);
    }
  }

  @Test
  void noWayOfStartingAProcessStartsOne() {
    Path marker = temp.resolve("ran");
    RunResult result =
        run(
            """
            import java.io.*;
            import java.util.*;
            public class Spawn {
              interface Attempt { Object run() throws Exception; }
              static void attempt(String what, Attempt attempt) {
                try { System.out.println(what + " -> " + attempt.run()); }
                catch (Exception e) { System.out.println(what + " ! " + e); }
              }
              public static void main(String[] args) {
                String[] touch = {"touch", args[0]};
                attempt("exec string", () -> Runtime.getRuntime().exec("touch " + args[0]));
                attempt("exec array", () -> Runtime.getRuntime().exec(touch));
                attempt("exec env dir", () -> Runtime.getRuntime().exec(touch, null, new File("/")));
                attempt("builder", () -> new ProcessBuilder(touch).inheritIO().start());
                attempt("pipeline", () -> ProcessBuilder.startPipeline(List.of(new ProcessBuilder(touch))));
              }
            }
            """,
            marker.toString());

    assertThat(marker).doesNotExist();
    assertThat(result.stdout().lines())
        .hasSize(5)
        .allSatisfy(line -> assertThat(line).endsWith(
            "! java.io.IOException: Cannot run program \"touch\": Permission denied"
                + " (rule: processes)"));
    assertThat(result.violations())
        .hasSize(5)
        .allSatisfy(violation -> {
          assertThat(violation.operation()).isEqualTo("exec");
          assertThat(violation.detail()).isEqualTo("touch");
          assertThat(violation.rule()).isEqualTo("processes");
        });
  }

  @Test
  void processHandlesShowOnlyTheCellAndDestroyNothing() {
    long supervisor = ProcessHandle.current().pid();
    long parent = ProcessHandle.current().parent().orElseThrow().pid();

    RunResult result =
        run(
            """
            public class Spawn {
              public static void main(String[] args) {
                ProcessHandle self = ProcessHandle.current();
                System.out.println(self.pid() + " " + self.info().commandLine().isPresent()
                    + " " + self.parent().isPresent());
                System.out.println(ProcessHandle.allProcesses().count());
                System.out.println(ProcessHandle.of(Long.parseLong(args[0])).isPresent());
                System.out.println(ProcessHandle.of(Long.parseLong(args[1])).isPresent());
                try {
                  self.destroyForcibly();
                } catch (IllegalStateException e) {
                  System.out.println(e.getMessage());
                }
                System.out.println(new ProcessBuilder().environment().containsKey("PATH"));
              }
            }
            """,
            Long.toString(supervisor),
            Long.toString(parent));

    assertThat(result.stdout())
        .isEqualTo("1 false false\n1\nfalse\nfalse\ndestroy of current process not allowed\nfalse\n");
    assertThat(ProcessHandle.current().isAlive()).isTrue();
    assertThat(ProcessHandle.of(parent)).isPresent();
  }

  @Test
  void nativeLibrariesAreNotLoaded() {
    RunResult result =
        run(
            """
            public class Spawn {
              public static void main(String[] args) {
                for (Runnable load : new Runnable[] {
                    () -> System.loadLibrary("zip"),
                    () -> System.load("/usr/lib/libc.so.6"),
                    () -> Runtime.getRuntime().loadLibrary("net")}) {
                  try {
                    load.run();
                    System.out.println("loaded");
                  } catch (UnsatisfiedLinkError e) {
                    System.out.println(e.getMessage());
                  }
                }
              }
            }
            """);

    assertThat(result.stdout())
        .isEqualTo(
            "Can't load library: zip (rule: native-code)\n"
                + "Can't load library: /usr/lib/libc.so.6 (rule: native-code)\n"
                + "Can't load library: net (rule: native-code)\n");
    assertThat(result.violations()).extracting(Violation::operation).containsOnly("load");
  }
}
