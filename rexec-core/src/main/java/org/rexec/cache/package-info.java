/** A size-bounded cache, shared by the rewriter's and the compiler's caches: a leaf. */
package org.rexec.cache;
