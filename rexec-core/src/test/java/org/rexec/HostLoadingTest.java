package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The main class (and what its definition needs) is loaded on the supervisor's thread; classes
 * cell code reaches later are loaded on loader threads. Both paths define the same classes.
 */
class HostLoadingTest {

  private static final String PROGRAM =
      """
      public class Program extends Base implements Greeter {
        public static void main(String[] args) {
          System.out.println(new Program().greet() + " " + Later.value());
        }
        public String greet() { return prefix() + "hello"; }
      }
      abstract class Base { String prefix() { return "> "; } }
      interface Greeter { String greet(); }
      class Later { static int value() { return 42; } }
      """;

  @Test
  void aMainClassWithCellSupertypesRunsAndReachesClassesLoadedLater() {
    for (int i = 0; i < 2; i++) {
      try (Cell cell = Cell.create(Policy.defaults())) {
        RunResult result = cell.run(cell.loadSource("Program.java", PROGRAM));

        assertThat(result.stdout()).isEqualTo("> hello 42\n");
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
      }
    }
  }

  @Test
  void supervisorThreadsImportingAtOnceGetTheSameClass() throws Exception {
    try (Cell cell = Cell.create(Policy.defaults())) {
      cell.loadSource("Program.java", PROGRAM);
      ExecutorService threads = Executors.newFixedThreadPool(4);
      try {
        List<Callable<Class<?>>> imports = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          String name = i % 2 == 0 ? "Program" : "Later";
          imports.add(() -> cell.importClass(name));
        }
        List<Class<?>> imported = new ArrayList<>();
        for (Future<Class<?>> future : threads.invokeAll(imports)) {
          imported.add(future.get());
        }

        assertThat(imported.stream().filter(c -> c.getName().equals("Program")).distinct())
            .hasSize(1);
        assertThat(imported.stream().filter(c -> c.getName().equals("Later")).distinct())
            .hasSize(1);
        assertThat(cell.run("Program").stdout()).isEqualTo("> hello 42\n");
      } finally {
        threads.shutdownNow();
      }
    }
  }
}
