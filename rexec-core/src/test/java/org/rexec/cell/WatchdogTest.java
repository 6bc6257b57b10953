package org.rexec.cell;

import org.rexec.Cell;
import org.rexec.Policy;
import org.rexec.RunResult;
import org.rexec.RunStatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rexec.bug.RexecBugException;

/** The watchdog's lifetime and how it survives its own failures (see the Watchdog comment). */
class WatchdogTest {

  private static final Duration PATIENCE = Duration.ofSeconds(5);

  // System.Logger goes to java.util.logging when no other backend is installed, as in tests.
  private final Logger logger = Logger.getLogger(Watchdog.class.getName());
  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureTheLog() {
    logger.addHandler(capture);
    logger.setUseParentHandlers(false);
    logger.setLevel(Level.ALL);
  }

  @AfterEach
  void restoreTheLog() {
    logger.removeHandler(capture);
    logger.setUseParentHandlers(true);
    logger.setLevel(null);
  }

  @Test
  void theThreadRunsWhileARunIsWatchedAndEndsWhenNoneIs() {
    Counting run = new Counting(null);
    Watchdog.watch(run);
    Thread watchdog = Watchdog.thread().orElseThrow();
    awaitTrue(() -> run.samples.get() >= 2);

    Watchdog.unwatch(run);

    awaitTrue(() -> !watchdog.isAlive());
    assertThat(Watchdog.thread()).isEmpty();
  }

  @Test
  void noWatchdogThreadOutlivesTheLastCellsRun() {
    try (Cell cell = Cell.create(Policy.defaults())) {
      RunResult result =
          cell.run(
              cell.loadSource(
                  "Spin.java",
                  "public class Spin { public static void main(String[] a) throws Exception {"
                      + " Thread.sleep(50); } }"));
      assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    }

    awaitTrue(() -> Watchdog.thread().isEmpty() && !watchdogThreadAlive());
  }

  @Test
  void anErrorOnTheWatchdogThreadIsLoggedAndANewThreadReplacesIt() {
    StackOverflowError overflow = new StackOverflowError("simulated on the watchdog thread");
    Counting run = new Counting(overflow);
    Watchdog.watch(run);
    Thread first = Watchdog.thread().orElseThrow();
    try {
      awaitTrue(() -> !first.isAlive());
      // The error was not swallowed: it ended the thread, and it is in the log.
      awaitTrue(() -> !logged.isEmpty());
      LogRecord record = logged.get(0);
      assertThat(record.getLevel()).isEqualTo(Level.SEVERE);
      assertThat(record.getThrown()).isSameAs(overflow);
      assertThat(record.getMessage()).contains("a new one replaced it");
      // ... and the run is still watched, by another thread.
      int before = run.samples.get();
      awaitTrue(() -> run.samples.get() > before + 1);
      assertThat(Watchdog.thread()).get().isNotSameAs(first);
    } finally {
      Watchdog.unwatch(run);
    }
    awaitTrue(() -> Watchdog.thread().isEmpty());
  }

  @Test
  void aFullHeapOnTheWatchdogThreadIsLoggedAtDebugAndTheThreadCarriesOn() {
    // A cell can fill the shared heap: expected, so the thread that stops it carries on, and
    // the error is logged at DEBUG (FINE), not on the supervisor's standard error.
    OutOfMemoryError heapFull = new OutOfMemoryError("simulated on the watchdog thread");
    Counting run = new Counting(heapFull);
    Watchdog.watch(run);
    Thread watchdog = Watchdog.thread().orElseThrow();
    try {
      awaitTrue(() -> !logged.isEmpty());
      assertThat(logged.get(0).getLevel()).isEqualTo(Level.FINE);
      assertThat(logged.get(0).getThrown()).isSameAs(heapFull);
      int before = run.samples.get();
      awaitTrue(() -> run.samples.get() > before + 1);
      assertThat(Watchdog.thread()).containsSame(watchdog);
    } finally {
      Watchdog.unwatch(run);
    }
    awaitTrue(() -> Watchdog.thread().isEmpty());
  }

  @Test
  void aRuntimeExceptionFromSamplingIsRexecsBugAndStopsOnlyThatRun() {
    IllegalStateException broken = new IllegalStateException("broken sampling");
    Counting failing = new Counting(broken);
    Counting healthy = new Counting(null);
    Watchdog.watch(healthy);
    Watchdog.watch(failing);
    Thread watchdog = Watchdog.thread().orElseThrow();
    try {
      awaitTrue(() -> failing.failure.get() != null);
      assertThat(failing.failure.get()).isInstanceOf(RexecBugException.class).hasCause(broken);
      assertThat(logged)
          .anySatisfy(record -> assertThat(record.getThrown()).isSameAs(failing.failure.get()));
      int before = healthy.samples.get();
      awaitTrue(() -> healthy.samples.get() > before + 1);
      assertThat(watchdog.isAlive()).isTrue();
      // The failing run is no longer sampled: once told, it is stopped.
      assertThat(failing.samples.get()).isEqualTo(1);
    } finally {
      Watchdog.unwatch(healthy);
      Watchdog.unwatch(failing);
    }
    awaitTrue(() -> Watchdog.thread().isEmpty());
  }

  private static boolean watchdogThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(thread -> thread.getName().equals("rexec-watchdog") && thread.isAlive());
  }

  private static void awaitTrue(BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited %s", PATIENCE).isLessThan(deadline);
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** A watched run that counts its samples and throws {@code firstSample} from its first. */
  private static final class Counting implements Watchdog.Watched {
    final AtomicInteger samples = new AtomicInteger();
    final AtomicReference<RexecBugException> failure = new AtomicReference<>();
    private final Optional<Throwable> firstSample;

    Counting(Throwable firstSample) {
      this.firstSample = Optional.ofNullable(firstSample);
    }

    @Override
    public void sample() {
      if (samples.incrementAndGet() == 1 && firstSample.isPresent()) {
        Throwable thrown = firstSample.get();
        if (thrown instanceof Error error) {
          throw error;
        }
        throw (RuntimeException) thrown;
      }
    }

    @Override
    public void samplingFailed(RexecBugException bug) {
      failure.set(bug);
    }
  }
}
