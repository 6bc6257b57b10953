package org.rexec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rexec.Policy;

/**
 * A class the cell refuses to load (a native method, a malformed or too large class file) ends
 * the run as {@code rejected} with exit status 126, before any of the program runs, whether the
 * target is a source file, a directory of classes or a jar; with {@code --json} as one object.
 */
class RejectedTargetCliTest {

  private static final String NATIVE =
      """
      public class Nat {
        static native void escape();
        public static void main(String[] args) { System.out.println("ran"); }
      }
      """;

  @TempDir Path temp;

  @Test
  void aNativeMethodIsRejectedAsSourceDirectoryAndJar() throws IOException {
    Path source = Files.writeString(temp.resolve("Nat.java"), NATIVE);
    Path classes = compile(source);
    Path jar = jar("nat.jar", "Nat", Map.of("Nat.class", Files.readAllBytes(classes.resolve("Nat.class"))));

    for (Path target : List.of(source, classes, jar)) {
      assertRejected(target, "native Nat.escape() is not allowed in this cell (rule: native-method)");
    }
  }

  @Test
  void aMalformedClassFileIsRejectedInADirectoryAndAJar() throws IOException {
    byte[] garbage = new byte[512];
    for (int i = 0; i < garbage.length; i++) {
      garbage[i] = (byte) (i * 37 + 11);
    }
    Path classes = Files.createDirectories(temp.resolve("garbage"));
    Files.write(classes.resolve("X.class"), garbage);
    Path jar = jar("garbage.jar", "X", Map.of("X.class", garbage));

    for (Path target : List.of(classes, jar, classes.resolve("X.class"))) {
      assertRejected(target, "X.class: not a valid class file");
    }
  }

  @Test
  void aTruncatedClassFileIsRejected() throws IOException {
    Path source =
        Files.writeString(temp.resolve("Cut.java"),
            "public class Cut { public static void main(String[] a) { System.out.println(\"ran\"); } }");
    byte[] whole = Files.readAllBytes(compile(source).resolve("Cut.class"));
    byte[] truncated = Arrays.copyOf(whole, whole.length - 40);
    Path classes = Files.createDirectories(temp.resolve("cut"));
    Files.write(classes.resolve("Cut.class"), truncated);
    Path jar = jar("cut.jar", "Cut", Map.of("Cut.class", truncated));

    // Read in the directory to find main; in the jar, when the cell loads it to run.
    assertRejected(classes, "Cut.class: not a valid class file");
    assertRejected(jar, "Cut");
  }

  @Test
  void aClassFileLargerThanACellAllowsIsRejectedInADirectoryAndAJar() throws IOException {
    byte[] huge = new byte[Policy.DEFAULT_MAX_CLASS_FILE_BYTES + 1];
    huge[0] = (byte) 0xCA;
    huge[1] = (byte) 0xFE;
    Path classes = Files.createDirectories(temp.resolve("huge"));
    Files.write(classes.resolve("Big.class"), huge);
    Path jar = jar("huge.jar", "Big", Map.of("Big.class", huge));

    for (Path target : List.of(classes, jar)) {
      assertRejected(target, "Big.class: larger than " + Policy.DEFAULT_MAX_CLASS_FILE_BYTES + " bytes");
    }
  }

  /** Rejected in text and in JSON, with {@code messagePart} in the message, and nothing ran. */
  private static void assertRejected(Path target, String messagePart) {
    CliOutcome text = CliOutcome.rexec("run", target.toString());
    CliOutcome json = CliOutcome.rexec("run", "--json", target.toString());

    assertThat(text.status()).as("%s", target).isEqualTo(126);
    assertThat(text.outText()).isEmpty();
    assertThat(text.err()).startsWith("rexec: ").contains(messagePart);
    assertThat(json.status()).isEqualTo(126);
    JsonNode object = json.onlyJsonObject();
    assertThat(object.get("status").asText()).isEqualTo("rejected");
    assertThat(object.get("exitCode").asInt()).isEqualTo(126);
    assertThat(object.get("message").asText()).contains(messagePart);
    if (object.has("stdout")) {
      assertThat(object.get("stdout").asText()).isEmpty();
    }
  }

  private Path compile(Path source) throws IOException {
    Path classes = Files.createDirectories(temp.resolve("classes-" + source.getFileName()));
    int status =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "--release", "17", "-d", classes.toString(), source.toString());
    assertThat(status).isZero();
    return classes;
  }

  private Path jar(String name, String mainClass, Map<String, byte[]> entries) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
    Path jar = temp.resolve(name);
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        out.putNextEntry(new JarEntry(entry.getKey()));
        out.write(entry.getValue());
      }
    }
    return jar;
  }
}
