/**
 * The rewriter: the load-time transformation of untrusted class files.
 *
 * <p>{@link org.rexec.rewrite.Rewriter} runs one pass of small ASM visitors, each with one job,
 * in the order its javadoc gives; {@link org.rexec.rewrite.RewriteCache} keeps rewritten bytes
 * so that a library is transformed once for many cells.
 */
package org.rexec.rewrite;
