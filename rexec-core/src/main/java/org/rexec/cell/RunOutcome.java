package org.rexec.cell;

import java.time.Duration;
import java.util.List;
import org.rexec.runtime.RefusalSite;
import org.rexec.runtime.StopReason;

/**
 * How one run of a cell went, as the machinery saw it: how the program ended, what it wrote,
 * what it used, what it was refused. The façade reads it once into the API's {@code RunResult},
 * which names the ending a status and bounds what the program chose (messages, thread names,
 * the number of refusals). Filled by {@link ProgramRun} only.
 */
public final class RunOutcome {

  /** How the program ended, before the façade names it a status. */
  public enum Ending {
    /** {@code main} returned and the program's threads ended. */
    COMPLETED,
    /** The program asked to exit; see {@link #exitStatus()}. */
    EXITED,
    /** An exception escaped {@code main}; see {@link #thrownType()}. */
    THREW,
    /** A class of the program was refused before anything ran; see {@link #message()}. */
    REJECTED,
    /** The run could not start (no such class or method); see {@link #message()}. */
    ERROR,
    /** The cell was stopped: a limit, a kill, a close; see {@link #stopReason()}. */
    STOPPED,
  }

  private final Ending ending;
  private StopReason stopReason;
  private int exitStatus;
  private String message;
  private String thrownType;
  private String thrownMessage;
  private String thrownTrace;
  private byte[] stdout = new byte[0];
  private byte[] stderr = new byte[0];
  private boolean outputTruncated;
  private List<RefusalSite> refusals = List.of();
  private long droppedRefusals;
  private long bytesRead;
  private long bytesWritten;
  private long allocatedBytes;
  private int peakThreads;
  private List<String> survivors = List.of();
  private Duration wallTime = Duration.ZERO;
  private Duration cpuTime = Duration.ZERO;

  private RunOutcome(Ending ending) {
    this.ending = ending;
  }

  public static RunOutcome of(Ending ending) {
    return new RunOutcome(ending);
  }

  public static RunOutcome stopped(StopReason reason, String message) {
    RunOutcome outcome = new RunOutcome(Ending.STOPPED);
    outcome.stopReason = reason;
    outcome.message = message;
    return outcome;
  }

  public static RunOutcome exited(int status) {
    RunOutcome outcome = new RunOutcome(Ending.EXITED);
    outcome.exitStatus = status;
    return outcome;
  }

  public static RunOutcome threw(String type, String message, String trace) {
    RunOutcome outcome = new RunOutcome(Ending.THREW);
    outcome.thrownType = type;
    outcome.thrownMessage = message;
    outcome.thrownTrace = trace;
    return outcome;
  }

  public RunOutcome message(String message) {
    this.message = message;
    return this;
  }

  public RunOutcome output(byte[] stdout, byte[] stderr, boolean truncated) {
    this.stdout = stdout;
    this.stderr = stderr;
    this.outputTruncated = truncated;
    return this;
  }

  public RunOutcome refusals(List<RefusalSite> refusals, long dropped) {
    this.refusals = refusals;
    this.droppedRefusals = dropped;
    return this;
  }

  public RunOutcome traffic(long bytesRead, long bytesWritten) {
    this.bytesRead = bytesRead;
    this.bytesWritten = bytesWritten;
    return this;
  }

  /** @param survivors as {@code name (STATE)}, unbounded */
  public RunOutcome threads(long allocatedBytes, int peakThreads, List<String> survivors) {
    this.allocatedBytes = allocatedBytes;
    this.peakThreads = peakThreads;
    this.survivors = survivors;
    return this;
  }

  public RunOutcome times(Duration wallTime, Duration cpuTime) {
    this.wallTime = wallTime;
    this.cpuTime = cpuTime;
    return this;
  }

  public Ending ending() {
    return ending;
  }

  /** For {@link Ending#STOPPED}: why the cell was stopped. */
  public StopReason stopReason() {
    return stopReason;
  }

  /** For {@link Ending#EXITED}: the status the program passed. */
  public int exitStatus() {
    return exitStatus;
  }

  /** What was wrong or which limit ended the run, unbounded; null if nothing is to be said. */
  public String message() {
    return message;
  }

  /** For {@link Ending#THREW}: the class of what escaped, bounded by the runtime. */
  public String thrownType() {
    return thrownType;
  }

  /** For {@link Ending#THREW}: its message, or null; bounded by the runtime. */
  public String thrownMessage() {
    return thrownMessage;
  }

  /** For {@link Ending#THREW}: its stack trace as the JVM prints it; bounded by the runtime. */
  public String thrownTrace() {
    return thrownTrace;
  }

  /** The bytes the program wrote to {@code System.out}; not copied. */
  public byte[] stdout() {
    return stdout;
  }

  /** The bytes the program wrote to {@code System.err}; not copied. */
  public byte[] stderr() {
    return stderr;
  }

  public boolean outputTruncated() {
    return outputTruncated;
  }

  /** The refusals of the run, in order, as many as the cell's audit log kept. */
  public List<RefusalSite> refusals() {
    return refusals;
  }

  /** How many more refusals the run had than {@link #refusals()} holds. */
  public long droppedRefusals() {
    return droppedRefusals;
  }

  public long bytesRead() {
    return bytesRead;
  }

  public long bytesWritten() {
    return bytesWritten;
  }

  public long allocatedBytes() {
    return allocatedBytes;
  }

  public int peakThreads() {
    return peakThreads;
  }

  /** The threads still alive when the run returned, as {@code name (STATE)}, unbounded. */
  public List<String> survivors() {
    return survivors;
  }

  public Duration wallTime() {
    return wallTime;
  }

  public Duration cpuTime() {
    return cpuTime;
  }
}
