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
  void denyingAnInterposedMemberIsAnErrorRatherThanARuleThatDoesNothing() {
    for (String interposed :
        new String[] {"java.lang.System#exit", "java.lang.System#exit(int)",
            "java.io.FileInputStream#<init>", "java.lang.Runtime#exec"}) {
      assertThatThrownBy(() -> Policy.builder().deny(interposed))
          .as(interposed)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("cannot deny " + interposed + ": it is interposed");
    }
    // A member of the same class that is not interposed can be denied.
    assertThat(Policy.builder().deny("java.lang.System#lineSeparator").build().allowList()
            .allowsMember("java/lang/System", "lineSeparator", "()Ljava/lang/String;"))
        .isFalse();
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

  /**
   * What {@code deny} of a virtual member means: every reference that resolves to it is refused,
   * named through any subclass (the cell's too), as a method reference, or as a default method;
   * and a cell's own interface that re-declares it cannot route a call to it (a dispatch bridge
   * makes the super call, which is refused). A call of the more general member it overrides,
   * which stays allowed, still reaches it by the JVM's dispatch on a JDK object, as the JDK's own
   * code does ({@code String.valueOf}): deny is a rule about references, not a removal of code.
   */
  @Test
  void aDeniedVirtualMemberIsRefusedOnEveryReferenceButNotOnDispatchFromItsAllowedOverridden() {
    Policy policy =
        Policy.builder()
            .deny("java.util.AbstractCollection#toString")
            .deny("java.util.Collection#stream")
            .build();

    RunResult result =
        Programs.run(
            policy,
            "Paths.java",
            """
            import java.util.*;
            import java.util.function.Supplier;
            import java.util.stream.Stream;
            public class Paths {
              interface Shown { String toString(); }
              interface Streams<E> extends Collection<E> {}
              static class Mine extends AbstractCollection<String> {
                public Iterator<String> iterator() { return List.of("m").iterator(); }
                public int size() { return 1; }
              }
              static class Both extends Mine implements Shown {}
              static class Listed extends ArrayList<String> implements Streams<String> {}
              static void attempt(String path, Supplier<Object> call) {
                try {
                  System.out.println(path + ": reached " + call.get());
                } catch (RuntimeException e) {
                  System.out.println(path + ": refused");
                }
              }
              public static void main(String[] args) {
                ArrayList<String> list = new ArrayList<>(List.of("a"));
                attempt("direct", () -> list.toString());
                attempt("reference", () -> ((Supplier<String>) list::toString).get());
                attempt("cell subclass", () -> new Mine().toString());
                attempt("cell interface", () -> ((Shown) new Both()).toString());
                attempt("default", () -> list.stream().count());
                attempt("default through subclass", () -> new Listed().stream().count());
                attempt("default through cell interface",
                    () -> ((Streams<String>) new Listed()).stream().count());
                attempt("as Object", () -> ((Object) list).toString());
                attempt("cell subclass as Object", () -> ((Object) new Mine()).toString());
                attempt("by the JDK", () -> String.valueOf(list));
              }
            }
            """);

    assertThat(result.stdout())
        .as(result.toString())
        .isEqualTo(
            """
            direct: refused
            reference: refused
            cell subclass: refused
            cell interface: refused
            default: refused
            default through subclass: refused
            default through cell interface: refused
            as Object: reached [a]
            cell subclass as Object: reached [m]
            by the JDK: reached [a]
            """);
  }

  @Test
  void allowingAJdkSubclassOfThreadStartsNoThreadOutsideTheCell() {
    // Thread is substituted for a class that extends it directly; ForkJoinWorkerThread, once
    // allowed, is a JDK Thread a cell class can extend without the substitute in between.
    Policy policy =
        Policy.builder()
            .allow("java.util.concurrent.ForkJoinWorkerThread")
            .timeout(java.time.Duration.ofSeconds(2))
            .build();

    RunResult result =
        Programs.run(
            policy,
            "Worker.java",
            """
            import java.util.concurrent.*;
            public class Worker extends ForkJoinWorkerThread {
              static volatile boolean ran;
              Worker(ForkJoinPool pool) { super(pool); }
              @Override public void run() {
                ran = true;
                System.out.println("worker ran");
                while (true) { }
              }
              public static void main(String[] args) throws Exception {
                Worker worker = new Worker(new ForkJoinPool(1));
                worker.setDaemon(true);
                worker.start();
                worker.join(500);
                System.out.println("main ran " + ran);
              }
            }
            """);

    assertThat(result.stdout()).as(result.toString()).doesNotContain("worker ran");
    assertThat(result.contained()).as(result.toString()).isTrue();
    // The class is refused where it is initialized, before any instance exists.
    assertThat(result.exception().orElseThrow().type())
        .isEqualTo("java.lang.ExceptionInInitializerError");
    assertThat(result.violations())
        .extracting(Violation::toString)
        .anyMatch(text -> text.contains("java.util.concurrent.ForkJoinWorkerThread is not allowed")
            && text.contains("(rule: allow-list)"));
  }

  @Test
  void allowingAJdkSubclassOfASubstitutedSocketGrantsNoNetwork() throws Exception {
    // DatagramSocket is substituted; MulticastSocket, once allowed, is a JDK DatagramSocket the
    // program makes with new, without rexec's substitute.
    Policy policy = Policy.builder().allow("java.net.MulticastSocket").build();
    try (java.net.DatagramSocket listener =
        new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout(1000);

      RunResult result =
          Programs.run(
              policy,
              "Send.java",
              """
              import java.net.*;
              public class Send {
                public static void main(String[] args) throws Exception {
                  try (MulticastSocket socket = new MulticastSocket()) {
                    byte[] data = "escaped".getBytes();
                    socket.send(new DatagramPacket(data, data.length,
                        InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])));
                    System.out.println("sent");
                  }
                }
              }
              """,
              String.valueOf(listener.getLocalPort()));

      assertThat(result.stdout()).as(result.toString()).doesNotContain("sent");
      assertThat(result.exception().orElseThrow().message())
          .startsWith("Permission denied (rule: allow-net): 127.0.0.1:");
      java.net.DatagramPacket packet = new java.net.DatagramPacket(new byte[100], 100);
      assertThatThrownBy(() -> listener.receive(packet))
          .isInstanceOf(java.net.SocketTimeoutException.class);
    }
  }
}
