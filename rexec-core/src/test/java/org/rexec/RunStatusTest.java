package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rexec.runtime.StopReason;

/** The one mapping from how a run ended to its status and exit code, as the README documents. */
class RunStatusTest {

  @Test
  void eachStatusHasTheDocumentedExitCode() {
    Map<RunStatus, Integer> documented = new EnumMap<>(RunStatus.class);
    documented.put(RunStatus.COMPLETED, 0);
    documented.put(RunStatus.EXCEPTION, 1);
    documented.put(RunStatus.ERROR, 2);
    documented.put(RunStatus.OUTPUT_LIMIT, 120);
    documented.put(RunStatus.THREAD_LIMIT, 121);
    documented.put(RunStatus.STACK, 122);
    documented.put(RunStatus.MEMORY_LIMIT, 123);
    documented.put(RunStatus.TIMEOUT, 124);
    documented.put(RunStatus.CPU_LIMIT, 124);
    documented.put(RunStatus.REJECTED, 126);
    documented.put(RunStatus.KILLED, 137);

    documented.forEach(
        (status, code) -> assertThat(status.exitCode()).as(status.label()).isEqualTo(code));
  }

  @Test
  void everyStopReasonEndsARunWithItsStatus() {
    Map<StopReason, RunStatus> expected = new EnumMap<>(StopReason.class);
    expected.put(StopReason.TIMEOUT, RunStatus.TIMEOUT);
    expected.put(StopReason.CPU_LIMIT, RunStatus.CPU_LIMIT);
    expected.put(StopReason.MEMORY_LIMIT, RunStatus.MEMORY_LIMIT);
    expected.put(StopReason.THREAD_LIMIT, RunStatus.THREAD_LIMIT);
    expected.put(StopReason.OUTPUT_LIMIT, RunStatus.OUTPUT_LIMIT);
    expected.put(StopReason.STACK, RunStatus.STACK);
    expected.put(StopReason.KILLED, RunStatus.KILLED);
    expected.put(StopReason.CLOSED, RunStatus.KILLED);

    assertThat(expected.keySet()).containsExactlyInAnyOrder(StopReason.values());
    expected.forEach((reason, status) -> assertThat(RunStatus.after(reason)).isEqualTo(status));
  }
}
