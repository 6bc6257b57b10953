package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@link Policy.Builder#allow} and {@link Policy.Builder#deny}: a supervisor adds JDK members to
 * the allow-list, and cannot thereby reach rexec's classes, its own, or past an interposition.
 */
class PolicyAllowDenyTest {

  @Test
  void onlyTheJdksClassesCanBeAllowed() {
    assertThatThrownBy(() -> Policy.builder().allow("org.rexec.Cell"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rexec's own classes cannot be allowed: org.rexec.Cell");
    assertThatThrownBy(() -> Policy.builder().allow("org.rexec.runtime.SystemShim#out"))
        .hasMessage("rexec's own classes cannot be allowed: org.rexec.runtime.SystemShim");
    assertThatThrownBy(() -> Policy.builder().allow("org.rexec.PolicyAllowDenyTest"))
        .hasMessageStartingWith("rexec's own classes cannot be allowed");
    assertThatThrownBy(() -> Policy.builder().allow("org.junit.jupiter.api.Test"))
        .hasMessage("not a class of the JDK: org.junit.jupiter.api.Test (only the JDK's classes"
            + " and members can be allowed)");
    assertThatThrownBy(() -> Policy.builder().allow("java.util.NoSuchList"))
        .hasMessageStartingWith("not a class of the JDK: java.util.NoSuchList");
  }

  @Test
  void aDeniedMemberIsRefusedWhereTheProgramCallsIt() {
    Policy policy = Policy.builder().deny("java.util.ArrayList#size").build();

    RunResult result =
        Programs.run(
            policy,
            "Sizes.java",
            """
            import java.util.ArrayList;
            public class Sizes {
              public static void main(String[] args) {
                ArrayList<String> list = new ArrayList<>();
                list.add("a");
                System.out.println(list.get(0));
                System.out.println(list.size());
              }
            }
            """);

    assertThat(result.stdout()).isEqualTo("a\n");
    assertThat(result.exception().orElseThrow().message())
        .isEqualTo("calling java.util.ArrayList.size() is not allowed in this cell"
            + " (rule: allow-list)");
  }

  @Test
  void allowingAnInterposedClassLeavesItsMembersInterposed() throws Exception {
    // Listing Runtime and ProcessBuilder whole does not let the program start a process or end
    // the JVM: interposed members reach the cell's builtins whatever the list says.
    Policy policy =
        Policy.builder().allow("java.lang.Runtime").allow("java.lang.ProcessBuilder").build();
    Path marker = Files.createTempDirectory("rexec-allow").resolve("created");

    RunResult result =
        Programs.run(
            policy,
            "Escape.java",
            """
            public class Escape {
              public static void main(String[] args) throws Exception {
                try {
                  Runtime.getRuntime().exec(new String[] {"touch", args[0]});
                } catch (java.io.IOException e) {
                  System.out.println(e.getMessage());
                }
                try {
                  new ProcessBuilder("touch", args[0]).start();
                } catch (java.io.IOException e) {
                  System.out.println(e.getMessage());
                }
                Runtime.getRuntime().halt(3);
              }
            }
            """,
            marker.toString());

    assertThat(result.stdout())
        .isEqualTo(
            "Cannot run program \"touch\": Permission denied (rule: processes)\n"
                + "Cannot run program \"touch\": Permission denied (rule: processes)\n");
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(Files.exists(marker)).isFalse();
  }
}
