/** {@link org.rexec.bug.RexecBugException}: how rexec reports its own bugs, apart from misuse. */
package org.rexec.bug;
