package org.rexec.bench;

import java.io.IOException;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rexec.Cell;

/**
 * Issue 5, figure 5: heap and metaspace held by idle cells, each with the hello-world program
 * loaded and run once (so its class is rewritten, defined and initialized), measured after full
 * collections as the growth over the empty supervisor. Side by side: the same class defined
 * by a plain class loader per instance, the least any loader-per-program design holds.
 *
 * <p>Run in its own JVM, so that nothing else's garbage is counted:
 *
 * <pre>java -cp rexec-bench/target/benchmarks.jar org.rexec.bench.Footprint OUT.md</pre>
 */
public final class Footprint {

  private Footprint() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[args.length - 1]);
    Workload hello = Workload.HELLO;
    // Warm: the runtime initialized, the shared rewrite cache holding Hello, the JIT settled.
    for (int i = 0; i < 200; i++) {
      Cycles.precompiled(hello, false);
    }
    StringBuilder md = new StringBuilder();
    md.append("Measured on: ").append(Environment.describe()).append("\n\n");
    md.append("| what is held | count | heap | metaspace | classes loaded |"
        + " heap per instance | metaspace per instance |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (int count : new int[] {1, 1000}) {
      row(md, "idle cell, hello world loaded and run once", count, () -> idleCell(hello));
      row(md, "plain class loader, Hello defined and initialized", count, () -> plainLoader(hello));
    }
    md.append("\nGrowth over the supervisor before the instances were made, after `System.gc()`"
        + " (a full collection); KiB = 1024 bytes. Load average at the end: ")
        .append(Environment.loadAverage()).append(".\n");
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, md);
  }

  private interface Maker {
    Object make() throws Exception;
  }

  private static void row(StringBuilder md, String what, int count, Maker maker) {
    Snapshot before = Snapshot.take();
    List<Object> held = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        held.add(maker.make());
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    Snapshot after = Snapshot.take();
    long heap = after.heap - before.heap;
    long metaspace = after.metaspace - before.metaspace;
    md.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %+,d | %s | %s |%n",
        what, count, size(heap), size(metaspace), after.classes - before.classes,
        size(heap / count), size(metaspace / count)));
    for (Object instance : held) {
      if (instance instanceof Cell) {
        ((Cell) instance).close();
      }
    }
    held.clear();
  }

  private static Cell idleCell(Workload workload) {
    Cell cell = Cell.create(Cycles.POLICY);
    for (byte[] classFile : workload.classFiles().values()) {
      cell.loadClassFile(classFile);
    }
    if (!cell.run(workload.mainClass()).stdout().equals(workload.expectedOutput())) {
      throw new IllegalStateException("hello did not run");
    }
    return cell;
  }

  private static Class<?> plainLoader(Workload workload) throws ClassNotFoundException {
    byte[] classFile = workload.classFiles().get(workload.mainClass());
    ClassLoader loader =
        new ClassLoader(Footprint.class.getClassLoader()) {
          @Override
          protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.equals(workload.mainClass())) {
              return defineClass(name, classFile, 0, classFile.length);
            }
            throw new ClassNotFoundException(name);
          }
        };
    return Class.forName(workload.mainClass(), true, loader);
  }

  private static String size(long bytes) {
    if (Math.abs(bytes) >= 10L << 20) {
      return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
    return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
  }

  /** Heap and metaspace in use after full collections. */
  private static final class Snapshot {
    long heap;
    long metaspace;
    long classes;

    static Snapshot take() {
      for (int i = 0; i < 3; i++) {
        System.gc();
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      Snapshot snapshot = new Snapshot();
      snapshot.heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getName().equals("Metaspace")) {
          snapshot.metaspace = pool.getUsage().getUsed();
        }
      }
      ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
      snapshot.classes = classes.getLoadedClassCount();
      return snapshot;
    }
  }
}
