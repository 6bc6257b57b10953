/**
 * The runtime: the small, audited code that rewritten cell classes call.
 *
 * <p>This is the only package of rexec that a cell's class loader can see. Untrusted code may
 * not reference it (the rewriter refuses such classes); only the instructions the rewriter plants
 * call into it: {@link org.rexec.runtime.Guards} (kill checks, handler guards, refusals) and the
 * shims, static methods that stand in for interposed JDK members and receive the calling class's
 * {@link org.rexec.runtime.CellContext} as their last argument.
 *
 * <p>Nothing here is API for supervisors; use {@code org.rexec.Cell}.
 */
package org.rexec.runtime;
