package org.rexec.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rexec.Cell;
import org.rexec.Policy;
import org.rexec.RunResult;
import org.rexec.RunStatus;

/**
 * Attacks on the JVM-wide namespace lock itself: what a cell can make run while it is held, and
 * for how long. Each test runs a hostile cell beside a benign one and asserts what the benign
 * one (or the host) sees.
 */
class NamespaceLockAttackTest {

  @TempDir Path temp;
  Path writable;
  Path marker;

  @BeforeEach
  void layOutTheHost() throws IOException {
    writable = Files.createDirectories(temp.resolve("writable"));
    marker = writable.resolve("inside-the-lock");
  }

  /**
   * A test that wedges the lock would hang every later test of the JVM: put the lock back as it
   * was (no holder, no waiting change) once the hostile cell's threads have had their chance.
   */
  @AfterEach
  void unwedgeTheLock() throws Exception {
    Class<?> namespace = Class.forName("org.rexec.fs.HostNamespace");
    Field state = namespace.getDeclaredField("state");
    Field waiting = namespace.getDeclaredField("waitingChanges");
    state.setAccessible(true);
    waiting.setAccessible(true);
    AtomicInteger holders = (AtomicInteger) state.get(null);
    AtomicInteger changes = (AtomicInteger) waiting.get(null);
    for (int i = 0; i < 20 && (holders.get() != 0 || changes.get() != 0); i++) {
      holders.set(0);
      Thread.sleep(100);
    }
    holders.set(0);
  }

  private static String program(String body) {
    return """
        import java.io.*;
        import java.nio.file.*;
        import java.nio.file.attribute.*;
        import java.nio.channels.*;
        import java.nio.*;
        import java.util.*;
        public class Attack {
          public static void main(String[] args) throws Exception {
        """
        + body
        + """
          }
        }
        """;
  }

  /** A benign cell that renames a file in its scratch directory and prints how long it took. */
  private static final String BENIGN =
      program(
          """
          Files.writeString(Path.of("/tmp/a"), "x");
          long start = System.nanoTime();
          Files.move(Path.of("/tmp/a"), Path.of("/tmp/b"));
          System.out.println("rename took " + (System.nanoTime() - start) / 1_000_000 + " ms");
          """);

  /** Runs the hostile program in a cell on another thread; returns once it is about to attack. */
  private CompletableFuture<RunResult> startHostile(Cell cell, String body) throws Exception {
    String main = cell.loadSource("Attack.java", program(body));
    CompletableFuture<RunResult> run =
        CompletableFuture.supplyAsync(() -> cell.run(main, writable.toString()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(marker) && System.nanoTime() < deadline && !run.isDone()) {
      Thread.sleep(5);
    }
    assertThat(marker).as("the hostile cell reached its attack").exists();
    Thread.sleep(300);
    return run;
  }

  /**
   * Cell code runs inside the lock: {@code FileAttribute.name()} is called by the JDK's
   * {@code Files.createDirectory(host, attributes)} inside {@code HostNamespace.using}
   * (CellFileSystemProvider.createDirectory). Sleeping there holds the JVM-wide lock shared, so
   * another cell's rename (a change) waits for as long as the hostile cell likes.
   */
  @Test
  void cellCodeCalledInsideTheLockStallsAnotherCellsRename() throws Exception {
    Policy hostile = Policy.builder().allowWrite(writable).timeout(Duration.ofSeconds(20)).build();
    try (Cell attacker = Cell.builder(hostile).create();
        Cell victim = Cell.builder(Policy.builder().timeout(Duration.ofSeconds(20)).build()).create()) {
      String victimMain = victim.loadSource("Attack.java", BENIGN);
      CompletableFuture<RunResult> attack =
          startHostile(
              attacker,
              """
              FileAttribute<Set<PosixFilePermission>> slow = new FileAttribute<>() {
                public String name() {
                  try { Thread.sleep(4000); } catch (InterruptedException e) { }
                  return "posix:permissions";
                }
                public Set<PosixFilePermission> value() {
                  return PosixFilePermissions.fromString("rwx------");
                }
              };
              Files.writeString(Path.of(args[0], "inside-the-lock"), "now");
              Files.createDirectory(Path.of(args[0], "d"), slow);
              """);
      RunResult benign = victim.run(victimMain);
      attack.get(60, TimeUnit.SECONDS);

      assertThat(benign.status()).as(benign.stderr()).isEqualTo(RunStatus.COMPLETED);
      long took = Long.parseLong(benign.stdout().replaceAll("\\D", ""));
      assertThat(took).as("another cell's rename waited for cell code inside the lock").isLessThan(1000);
    }
  }

  /**
   * Cell code inside the lock can ask for the lock again: a rename from inside
   * {@code FileAttribute.name()} waits in {@code HostNamespace.changing} for its own caller's
   * shared hold to end, spinning in rexec code that no stop or interrupt ends. From then on every
   * file operation of every cell in the JVM waits for ever (the waiting change also bars new
   * shared holders). Here another cell, started after the hostile one timed out, cannot rename a
   * file in its own scratch directory within its 5 seconds.
   */
  @Test
  void aRenameFromCellCodeInsideTheLockDeadlocksEveryCellForGood() throws Exception {
    Policy hostile = Policy.builder().allowWrite(writable).timeout(Duration.ofSeconds(2)).build();
    try (Cell attacker = Cell.builder(hostile).create();
        Cell victim = Cell.builder(Policy.builder().timeout(Duration.ofSeconds(5)).build()).create()) {
      String victimMain = victim.loadSource("Attack.java", BENIGN);
      CompletableFuture<RunResult> attack =
          startHostile(
              attacker,
              """
              Path w = Path.of(args[0]);
              Files.writeString(w.resolve("f"), "x");
              FileAttribute<Set<PosixFilePermission>> nested = new FileAttribute<>() {
                public String name() {
                  try { Files.move(w.resolve("f"), w.resolve("g")); } catch (IOException e) { }
                  return "posix:permissions";
                }
                public Set<PosixFilePermission> value() {
                  return PosixFilePermissions.fromString("rwx------");
                }
              };
              Files.writeString(w.resolve("inside-the-lock"), "now");
              Files.createDirectory(w.resolve("d"), nested);
              """);
      RunResult hostileResult = attack.get(60, TimeUnit.SECONDS);
      RunResult benign = victim.run(victimMain);

      assertThat(benign.status())
          .as("a cell that ran after the hostile one ended: " + hostileResult + " / " + benign)
          .isEqualTo(RunStatus.COMPLETED);
    }
  }
}
