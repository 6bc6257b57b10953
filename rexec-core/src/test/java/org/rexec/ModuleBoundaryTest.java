package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;

/**
 * rexec as a named module, as a supervisor on the module path has it: in a layer of its own,
 * loaded from the same class files, driven through reflection from this (unnamed) module. The
 * API works; the machinery is out of reach; the runtime is exported to each cell's code alone.
 */
class ModuleBoundaryTest {

  private static Module rexec;
  private static ClassLoader loader;

  @BeforeAll
  static void defineTheLayer() throws URISyntaxException {
    ModuleFinder finder = ModuleFinder.of(location(Cell.class), location(ClassReader.class));
    ModuleLayer boot = ModuleLayer.boot();
    Configuration configuration =
        boot.configuration().resolve(finder, ModuleFinder.of(), Set.of("org.rexec"));
    ModuleLayer layer =
        boot.defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    rexec = layer.findModule("org.rexec").orElseThrow();
    loader = layer.findLoader("org.rexec");
  }

  @Test
  void onlyTheApiIsExported() {
    assertThat(rexec.getDescriptor().exports())
        .extracting(exported -> exported.source())
        .containsExactlyInAnyOrder("org.rexec", "org.rexec.policy", "org.rexec.text");
    assertThat(rexec.getPackages())
        .contains("org.rexec.cell", "org.rexec.runtime", "org.rexec.rewrite", "org.rexec.fs");
    for (String internal : Set.of("org.rexec.cell", "org.rexec.runtime", "org.rexec.rewrite",
        "org.rexec.compile", "org.rexec.fs", "org.rexec.runtime.control")) {
      assertThat(rexec.isExported(internal)).as(internal).isFalse();
    }
  }

  @Test
  void aSupervisorCannotReachTheMachinery() throws Exception {
    Class<?> core = Class.forName("org.rexec.cell.CellCore", false, loader);
    Class<?> setup = Class.forName("org.rexec.cell.CellSetup", false, loader);

    // Access is checked before the arguments are.
    assertThatThrownBy(() -> core.getConstructor(setup, int.class).newInstance(null, 0))
        .isInstanceOf(IllegalAccessException.class)
        .hasMessageContaining("does not export org.rexec.cell");
  }

  @Test
  void aCellRunsAndItsCodeAloneIsGivenTheRuntime() throws Exception {
    Class<?> policyType = loader.loadClass("org.rexec.Policy");
    Class<?> cellType = loader.loadClass("org.rexec.Cell");
    Object policy = policyType.getMethod("defaults").invoke(null);
    Object cell = cellType.getMethod("create", policyType).invoke(null, policy);
    try {
      String main =
          (String)
              cellType.getMethod("loadSource", String.class, String.class)
                  .invoke(
                      cell,
                      "Main.java",
                      "public class Main { public static void main(String[] a) {"
                          + " System.out.println(\"hello \" + (6 * 7));"
                          + " try { new java.io.FileInputStream(\"/etc/passwd\"); }"
                          + " catch (java.io.IOException e) { System.out.println(e); }"
                          + " try { Class.forName(\"org.rexec.cell.CellCore\"); }"
                          + " catch (ClassNotFoundException e) { System.out.println(\"hidden\"); }"
                          + " } }");
      Object result = cellType.getMethod("run", String.class, String[].class)
          .invoke(cell, main, new String[0]);
      Class<?> mainClass =
          (Class<?>) cellType.getMethod("importClass", String.class).invoke(cell, main);

      assertThat(result.getClass().getMethod("stdout").invoke(result))
          .isEqualTo(
              "hello 42\n"
                  + "java.io.FileNotFoundException: /etc/passwd (Permission denied"
                  + " (rule: file-read))\nhidden\n");
      assertThat(rexec.isExported("org.rexec.runtime", mainClass.getModule())).isTrue();
      assertThat(rexec.isExported("org.rexec.runtime", ModuleBoundaryTest.class.getModule()))
          .isFalse();
    } finally {
      cellType.getMethod("close").invoke(cell);
    }
  }

  private static Path location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
