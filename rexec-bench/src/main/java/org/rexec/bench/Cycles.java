package org.rexec.bench;

import org.rexec.Cell;
import org.rexec.Policy;
import org.rexec.RunResult;
import org.rexec.RunStatus;
import org.rexec.compile.CompileCache;
import org.rexec.rewrite.RewriteCache;

/**
 * The full cycle of one run in a warm supervisor, as a user of the library writes it: create
 * the cell, load the program, run it (its classes are rewritten and defined on first use),
 * collect the result, close the cell. Shared by the JMH benchmarks and the side-by-side
 * comparison.
 */
final class Cycles {

  static final Policy POLICY = Policy.defaults();

  private Cycles() {}

  /**
   * One cycle of a precompiled program. With {@code coldRewriteCache} the cell gets an empty
   * rewrite cache of its own, so every class is rewritten; otherwise it uses the JVM's shared
   * cache, which the first cycle fills.
   */
  static RunResult precompiled(Workload workload, boolean coldRewriteCache) {
    Cell.Builder builder = Cell.builder(POLICY);
    if (coldRewriteCache) {
      builder.rewriteCache(new RewriteCache(RewriteCache.DEFAULT_MAX_BYTES));
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
   * before) unless {@code compileCache} holds it, then run as above with the shared rewrite
   * cache.
   */
  static RunResult fromSource(Workload workload, CompileCache compileCache) {
    try (Cell cell = Cell.builder(POLICY).compileCache(compileCache).create()) {
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
    return "rewrite cache " + RewriteCache.shared().statistics()
        + "; compile cache " + CompileCache.shared().statistics();
  }
}
