/**
 * Benchmarks of rexec, each measured side by side with what a user would pick instead: the same
 * code loaded plainly in the same JVM, or a fresh JVM per run. Run by {@code bench/run}; results
 * and how to read them are in {@code docs/BENCHMARKS.md}.
 */
package org.rexec.bench;
