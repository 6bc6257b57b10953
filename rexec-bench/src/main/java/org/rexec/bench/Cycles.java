package org.rexec.bench;

import org.rexec.Cell;
import org.rexec.CodeCache;
import org.rexec.Policy;
import org.rexec.RunResult;
import org.rexec.RunStatus;

/**
 * The full cycle of one run in a warm supervisor, as a user of the library writes it: create
 * the cell, load the program, run it (its classes are rewritten and defined on first use),
 * collect the result, close the cell. Shared by the JMH benchmarks and the side-by-side
 * comparison.
 */
final class Cycles {

  static final Policy POLICY = Policy.defaults();

  /** A cache that keeps rewritten classes but no compilations, so every cycle runs javac. */
  static final CodeCache COMPILING = CodeCache.bounded(CodeCache.DEFAULT_REWRITTEN_BYTES, 0);

  private Cycles() {}

  /**
   * One cycle of a precompiled program. With {@code coldRewriteCache} the cell gets an empty
   * code cache of its own, so every class is rewritten; otherwise it uses the JVM's shared
   * cache, which the first cycle fills.
   */
  static RunResult precompiled(Workload workload, boolean coldRewriteCache) {
    Cell.Builder builder = Cell.builder(POLICY);
    if (coldRewriteCache) {
      builder.codeCache(
          CodeCache.bounded(CodeCache.DEFAULT_REWRITTEN_BYTES, CodeCache.DEFAULT_COMPILED_BYTES));
    }
    try (Cell cell = builder.create()) {
      for (byte[] classFile : workload.classFiles().values()) {
        cell.loadClassFile(classFile);
      }
      return check(workload, cell.run(workload.mainClass()));
    }
  }

  /**
   * One cycle from source: compiled in memory by javac (warm: the supervisor has compiled
   * before) unless {@code cache} holds it, then rewritten (or found rewritten) in the same
   * cache and run as above. {@link #COMPILING} holds no compilations: javac runs every cycle.
   */
  static RunResult fromSource(Workload workload, CodeCache cache) {
    try (Cell cell = Cell.builder(POLICY).codeCache(cache).create()) {
      String main = cell.loadSource(workload.fileName(), workload.source());
      return check(workload, cell.run(main));
    }
  }

  private static RunResult check(Workload workload, RunResult result) {
    if (result.status() != RunStatus.COMPLETED || !result.stdout().equals(workload.expectedOutput())) {
      throw new IllegalStateException(workload + " did not run as expected: " + result
          + "\n" + result.stdout() + result.stderr());
    }
    return result;
  }

  /** Warms up one workload's sides, so that a benchmark measures a warm supervisor. */
  static void warmUp(Workload workload, int cycles) {
    for (int i = 0; i < cycles; i++) {
      precompiled(workload, false);
      precompiled(workload, true);
    }
  }

  /** For the record: the shared caches' counters. */
  static String cacheStatistics() {
    return CodeCache.shared().statistics();
  }
}
