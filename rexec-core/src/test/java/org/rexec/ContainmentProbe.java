package org.rexec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Run in a child JVM by {@link ContainmentTest}: runs programs, each in a fresh cell several
 * times, and prints for each run its status, and the threads of the run alive when it returned
 * and the CPU they used over the next 100 ms.
 *
 * <p>Arguments: pairs of {@code runs:memoryMiB:threads:cpuMillis:wallMillis} and a program's
 * source.
 */
final class ContainmentProbe {

  public static void main(String[] args) throws Exception {
    // Compiled once before any program hoards the heap, into the JVM-wide compile cache: what
    // is probed is the cells and the watchdog after the heap ran out, not whether javac still
    // fits in what is left of a small heap (it sometimes did not, and produced no classes).
    for (int program = 0; program < args.length; program += 2) {
      try (Cell cell = Cell.create(Policy.defaults())) {
        cell.loadSource(mainClassOf(args[program + 1]) + ".java", args[program + 1]);
      }
    }
    for (int program = 0; program < args.length; program += 2) {
      String[] settings = args[program].split(":");
      Policy policy =
          Policy.builder()
              .memory(Long.parseLong(settings[1]) << 20)
              .threads(Integer.parseInt(settings[2]))
              .cpuTime(Duration.ofMillis(Long.parseLong(settings[3])))
              .timeout(Duration.ofMillis(Long.parseLong(settings[4])))
              .build();
      for (int run = 0; run < Integer.parseInt(settings[0]); run++) {
        runOnce(policy, args[program + 1]);
      }
    }
  }

  private static void runOnce(Policy policy, String source) throws Exception {
    String name = mainClassOf(source);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    try (Cell cell = Cell.create(policy)) {
      RunResult result = cell.run(cell.loadSource(name + ".java", source));
      List<Thread> alive = CellThreadsSeen.aliveSince(before);
      long[] cpuBefore = cpu(mx, alive);
      Thread.sleep(100);
      long[] cpuAfter = cpu(mx, alive);
      long cpu = 0;
      for (int t = 0; t < alive.size(); t++) {
        cpu += Math.max(0, cpuAfter[t] - cpuBefore[t]);
      }
      System.out.println(
          name + ": status=" + result.status() + " contained=" + result.contained() + " alive="
              + alive.size() + " cpu=" + cpu);
    }
  }

  private static String mainClassOf(String source) {
    return source.substring(source.indexOf("class ") + 6).split("[ {]")[0];
  }

  private static long[] cpu(ThreadMXBean mx, List<Thread> threads) {
    long[] cpu = new long[threads.size()];
    for (int i = 0; i < cpu.length; i++) {
      // -1 once the thread has ended: it used nothing more.
      cpu[i] = Math.max(0, mx.getThreadCpuTime(threads.get(i).getId()));
    }
    return cpu;
  }
}
