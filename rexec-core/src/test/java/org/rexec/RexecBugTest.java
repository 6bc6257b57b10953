package org.rexec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rexec.bug.RexecBugException;
import org.rexec.runtime.CellContext;

/** A broken invariant of rexec is reported as rexec's bug, apart from the supervisor's misuse. */
class RexecBugTest {

  @Test
  void aClassNotDefinedByACellAskingForItsCellIsRexecsBug() {
    // Only the rewriter plants this call, and only in classes a cell defines.
    assertThatThrownBy(() -> CellContext.of(RexecBugTest.class))
        .isInstanceOf(RexecBugException.class)
        .isNotInstanceOf(IllegalStateException.class)
        .hasMessage("org.rexec.RexecBugTest was rewritten for a cell but not defined by one");
  }

  @Test
  void runningAClosedCellIsTheSupervisorsMistakeNotABug() {
    Cell cell = Cell.create(Policy.defaults());
    cell.close();

    assertThatThrownBy(() -> cell.run("A"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the cell is closed");
  }
}
