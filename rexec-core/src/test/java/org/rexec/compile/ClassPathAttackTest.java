package org.rexec.compile;

import org.rexec.CodeCaches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rexec.Cell;
import org.rexec.LoadException;
import org.rexec.Policy;

/**
 * A hostile submitter wrote the jars and directories of the class path; what loading them costs
 * the supervisor is bounded.
 */
class ClassPathAttackTest {

  @TempDir Path temp;

  @Test
  void aJarOfVeryManyEmptyEntriesIsRefusedBeforeItFillsTheSupervisor() throws IOException {
    // Empty entries cost nothing against the byte limit; a million of them took 2.8 GB and 40 s.
    Path jar = temp.resolve("many.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      zip.setLevel(0);
      for (int i = 0; i <= 100_000; i++) {
        zip.putNextEntry(new ZipEntry("r/" + i));
        zip.closeEntry();
      }
    }
    long start = System.nanoTime();
    try (Cell cell = Cell.builder(Policy.defaults()).codeCache(CodeCaches.compilingInto(CompileCache.none())).create()) {
      assertThatThrownBy(() -> cell.loadClassPath(List.of(jar)))
          .isInstanceOf(LoadException.class)
          .hasMessageContaining("more than 100000 files and jar entries");
    }
    assertThat(System.nanoTime() - start).isLessThan(30_000_000_000L);
  }

  @Test
  void aDirectoryOfVeryManyFilesIsRefused() throws IOException {
    Path classes = Files.createDirectories(temp.resolve("classes"));
    for (int d = 0; d <= 100; d++) {
      Path dir = Files.createDirectories(classes.resolve("d" + d));
      for (int i = 0; i < 1_000; i++) {
        Files.createFile(dir.resolve("f" + i));
      }
    }
    try (Cell cell = Cell.builder(Policy.defaults()).codeCache(CodeCaches.compilingInto(CompileCache.none())).create()) {
      assertThatThrownBy(() -> cell.loadClassPath(List.of(classes)))
          .isInstanceOf(LoadException.class)
          .hasMessageContaining("more than 100000 files and jar entries");
    }
  }
}
