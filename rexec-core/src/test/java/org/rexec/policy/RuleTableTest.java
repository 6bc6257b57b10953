package org.rexec.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The rules users read about in docs/POLICY.md are exactly the rules rexec has. */
class RuleTableTest {

  /** A row of the rule table: {@code | `file-read` | reading ... |}. */
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z-]+)` \\|");

  @Test
  void everyRuleIsDocumentedAndEveryDocumentedRuleExists() throws IOException {
    Set<String> enumerated =
        Arrays.stream(Rule.values()).map(Rule::label).collect(Collectors.toSet());

    assertThat(documentedRules()).containsExactlyInAnyOrderElementsOf(enumerated);
  }

  @Test
  void aRuleReadsAsItsNameAndIsFoundByIt() {
    for (Rule rule : Rule.values()) {
      assertThat(rule.toString()).isEqualTo(rule.label());
      assertThat(Rule.ofLabel(rule.label())).isSameAs(rule);
    }
    assertThat(Rule.FILE_READ).hasToString("file-read");
    assertThat(Rule.ALLOW_LIST).hasToString("allow-list");
    assertThat(Rule.NATIVE_COMPRESSORS).hasToString("native-compressors");
  }

  /** The first column of the table under {@code ### Rules}, up to the next heading. */
  private static Set<String> documentedRules() throws IOException {
    Path policy = Path.of("..", "docs", "POLICY.md");
    Set<String> rules = new LinkedHashSet<>();
    boolean inTable = false;
    for (String line : Files.readAllLines(policy)) {
      if (line.startsWith("#")) {
        inTable = line.equals("### Rules");
        continue;
      }
      Matcher row = ROW.matcher(line);
      if (inTable && row.find()) {
        assertThat(rules.add(row.group(1))).as("documented twice: %s", row.group(1)).isTrue();
      }
    }
    assertThat(rules).as("the rule table of %s", policy).isNotEmpty();
    return rules;
  }
}
