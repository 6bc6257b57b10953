package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;
import static org.rexec.runtime.Interposes.Kind.VIRTUAL_METHOD;

import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringTokenizer;
import java.util.stream.Stream;
import org.rexec.fs.StackTraces;
import org.rexec.policy.Rule;

/**
 * Processes and native code: a cell starts no process, sees none, destroys none, and loads no
 * native library. The refusals are the JDK's own exceptions for these failures.
 */
public final class ProcessShim {


  private ProcessShim() {}

  /** What {@code Runtime.exec} throws when the OS refuses: the program and the reason. */
  private static IOException cannotRun(CellContext cell, String program) {
    RefusalSite site = Refusals.record(cell, "exec", program, Rule.PROCESSES);
    return StackTraces.forCell(new IOException("Cannot run program \"" + program
        + "\": Permission denied (rule: " + site.rule() + ")"));
  }

  private static String program(String command) {
    StringTokenizer tokens = new StringTokenizer(Receivers.require(command));
    if (!tokens.hasMoreTokens()) {
      throw StackTraces.forCell(new IllegalArgumentException("Empty command"));
    }
    return tokens.nextToken();
  }

  private static String program(String[] command) {
    if (Receivers.require(command).length == 0) {
      throw StackTraces.forCell(new IndexOutOfBoundsException("empty command"));
    }
    return String.valueOf(command[0]);
  }

  @Interposes(owner = Runtime.class, kind = VIRTUAL_METHOD, refuses = Rule.PROCESSES)
  public static Process exec(Runtime runtime, String command, CellContext cell)
      throws IOException {
    throw cannotRun(cell, program(command));
  }

  @Interposes(owner = Runtime.class, kind = VIRTUAL_METHOD, refuses = Rule.PROCESSES)
  public static Process exec(Runtime runtime, String command, String[] environment, CellContext cell)
      throws IOException {
    throw cannotRun(cell, program(command));
  }

  @Interposes(owner = Runtime.class, kind = VIRTUAL_METHOD, refuses = Rule.PROCESSES)
  public static Process exec(
      Runtime runtime, String command, String[] environment, File directory, CellContext cell)
      throws IOException {
    throw cannotRun(cell, program(command));
  }

  @Interposes(owner = Runtime.class, kind = VIRTUAL_METHOD, refuses = Rule.PROCESSES)
  public static Process exec(Runtime runtime, String[] command, CellContext cell)
      throws IOException {
    throw cannotRun(cell, program(command));
  }

  @Interposes(owner = Runtime.class, kind = VIRTUAL_METHOD, refuses = Rule.PROCESSES)
  public static Process exec(
      Runtime runtime, String[] command, String[] environment, CellContext cell)
      throws IOException {
    throw cannotRun(cell, program(command));
  }

  @Interposes(owner = Runtime.class, kind = VIRTUAL_METHOD, refuses = Rule.PROCESSES)
  public static Process exec(
      Runtime runtime, String[] command, String[] environment, File directory, CellContext cell)
      throws IOException {
    throw cannotRun(cell, program(command));
  }

  @Interposes(owner = ProcessBuilder.class, kind = VIRTUAL_METHOD, refuses = Rule.PROCESSES)
  public static Process start(ProcessBuilder builder, CellContext cell) throws IOException {
    List<String> command = Receivers.require(builder).command();
    if (command.isEmpty()) {
      throw StackTraces.forCell(new IndexOutOfBoundsException("empty command"));
    }
    throw cannotRun(cell, String.valueOf(command.get(0)));
  }

  @Interposes(owner = ProcessBuilder.class, kind = STATIC_METHOD, refuses = Rule.PROCESSES)
  public static List<Process> startPipeline(List<ProcessBuilder> builders, CellContext cell)
      throws IOException {
    List<String> command = Receivers.require(builders).isEmpty()
        ? List.of("")
        : builders.get(0).command();
    throw cannotRun(cell, command.isEmpty() ? "" : command.get(0));
  }

  /** A new process would inherit the cell's environment, not the JVM's. */
  @Interposes(owner = ProcessBuilder.class, kind = VIRTUAL_METHOD)
  public static Map<String, String> environment(ProcessBuilder builder, CellContext cell) {
    Receivers.require(builder);
    return new HashMap<>(cell.environment());
  }

  @Interposes(owner = ProcessHandle.class, member = "current", kind = STATIC_METHOD)
  public static ProcessHandle currentProcess(CellContext cell) {
    return CellProcessHandle.INSTANCE;
  }

  @Interposes(owner = ProcessHandle.class, member = "of", kind = STATIC_METHOD)
  public static Optional<ProcessHandle> processOf(long pid, CellContext cell) {
    return pid == CellProcessHandle.INSTANCE.pid()
        ? Optional.of(CellProcessHandle.INSTANCE)
        : Optional.empty();
  }

  @Interposes(owner = ProcessHandle.class, member = "allProcesses", kind = STATIC_METHOD)
  public static Stream<ProcessHandle> allProcesses(CellContext cell) {
    return Stream.of(CellProcessHandle.INSTANCE);
  }

  /** What the JDK throws when a library cannot be loaded, naming the rule. */
  private static UnsatisfiedLinkError noNativeCode(CellContext cell, String library) {
    RefusalSite site = Refusals.record(cell, "load", library, Rule.NATIVE_CODE);
    return StackTraces.forCell(new UnsatisfiedLinkError(
        "Can't load library: " + library + " (rule: " + site.rule() + ")"));
  }

  @Interposes(owner = System.class, kind = STATIC_METHOD, refuses = Rule.NATIVE_CODE)
  public static void load(String file, CellContext cell) {
    throw noNativeCode(cell, Receivers.require(file));
  }

  @Interposes(owner = System.class, kind = STATIC_METHOD, refuses = Rule.NATIVE_CODE)
  public static void loadLibrary(String name, CellContext cell) {
    throw noNativeCode(cell, Receivers.require(name));
  }

  @Interposes(owner = Runtime.class, kind = VIRTUAL_METHOD, refuses = Rule.NATIVE_CODE)
  public static void load(Runtime runtime, String file, CellContext cell) {
    throw noNativeCode(cell, Receivers.require(file));
  }

  @Interposes(owner = Runtime.class, kind = VIRTUAL_METHOD, refuses = Rule.NATIVE_CODE)
  public static void loadLibrary(Runtime runtime, String name, CellContext cell) {
    throw noNativeCode(cell, Receivers.require(name));
  }
}
