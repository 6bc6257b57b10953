/**
 * What rexec knows about the JDK: one small class per kind of knowledge, each an immutable
 * table with the reason it exists. The rewriter's visitors only read these tables; teaching
 * rexec about a JDK member is one edit in one of them, and {@code JdkCatalogueTest} checks that
 * every member a table names exists, with that exact descriptor, in the JDK the test runs on.
 *
 * <p>Two kinds of JDK knowledge live elsewhere, each in its one home with its own test: the
 * allow-list ({@code org/rexec/policy/default-allow-list.txt}, {@code DefaultAllowListTest}) and
 * the interpositions, declared by signature on the shims ({@code org.rexec.runtime.Shims},
 * {@code InterpositionsTest}).
 *
 * <p>This package depends on no other package of rexec: it is data about the JDK, below every
 * layer that reads it.
 */
package org.rexec.jdk;
