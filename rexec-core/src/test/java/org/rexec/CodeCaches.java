package org.rexec;

import org.rexec.compile.CompileCache;
import org.rexec.rewrite.RewriteCache;

/** For tests that look into one part of a cell's code cache. */
public final class CodeCaches {

  private CodeCaches() {}

  /** Cells given this keep their rewritten classes in {@code cache}, compile as by default. */
  public static CodeCache rewritingInto(RewriteCache cache) {
    return CodeCache.of(cache, CompileCache.shared());
  }

  /** Cells given this keep their compiled sources in {@code cache}, rewrite as by default. */
  public static CodeCache compilingInto(CompileCache cache) {
    return CodeCache.of(RewriteCache.shared(), cache);
  }
}
