package org.rexec.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** The machine and JDK a result was measured on, as one Markdown line. */
final class Environment {

  private Environment() {}

  /** Prints {@link #describe()}, for bench/run's shell steps. */
  public static void main(String[] args) {
    System.out.println(describe());
  }

  /** E.g. {@code 2 cores (Intel Xeon ...), 23 GiB, Linux 6.1, OpenJDK 17.0.15+6, load 1.2}. */
  static String describe() {
    Runtime runtime = Runtime.getRuntime();
    long memory =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    return String.format(
        Locale.ROOT,
        "%s, %d cores (%s), %d GiB; %s %s; %s %s; load average %s at %s",
        System.getProperty("os.arch"),
        runtime.availableProcessors(),
        cpuModel(),
        Math.round(memory / (double) (1L << 30)),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        loadAverage(),
        Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  /** The 1, 5 and 15 minute load averages, or "?" where the OS does not say. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  private static String cpuModel() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      for (String line : lines) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim().replaceAll("\\s+", " ");
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: the architecture alone.
    }
    return "unknown CPU";
  }
}
