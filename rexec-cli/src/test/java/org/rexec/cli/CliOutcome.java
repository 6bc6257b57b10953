package org.rexec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** One invocation of the command, run in this JVM, with what it printed as bytes. */
record CliOutcome(int status, byte[] out, String err) {

  static CliOutcome rexec(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.execute(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new CliOutcome(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  String outText() {
    return new String(out, StandardCharsets.UTF_8);
  }

  /** Standard output as exactly one JSON object, asserted so: nothing before or after it. */
  JsonNode onlyJsonObject() {
    ObjectReader reader = new ObjectMapper().readerFor(JsonNode.class);
    try (MappingIterator<JsonNode> all = reader.readValues(out)) {
      assertThat(all.hasNext()).as("a JSON value on stdout: %s", outText()).isTrue();
      JsonNode first = all.next();
      assertThat(first.isObject()).as("an object: %s", outText()).isTrue();
      assertThat(all.hasNext()).as("only one value on stdout: %s", outText()).isFalse();
      assertThat(outText()).endsWith("}\n");
      return first;
    } catch (IOException e) {
      throw new UncheckedIOException("stdout is not JSON: " + outText(), e);
    }
  }
}
