package org.rexec.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.rexec.Cell;
import org.rexec.Policy;
import org.rexec.RunResult;
import org.rexec.RunStatus;

/**
 * A kernel's class loaded one way: {@linkplain #plain plainly} by a class loader of its own, or
 * {@linkplain #inCell inside a cell}, from the same class files; its {@code run(int)} callable.
 */
abstract class LoadedKernel implements AutoCloseable {

  private static final MethodType RUN = MethodType.methodType(long.class, int.class);

  /** How a kernel is loaded: the two sides of the comparison. */
  enum Side {
    PLAIN,
    CELL;

    /** The side named {@code plain} or {@code cell}. */
    static Side named(String name) {
      return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
  }

  private final MethodHandle run;

  private LoadedKernel(Class<?> kernelClass) {
    try {
      this.run = MethodHandles.publicLookup().findStatic(kernelClass, "run", RUN);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(
          kernelClass.getName() + " has no public static long run(int)", e);
    }
  }

  /** Loads {@code kernel} on {@code side}. */
  static LoadedKernel load(Kernel kernel, Side side) {
    return side == Side.PLAIN ? plain(kernel) : inCell(kernel);
  }

  /**
   * The kernel's class files defined, unchanged, by a fresh class loader whose parent is the
   * platform class loader: the same isolation from the host's classes as a cell, no rewriting.
   */
  static LoadedKernel plain(Kernel kernel) {
    PlainLoader loader = new PlainLoader(KernelClasses.of(kernel.className()));
    try {
      return new LoadedKernel(Class.forName(kernel.className(), true, loader)) {
        @Override
        public void close() {}
      };
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the plain loader was given " + kernel.className(), e);
    }
  }

  /**
   * The kernel's class files loaded into a new cell (the default policy, limits raised so that
   * a long benchmark never reaches them), with a run of the cell held open, so that the
   * benchmark's thread can call the kernel as a supervisor calls back into its cell. Calls cost
   * what the rewritten code costs, not the set-up of a run.
   */
  static LoadedKernel inCell(Kernel kernel) {
    Policy policy =
        Policy.builder()
            .timeout(Duration.ofDays(1))
            .cpuTime(Duration.ofDays(1))
            .memory(1L << 50)
            .build();
    Gate gate = new Gate();
    CountDownLatch ready = new CountDownLatch(1);
    Cell cell = Cell.builder(policy).stdin(gate).stdout(new Signal(ready)).create();
    try {
      for (byte[] classFile : KernelClasses.of(kernel.className()).values()) {
        cell.loadClassFile(classFile);
      }
      for (byte[] classFile : KernelClasses.of(KernelClasses.HOLD).values()) {
        cell.loadClassFile(classFile);
      }
      Class<?> kernelClass = cell.importClass(kernel.className());
      AtomicReference<RunResult> result = new AtomicReference<>();
      Thread holder =
          new Thread(
              () -> {
                try {
                  result.set(cell.run(KernelClasses.HOLD));
                } finally {
                  // A run that ends at once (refused, failed) must not leave setup waiting.
                  ready.countDown();
                }
              },
              "cell-run-" + kernel.name());
      holder.setDaemon(true);
      holder.start();
      if (!ready.await(30, TimeUnit.SECONDS) || result.get() != null) {
        throw new IllegalStateException("the cell's run did not stay open: " + result.get());
      }
      return new LoadedKernel(kernelClass) {
        @Override
        public void close() {
          gate.open();
          try {
            holder.join(TimeUnit.SECONDS.toMillis(30));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          cell.close();
          RunResult ended = result.get();
          if (ended == null || ended.status() != RunStatus.COMPLETED) {
            throw new IllegalStateException("the cell's run did not complete: " + ended);
          }
        }
      };
    } catch (RuntimeException | Error e) {
      gate.open();
      cell.close();
      throw e;
    } catch (ClassNotFoundException | InterruptedException e) {
      gate.open();
      cell.close();
      throw new IllegalStateException("cannot set up " + kernel.name() + " in a cell", e);
    }
  }

  /** Calls the kernel's {@code run(size)}. */
  final long run(int size) throws Throwable {
    return (long) run.invokeExact(size);
  }

  /** Ends what the loading started: for a cell, its held run, checked to have completed. */
  @Override
  public abstract void close();

  /** Defines the given class files, unchanged; everything else comes from the platform. */
  private static final class PlainLoader extends ClassLoader {
    private final Map<String, byte[]> classFiles;

    PlainLoader(Map<String, byte[]> classFiles) {
      super("plain-kernels", ClassLoader.getPlatformClassLoader());
      this.classFiles = classFiles;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] classFile = classFiles.get(name);
      if (classFile == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, classFile, 0, classFile.length);
    }
  }

  /** Standard input that blocks until opened, then ends: holds the cell's run open. */
  private static final class Gate extends InputStream {
    private final CountDownLatch open = new CountDownLatch(1);

    void open() {
      open.countDown();
    }

    @Override
    public int read() {
      return read(new byte[1], 0, 1);
    }

    @Override
    public int read(byte[] bytes, int offset, int length) {
      try {
        open.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return -1;
    }
  }

  /** Standard output that signals the first byte written: the run has started. */
  private static final class Signal extends OutputStream {
    private final CountDownLatch ready;

    Signal(CountDownLatch ready) {
      this.ready = ready;
    }

    @Override
    public void write(int b) {
      ready.countDown();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      ready.countDown();
    }
  }
}
