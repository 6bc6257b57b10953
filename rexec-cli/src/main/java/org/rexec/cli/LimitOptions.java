package org.rexec.cli;


import org.rexec.Policy;
import org.rexec.policy.Limits;
import picocli.CommandLine.Option;

/** The options that bound a run: time, CPU, memory, threads, output and stack. */
final class LimitOptions {

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "Stop the run after this much wall time (default: 10s). Exit status 124.")
  String timeout;

  @Option(
      names = "--cpu",
      paramLabel = "DURATION",
      description = "Stop the run after this much CPU time, all its threads together"
          + " (default: 10s). Exit status 124.")
  String cpu;

  @Option(
      names = "--memory",
      paramLabel = "SIZE",
      description = "Stop the run once its threads have allocated this much, garbage included"
          + " (default: 1g). Exit status 123.")
  String memory;

  @Option(
      names = "--max-allocation",
      paramLabel = "SIZE",
      description = "Refuse any single allocation the program sizes (an array, a"
          + " collection's capacity, a String.repeat) beyond this (default: 256m, at most"
          + " --memory).")
  String maxAllocation;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Let the program have up to N threads alive at once besides main (default: 0)."
          + " Exit status 121 past it.")
  Integer threads;

  @Option(
      names = "--output",
      paramLabel = "SIZE",
      description = "Stop the run once it wrote this much to stdout and stderr together"
          + " (default: 4m). Exit status 120.")
  String output;

  @Option(
      names = "--stack",
      paramLabel = "SIZE",
      description = "The stack size of each of the program's threads (default: 8m). A stack"
          + " overflow ends the run with exit status 122.")
  String stack;

  /** Sets the limits given on {@code policy}; the others stay as they are. */
  void apply(Policy.Builder policy) {
    if (timeout != null) {
      policy.timeout(Units.duration("--timeout", timeout));
    }
    if (cpu != null) {
      policy.cpuTime(Units.duration("--cpu", cpu));
    }
    if (memory != null) {
      policy.memory(Units.bytes("--memory", memory));
    }
    if (maxAllocation != null) {
      policy.maxAllocation(Units.bytes("--max-allocation", maxAllocation));
    }
    if (threads != null) {
      if (threads < 0) {
        throw new UserError("--threads: must be 0 or more, was " + threads);
      }
      policy.threads(threads);
    }
    if (output != null) {
      policy.output(Units.bytes("--output", output));
    }
    if (stack != null) {
      long bytes = Units.bytes("--stack", stack);
      if (bytes < Limits.MIN_STACK_BYTES) {
        throw new UserError(
            "--stack: at least " + (Limits.MIN_STACK_BYTES >> 10) + "k, was '" + stack + "'");
      }
      policy.stack(bytes);
    }
  }
}
