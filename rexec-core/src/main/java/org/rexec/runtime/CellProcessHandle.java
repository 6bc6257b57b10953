package org.rexec.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The cell's own process, as {@code ProcessHandle.current()} shows it: process 1 of a world with
 * no other process. It tells nothing of the JVM's process (its command line, user, parent) and,
 * as for the JDK's current process, cannot be destroyed or waited for.
 */
final class CellProcessHandle implements ProcessHandle {

  static final CellProcessHandle INSTANCE = new CellProcessHandle();

  private static final Info NOTHING =
      new Info() {
        @Override
        public Optional<String> command() {
          return Optional.empty();
        }

        @Override
        public Optional<String> commandLine() {
          return Optional.empty();
        }

        @Override
        public Optional<String[]> arguments() {
          return Optional.empty();
        }

        @Override
        public Optional<Instant> startInstant() {
          return Optional.empty();
        }

        @Override
        public Optional<Duration> totalCpuDuration() {
          return Optional.empty();
        }

        @Override
        public Optional<String> user() {
          return Optional.empty();
        }

        @Override
        public String toString() {
          return "[]";
        }
      };

  private CellProcessHandle() {}

  @Override
  public long pid() {
    return 1;
  }

  @Override
  public Optional<ProcessHandle> parent() {
    return Optional.empty();
  }

  @Override
  public Stream<ProcessHandle> children() {
    return Stream.empty();
  }

  @Override
  public Stream<ProcessHandle> descendants() {
    return Stream.empty();
  }

  @Override
  public Info info() {
    return NOTHING;
  }

  @Override
  public CompletableFuture<ProcessHandle> onExit() {
    throw new IllegalStateException("onExit for current process not allowed");
  }

  @Override
  public boolean supportsNormalTermination() {
    return true;
  }

  @Override
  public boolean destroy() {
    throw new IllegalStateException("destroy of current process not allowed");
  }

  @Override
  public boolean destroyForcibly() {
    throw new IllegalStateException("destroy of current process not allowed");
  }

  @Override
  public boolean isAlive() {
    return true;
  }

  @Override
  public int compareTo(ProcessHandle other) {
    return Long.compare(pid(), other.pid());
  }

  @Override
  public String toString() {
    return "1";
  }
}
