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
import org.objectweb.asm.Opcodes;

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

  /**
   * Hostile code in two cells of the layer: the runtime is exported to each cell's code, not
   * opened, and nothing else of rexec is (not the machinery, whose classes are public); no name
   * of rexec's, the exported {@code org.rexec.text} included, is found or linked by cell code.
   */
  @Test
  void cellsOnTheModulePathReachNothingOfRexecButTheirRuntime() throws Exception {
    Class<?> policyType = loader.loadClass("org.rexec.Policy");
    Class<?> cellType = loader.loadClass("org.rexec.Cell");
    Object policy = policyType.getMethod("defaults").invoke(null);
    Object first = cellType.getMethod("create", policyType).invoke(null, policy);
    Object second = cellType.getMethod("create", policyType).invoke(null, policy);
    try {
      String probe =
          (String)
              cellType.getMethod("loadSource", String.class, String.class)
                  .invoke(
                      first,
                      "Probe.java",
                      "public class Probe { public static void main(String[] a) {"
                          + " for (String n : a) {"
                          + " try { Class.forName(n, false, null); System.out.println(\"FOUND \" + n); }"
                          + " catch (ClassNotFoundException e) { System.out.println(\"no \" + n); }"
                          + " } } }");
      String[] names = {
        "org.rexec.cell.CellCore", "org.rexec.cell.CellParentLoader", "org.rexec.text.BoundedText",
        "org.rexec.jdk.JdkPackages", "org.rexec.net.IpLiteral", "org.rexec.runtime.CellContext",
        "org.rexec.Cell"
      };
      Object result =
          cellType.getMethod("run", String.class, String[].class).invoke(first, probe, names);
      String naming =
          cellType.getMethod("loadClassFile", byte[].class)
              .invoke(
                  second,
                  (Object)
                      Programs.mainClass(
                          "Naming",
                          main -> {
                            main.visitLdcInsn("text");
                            main.visitMethodInsn(
                                Opcodes.INVOKESTATIC,
                                "org/rexec/text/BoundedText",
                                "printable",
                                "(Ljava/lang/String;)Ljava/lang/String;",
                                false);
                            main.visitInsn(Opcodes.POP);
                            main.visitInsn(Opcodes.RETURN);
                          }))
              .toString();
      Object rejected =
          cellType.getMethod("run", String.class, String[].class)
              .invoke(second, naming, new String[0]);
      Module firstCode =
          ((Class<?>) cellType.getMethod("importClass", String.class).invoke(first, probe))
              .getModule();

      StringBuilder expected = new StringBuilder();
      for (String name : names) {
        expected.append("no ").append(name).append('\n');
      }
      assertThat(result.getClass().getMethod("stdout").invoke(result))
          .isEqualTo(expected.toString());
      assertThat(rejected.getClass().getMethod("status").invoke(rejected).toString())
          .isEqualTo("REJECTED");
      assertThat(rexec.isExported("org.rexec.runtime", firstCode)).isTrue();
      assertThat(rexec.isOpen("org.rexec.runtime", firstCode)).isFalse();
      for (String internal : Set.of("org.rexec.cell", "org.rexec.jdk", "org.rexec.net",
          "org.rexec.rewrite", "org.rexec.fs", "org.rexec.runtime.control")) {
        assertThat(rexec.isExported(internal, firstCode)).as(internal).isFalse();
      }
    } finally {
      cellType.getMethod("close").invoke(first);
      cellType.getMethod("close").invoke(second);
    }
  }

  private static Path location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
