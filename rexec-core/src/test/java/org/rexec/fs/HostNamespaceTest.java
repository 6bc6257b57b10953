package org.rexec.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The namespace lock is JVM-wide: one left held would stop every cell's renames and deletes for
 * good. Threads overflow their stacks at many depths inside its sections; each time the lock
 * must be free afterwards.
 */
class HostNamespaceTest {

  private static int dive(int depth, long[] padding) throws Exception {
    HostNamespace.using(held -> padding[0]++);
    HostNamespace.changing(held -> padding[0]++);
    return dive(depth + 1, padding) + 1;
  }

  @Test
  void aStackOverflowAtAnyDepthLeavesTheLockFree() throws Exception {
    ExecutorService checker = Executors.newSingleThreadExecutor();
    try {
      for (int attempt = 0; attempt < 400; attempt++) {
        long stack = 96 * 1024 + attempt * 88L;
        Thread diver =
            new Thread(
                null,
                () -> {
                  try {
                    dive(0, new long[1]);
                  } catch (StackOverflowError expected) {
                    // Where it struck is what varies.
                  } catch (Exception unexpected) {
                    throw new AssertionError(unexpected);
                  }
                },
                "diver",
                stack);
        diver.start();
        diver.join();
        CompletableFuture<Integer> change =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return HostNamespace.changing(held -> 1);
                  } catch (java.io.IOException impossible) {
                    throw new AssertionError(impossible);
                  }
                },
                checker);
        assertThat(change.get(10, TimeUnit.SECONDS)).as("attempt %d", attempt).isEqualTo(1);
      }
    } finally {
      checker.shutdownNow();
    }
  }
}
