package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What cell code learns of the objects rexec hands it (its threads, the substitutes for file
 * streams, sockets and pools, its file system's objects): the JDK's classes and names, never
 * rexec's, in class objects, {@code toString}s, cast messages, stack traces and names.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IdentityTest {

  @TempDir Path grant;

  /** Prints {@code key = value} lines, one for each way a program may ask who is who. */
  private static final String WHO =
      """
      import java.io.*;
      import java.nio.channels.*;
      import java.nio.file.*;
      import java.net.*;
      import java.util.*;
      import java.util.concurrent.*;
      public class Who {
        static class Mine extends Thread { public void run() {} }
        static void show(String key, Object value) { System.out.println(key + " = " + value); }
        static String trace(Throwable thrown) {
          StringWriter text = new StringWriter();
          thrown.printStackTrace(new PrintWriter(text));
          return text.toString().replace('\\n', '|');
        }
        public static void main(String[] args) throws Exception {
          Thread main = Thread.currentThread();
          show("main.class", main.getClass().getName());
          show("main.toString", main);
          Thread thread = new Thread(() -> {});
          show("thread.class", thread.getClass().getName());
          show("thread.toString", thread);
          show("subclass.superclass", Mine.class.getSuperclass().getName());
          show("subclass.object.superclass", new Mine().getClass().getSuperclass().getName());
          show("handler", thread.getUncaughtExceptionHandler().getClass().getName()
              + " " + thread.getUncaughtExceptionHandler().toString().replaceAll("@.*", ""));
          try {
            Who cast = (Who) (Object) main;
          } catch (ClassCastException e) {
            show("cast", e.getMessage());
          }
          try {
            String.class.cast(main);
          } catch (ClassCastException e) {
            show("Class.cast", e.getMessage());
          }
          String dir = args[0];
          try (FileOutputStream out = new FileOutputStream(dir + "/f")) {
            show("FileOutputStream", out.getClass().getName() + " " + out.toString().replaceAll("@.*", ""));
          }
          try (FileInputStream in = new FileInputStream(dir + "/f")) {
            show("FileInputStream", in.getClass().getName() + " " + in.toString().replaceAll("@.*", ""));
          }
          try (FileReader reader = new FileReader(dir + "/f")) {
            show("FileReader", reader.getClass().getName() + " " + reader.toString().replaceAll("@.*", ""));
          }
          try (FileWriter writer = new FileWriter(dir + "/g")) {
            show("FileWriter", writer.getClass().getName() + " " + writer.toString().replaceAll("@.*", ""));
          }
          try (RandomAccessFile file = new RandomAccessFile(dir + "/f", "r")) {
            show("RandomAccessFile", file.getClass().getName() + " " + file.toString().replaceAll("@.*", ""));
          }
          FileChannel channel = FileChannel.open(Path.of(dir, "f"));
          show("FileChannel", channel.getClass().getName() + " " + channel.toString().replaceAll("@.*", ""));
          Path path = Path.of(dir);
          FileSystem fileSystem = path.getFileSystem();
          show("FileSystem", fileSystem.getClass().getName() + " " + fileSystem.toString().replaceAll("@.*", ""));
          show("FileSystemProvider", fileSystem.provider().getClass().getName()
              + " " + fileSystem.provider().toString().replaceAll("@.*", ""));
          try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
            show("DirectoryStream", entries.getClass().getName() + " " + entries.toString().replaceAll("@.*", ""));
          }
          FileStore store = Files.getFileStore(path);
          show("FileStore", store.name() + " " + store.type());
          try (DatagramSocket socket = new DatagramSocket(null)) {
            show("DatagramSocket", socket.getClass().getName() + " " + socket.toString().replaceAll("@.*", ""));
          }
          ThreadPoolExecutor pool =
              new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
          show("ThreadPoolExecutor", pool.getClass().getName() + " " + pool.toString().replaceAll("@.*", ""));
          show("pool thread", pool.submit(() -> Thread.currentThread().getClass().getName()).get());
          pool.shutdown();
          ForkJoinPool common = ForkJoinPool.commonPool();
          show("ForkJoinPool", common.getClass().getName() + " " + common.toString().replaceAll("@.*", ""));
          show("worker", CompletableFuture.supplyAsync(() -> Thread.currentThread().getClass().getName()).join());
          ThreadFactory factory = Executors.defaultThreadFactory();
          show("ThreadFactory", factory.getClass().getName() + " " + factory.toString().replaceAll("@.*", ""));
          try {
            new FileInputStream((String) null);
          } catch (NullPointerException e) {
            show("trace through a substitute", trace(e));
            show("frames", Arrays.toString(e.getStackTrace()));
          }
          new FileInputStream((String) null);
        }
      }
      """;

  @Test
  void theCellSeesTheJdksClassesAndNamesNeverRexecs() throws Exception {
    RunResult result;
    try (Cell cell =
        Cell.create(
            Policy.builder().threads(4).allowWrite(grant).timeout(Duration.ofSeconds(30)).build())) {
      result = cell.run(cell.loadSource("Who.java", WHO), grant.toString());
    }
    Map<String, String> seen =
        result.stdout().lines()
            .map(line -> line.split(" = ", 2))
            .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1], (a, b) -> a));

    assertThat(result.status()).as(result.toString()).isEqualTo(RunStatus.EXCEPTION);
    assertThat(result.stdout() + result.stderr()).doesNotContainIgnoringCase("rexec");
    assertThat(seen)
        .containsEntry("main.class", "java.lang.Thread")
        .containsEntry("thread.class", "java.lang.Thread")
        .containsEntry("subclass.superclass", "java.lang.Thread")
        .containsEntry("subclass.object.superclass", "java.lang.Thread")
        .containsEntry(
            "cast",
            "class java.lang.Thread cannot be cast to class Who (java.lang.Thread is in module"
                + " java.base of loader 'bootstrap'; Who is in unnamed module of loader 'app')")
        .containsEntry("Class.cast", "Cannot cast java.lang.Thread to java.lang.String")
        .containsEntry("FileOutputStream", "java.io.FileOutputStream java.io.FileOutputStream")
        .containsEntry("FileInputStream", "java.io.FileInputStream java.io.FileInputStream")
        .containsEntry("FileReader", "java.io.FileReader java.io.FileReader")
        .containsEntry("FileWriter", "java.io.FileWriter java.io.FileWriter")
        .containsEntry("RandomAccessFile", "java.io.RandomAccessFile java.io.RandomAccessFile")
        .containsEntry(
            "FileChannel", "java.nio.channels.FileChannel java.nio.channels.FileChannel")
        .containsEntry("FileSystem", "java.nio.file.FileSystem java.nio.file.FileSystem")
        .containsEntry(
            "FileSystemProvider",
            "java.nio.file.spi.FileSystemProvider java.nio.file.spi.FileSystemProvider")
        .containsEntry("DatagramSocket", "java.net.DatagramSocket java.net.DatagramSocket")
        .containsEntry(
            "ThreadPoolExecutor",
            "java.util.concurrent.ThreadPoolExecutor java.util.concurrent.ThreadPoolExecutor")
        .containsEntry("pool thread", "java.lang.Thread")
        .containsEntry(
            "ForkJoinPool", "java.util.concurrent.ForkJoinPool java.util.concurrent.ForkJoinPool")
        .containsEntry("worker", "java.util.concurrent.ForkJoinWorkerThread");
    // JDK 21 shows the thread's id first.
    assertThat(seen.get("main.toString")).matches("Thread\\[(#\\d+,)?main,5,main\\]");
    assertThat(seen.get("thread.toString")).matches("Thread\\[(#\\d+,)?Thread-0,5,main\\]");
    assertThat(seen.get("trace through a substitute"))
        .startsWith("java.lang.NullPointerException|")
        .contains("at Who.main(Who.java:");
    assertThat(result.stderr())
        .startsWith("Exception in thread \"main\" java.lang.NullPointerException\n")
        .contains("\tat Who.main(Who.java:");
  }

  @Test
  void objectsToIdentityStringNamesTheJdksClass() {
    assumeTrue(Runtime.version().feature() >= 19, "Objects.toIdentityString is new in Java 19");
    RunResult result =
        Programs.run(
            "Identity.java",
            """
            public class Identity {
              public static void main(String[] args) {
                String shown = java.util.Objects.toIdentityString(Thread.currentThread());
                System.out.println(shown.substring(0, shown.indexOf('@')));
              }
            }
            """);

    assertThat(result.stdout()).isEqualTo("java.lang.Thread\n");
  }

  @Test
  void aThreadGroupOfTheSupervisorsNeverShows() throws Exception {
    // The supervisor may run cells on threads of its own groups (a server's): the cell's
    // threads are in a group named as the java launcher's, whatever the caller's is.
    ThreadGroup hosts = new ThreadGroup("host-workers-secret");
    String[] shown = new String[1];
    Thread caller =
        new Thread(
            hosts,
            () ->
                shown[0] =
                    Programs.run(
                            Policy.builder().threads(1).build(),
                            "Group.java",
                            """
                            public class Group {
                              public static void main(String[] args) throws Exception {
                                Thread thread = new Thread(() -> {});
                                System.out.println(Thread.currentThread() + " " + thread
                                    + " " + Thread.currentThread().isDaemon()
                                    + " " + Thread.currentThread().getPriority());
                              }
                            }
                            """)
                        .stdout(),
            "host-caller");
    caller.setDaemon(true);
    caller.setPriority(Thread.MIN_PRIORITY);
    caller.start();
    caller.join();

    assertThat(shown[0])
        .doesNotContain("host")
        .matches("Thread\\[(#\\d+,)?main,5,main\\] Thread\\[(#\\d+,)?Thread-0,5,main\\] false 5\\n");
  }
}
