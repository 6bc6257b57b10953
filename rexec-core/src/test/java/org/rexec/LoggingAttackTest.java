package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile program tries to reach the JVM's logging through java.util.logging: the host's
 * loggers, handlers, levels and standard error stay as they were, another cell's logging is
 * untouched, and what the cell logs goes to its own streams.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class LoggingAttackTest {

  private static final Policy POLICY = Policy.builder().timeout(Duration.ofSeconds(20)).build();

  private static RunResult run(Policy policy, String source) {
    String name = source.substring(source.indexOf("class ") + 6).split("[ {]")[0];
    return Programs.run(policy, name + ".java", source);
  }

  /** Runs {@code action} with the JVM's System.err captured; returns what was written there. */
  private static <T> T capturingJvmErr(Supplier<T> action, ByteArrayOutputStream captured) {
    PrintStream jvmErr = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      return action.get();
    } finally {
      System.setErr(jvmErr);
    }
  }

  @Test
  void changingEveryLoggerItCanReachLeavesTheHostsLoggingAsItWas() {
    Logger hostRoot = Logger.getLogger("");
    Logger hostShared = Logger.getLogger("shared.name");
    Level rootLevel = hostRoot.getLevel();
    List<Handler> rootHandlers = List.of(hostRoot.getHandlers());
    Level sharedLevel = hostShared.getLevel();
    ByteArrayOutputStream jvmErr = new ByteArrayOutputStream();
    RunResult result =
        capturingJvmErr(
            () ->
                run(
                    POLICY,
                    """
                    import java.util.logging.*;
                    public class Hijack {
                      public static void main(String[] args) {
                        for (String name : new String[] {"", "global", "shared.name", "java.lang"}) {
                          Logger logger = Logger.getLogger(name);
                          for (Handler h : logger.getHandlers()) { h.close(); logger.removeHandler(h); }
                          logger.setLevel(Level.OFF);
                          logger.addHandler(new StreamHandler(System.out, new SimpleFormatter()));
                          Logger up = logger;
                          while (up.getParent() != null) up = up.getParent();
                          up.setLevel(Level.OFF);
                          System.out.println("top of " + name + " is '" + up.getName() + "'");
                        }
                        try { LogManager.getLogManager().reset(); }
                        catch (SecurityException e) { System.out.println(e.getMessage()); }
                        Logger.getGlobal().setLevel(Level.OFF);
                        Logger.getAnonymousLogger().getParent().setLevel(Level.OFF);
                      }
                    }
                    """),
            jvmErr);
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout())
        .contains("top of shared.name is ''")
        .contains("LogManager.getLogManager")
        .contains("(rule: allow-list)");
    assertThat(hostRoot.getLevel()).isEqualTo(rootLevel);
    assertThat(hostRoot.getHandlers()).containsExactlyElementsOf(rootHandlers);
    assertThat(hostShared.getLevel()).isEqualTo(sharedLevel);
    assertThat(hostShared.getHandlers()).isEmpty();
    assertThat(Logger.getGlobal().getLevel()).isNotEqualTo(Level.OFF);
    assertThat(jvmErr.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void oneCellsLoggingConfigurationDoesNotReachAnother() {
    String source =
        """
        import java.util.logging.*;
        public class Configure {
          public static void main(String[] args) {
            Logger root = Logger.getLogger("");
            System.out.println("root " + root.getLevel() + " handlers " + root.getHandlers().length);
            Logger.getLogger("app").info("hello from " + args[0]);
            if (args[0].equals("first")) {
              root.setLevel(Level.OFF);
              root.addHandler(new StreamHandler(System.out, new SimpleFormatter()));
            }
          }
        }
        """;
    try (Cell first = Cell.create(POLICY);
        Cell second = Cell.create(POLICY)) {
      RunResult one = first.run(first.loadSource("Configure.java", source), "first");
      RunResult two = second.run(second.loadSource("Configure.java", source), "second");
      assertThat(one.stdout()).isEqualTo("root INFO handlers 1\n");
      assertThat(one.stderr()).contains("INFO: hello from first");
      assertThat(two.stdout()).isEqualTo("root INFO handlers 1\n");
      assertThat(two.stderr()).contains("INFO: hello from second");
    }
  }

  @Test
  void whatTheCellLogsAndItsHandlersFailuresGoToItsStandardErrorNeverTheJvms() {
    ByteArrayOutputStream jvmErr = new ByteArrayOutputStream();
    RunResult result =
        capturingJvmErr(
            () ->
                run(
                    POLICY,
                    """
                    import java.util.logging.*;
                    public class Noisy {
                      static class Broken extends Formatter {
                        public String format(LogRecord r) { throw new IllegalStateException("bad format"); }
                      }
                      static class Redirecting extends ConsoleHandler {
                        Redirecting() { setOutputStream(System.out); }
                      }
                      public static void main(String[] args) {
                        Logger logger = Logger.getLogger("noisy");
                        logger.warning("a warning");
                        for (int i = 0; i < 1000; i++) {
                          ConsoleHandler broken = new ConsoleHandler();
                          broken.setFormatter(new Broken());
                          Logger.getLogger("b" + (i % 10)).addHandler(broken);
                          Logger.getLogger("b" + (i % 10)).severe("x");
                          StreamHandler stream = new StreamHandler(System.out, new Broken());
                          stream.publish(new LogRecord(Level.SEVERE, "y"));
                          new ErrorManager().error("direct", null, ErrorManager.GENERIC_FAILURE);
                        }
                        Logger redirected = Logger.getLogger("redirected");
                        redirected.setUseParentHandlers(false);
                        redirected.addHandler(new Redirecting());
                        redirected.info("to stdout");
                        System.err.println("stderr still open");
                      }
                    }
                    """),
            jvmErr);
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stderr())
        .contains("WARNING: a warning")
        .contains("java.util.logging.ErrorManager: 5")
        .contains("java.lang.IllegalStateException: bad format")
        .contains("java.util.logging.ErrorManager: 0: direct")
        .contains("stderr still open");
    assertThat(result.stdout()).contains("INFO: to stdout");
    assertThat(jvmErr.toString(StandardCharsets.UTF_8)).isEmpty();
    // The JVM's standard error is still open.
    System.err.print("");
    assertThat(System.err.checkError()).isFalse();
  }

  @Test
  void aLogFileIsRefusedAndNotCreated(@TempDir Path directory) {
    Path target = directory.resolve("escape.log");
    RunResult result =
        run(
            Policy.builder().timeout(Duration.ofSeconds(20)).build(),
            """
            import java.util.logging.*;
            public class LogFile {
              public static void main(String[] args) throws Exception {
                Logger.getLogger("f").addHandler(new FileHandler("%s"));
                Logger.getLogger("f").severe("written");
              }
            }
            """
                .formatted(target.toString().replace("\\", "\\\\")));
    assertThat(result.status()).isEqualTo(RunStatus.EXCEPTION);
    assertThat(result.stderr()).contains("java.util.logging.FileHandler").contains("allow-list");
    assertThat(Files.exists(target)).isFalse();
  }

  @Test
  void customLevelsLoggerSubclassesAndBundlesAreRefused() {
    for (String attempt :
        new String[] {
          "new Level(\"MINE\", 850) {}",
          "new Logger(\"mine\", null) {}",
          "Logger.getLogger(\"x\", \"sun.util.logging.resources.logging\")",
          "LogManager.getLogManager().getProperty(\"handlers\")",
        }) {
      RunResult result =
          run(
              POLICY,
              """
              import java.util.logging.*;
              public class Refused {
                public static void main(String[] args) throws Exception {
                  System.out.println(%s);
                }
              }
              """
                  .formatted(attempt));
      assertThat(result.status()).as(attempt).isIn(RunStatus.EXCEPTION, RunStatus.REJECTED);
      assertThat(result.violations()).as(attempt).isNotEmpty();
    }
  }

  @Test
  void aFloodOfLoggerNamesEndsAtTheCapWithARefusalNamingTheRule() {
    RunResult result =
        run(
            POLICY,
            """
            import java.util.logging.*;
            public class Flood {
              public static void main(String[] args) {
                int made = 0;
                try {
                  for (int i = 0; i < 1_000_000; i++) { Logger.getLogger("l" + i); made++; }
                } catch (SecurityException e) {
                  System.out.println(made + " " + e.getMessage());
                }
                System.out.println(Logger.getLogger("l5").getName());
              }
            }
            """);
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).startsWith("4095 ").contains("(rule: logging)").endsWith("l5\n");
  }

  /**
   * {@code Level.parse} of a number no level has makes one and registers it JVM-wide (strongly,
   * for levels of the JDK's class): another cell would find it, and a cell could fill the host's
   * heap with them, outside its own. Parsing stays within the standard levels.
   */
  @Test
  void parsingANumberRegistersNoLevelThatTheHostOrAnotherCellFinds() {
    String writer =
        """
        import java.util.logging.*;
        public class Writer {
          public static void main(String[] args) {
            for (int i = 0; i < 1_000; i++) {
              try { Level.parse("0" + (4_000_000 + i)); } catch (IllegalArgumentException e) { }
            }
            try { System.out.println(Level.parse("0" + 4_000_000).getName()); }
            catch (IllegalArgumentException e) { System.out.println("refused: " + e.getMessage()); }
            System.out.println(Level.parse("800").getName() + " " + Level.parse("FINE").intValue());
          }
        }
        """;
    String reader =
        """
        import java.util.logging.*;
        public class Reader {
          public static void main(String[] args) {
            try { System.out.println("found " + Level.parse("00" + 4_000_000).getName()); }
            catch (IllegalArgumentException e) { System.out.println("not found"); }
          }
        }
        """;
    RunResult written = run(POLICY, writer);
    assertThat(written.status()).as(written.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(written.stdout())
        .startsWith("refused: ")
        .contains("(rule: logging)")
        .endsWith("INFO 500\n");
    assertThat(run(POLICY, reader).stdout()).doesNotContain("found 04000000");
    // Nothing of the cells' is registered where the host parses levels.
    assertThat(Level.parse("0004000000").getName()).isEqualTo("0004000000");
  }

  /**
   * The JDK's {@code ConsoleHandler} constructor hands the JVM's {@code System.err} to {@code
   * setOutputStream}, a virtual call: a cell's subclass that overrides it must not receive that
   * stream (nor write on it, nor close it).
   */
  @Test
  void aConsoleHandlerSubclassOverridingSetOutputStreamNeverReceivesTheJvmsStandardError() {
    ByteArrayOutputStream jvmErr = new ByteArrayOutputStream();
    RunResult result =
        capturingJvmErr(
            () ->
                run(
                    POLICY,
                    """
                    import java.io.*;
                    import java.util.logging.*;
                    public class Grab {
                      static OutputStream got;
                      static class H extends ConsoleHandler {
                        @Override protected void setOutputStream(OutputStream out) {
                          if (got == null) got = out;
                        }
                      }
                      public static void main(String[] args) throws Exception {
                        try {
                          new H();
                        } catch (Throwable e) {
                          System.out.println("refused: " + e);
                        }
                        System.out.println("got " + (got == null ? "nothing" : "a stream"));
                        if (got != null) {
                          got.write("PWNED on the JVM's stderr\\n".getBytes());
                          got.flush();
                          got.close();
                        }
                      }
                    }
                    """),
            jvmErr);
    assertThat(jvmErr.toString(StandardCharsets.UTF_8)).doesNotContain("PWNED");
    assertThat(result.stdout())
        .as(result.stderr())
        .startsWith("refused: java.lang.SecurityException: ")
        .contains("(rule: logging)")
        .endsWith("got nothing\n");
    System.err.print("");
    assertThat(System.err.checkError()).isFalse();
  }

  /** Rexec's substitutes a cell holds (handlers, compressors) print with the JDK's names. */
  @Test
  void theSubstitutesTheCellHoldsPrintWithTheJdksClassNames() {
    RunResult result =
        run(
            POLICY,
            """
            import java.io.*;
            import java.util.logging.*;
            import java.util.zip.*;
            public class Names {
              public static void main(String[] args) {
                System.out.println(Logger.getLogger("").getHandlers()[0]);
                System.out.println(new ConsoleHandler().getErrorManager());
                System.out.println(new StreamHandler());
                System.out.println(new ErrorManager());
                System.out.println(new Deflater());
                System.out.println(new Inflater());
              }
            }
            """);
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout())
        .doesNotContain("rexec")
        .contains("java.util.logging.ConsoleHandler@")
        .contains("java.util.logging.ErrorManager@")
        .contains("java.util.logging.StreamHandler@")
        .contains("java.util.zip.Deflater@")
        .contains("java.util.zip.Inflater@");
  }
}
