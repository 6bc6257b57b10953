package org.rexec.policy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the allow-list format of {@code docs/POLICY.md}: one class or member per line.
 *
 * <pre>
 * java.util.ArrayList                    the class and all its members
 * java.lang.Class#getName                one member (every overload); the class is referenceable
 * java.lang.Thread#sleep(long)           one overload, parameters as Java types
 * java.lang.Thread#&lt;init&gt;                the constructors
 * -java.util.Scanner#&lt;init&gt;(java.io.File) an exclusion, overriding the lines above
 * # a comment; a comment may also end a line after white space
 * </pre>
 */
final class AllowListParser {

  private static final Pattern BINARY_NAME =
      Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}$]*"
          + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}$]*)*");
  private static final Pattern MEMBER_NAME =
      Pattern.compile("<init>|[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*");

  private final String sourceName;
  private final Set<String> wholeClasses = new HashSet<>();
  private final Map<String, Set<String>> allowedMembers = new HashMap<>();
  private final Map<String, Set<String>> excludedMembers = new HashMap<>();

  private AllowListParser(String sourceName) {
    this.sourceName = sourceName;
  }

  static AllowList parse(String sourceName, String text) {
    AllowListParser parser = new AllowListParser(sourceName);
    String[] lines = text.split("\r?\n", -1);
    for (int index = 0; index < lines.length; index++) {
      parser.parseLine(index + 1, lines[index]);
    }
    return parser.build();
  }

  private void parseLine(int lineNumber, String rawLine) {
    String line = stripComment(rawLine).strip();
    if (line.isEmpty()) {
      return;
    }
    boolean exclusion = line.startsWith("-");
    if (exclusion) {
      line = line.substring(1);
    }
    int hash = line.indexOf('#');
    if (hash < 0) {
      if (exclusion) {
        throw error(lineNumber, "an exclusion must name a member (Class#member): " + rawLine);
      }
      wholeClasses.add(internalName(lineNumber, line));
      return;
    }
    String owner = internalName(lineNumber, line.substring(0, hash));
    String member = memberKey(lineNumber, line.substring(hash + 1));
    (exclusion ? excludedMembers : allowedMembers)
        .computeIfAbsent(owner, key -> new HashSet<>())
        .add(member);
  }

  /**
   * One entry of the format, without a leading {@code -}: a class, or a member of one.
   *
   * @throws IllegalArgumentException naming the problem, for a malformed entry
   */
  static Entry entry(String text) {
    AllowListParser parser = new AllowListParser(null);
    String line = text.strip();
    int hash = line.indexOf('#');
    if (line.startsWith("-")) {
      throw parser.error(0, "write the entry without '-': " + text);
    }
    if (hash < 0) {
      return new Entry(parser.internalName(0, line), null);
    }
    return new Entry(
        parser.internalName(0, line.substring(0, hash)),
        parser.memberKey(0, line.substring(hash + 1)));
  }

  /**
   * A class ({@code member == null}) or one member of it, as rules key them.
   *
   * @param owner the internal name of the class
   * @param member a member key ({@code getName}, {@code sleep(J)}), or null for the class
   */
  record Entry(String owner, String member) {}

  private AllowList build() {
    Map<String, AllowList.MemberRules> rules = new HashMap<>();
    Set<String> owners = new HashSet<>(allowedMembers.keySet());
    owners.addAll(excludedMembers.keySet());
    for (String owner : owners) {
      rules.put(
          owner,
          new AllowList.MemberRules(
              allowedMembers.getOrDefault(owner, Set.of()),
              excludedMembers.getOrDefault(owner, Set.of())));
    }
    return new AllowList(wholeClasses, rules);
  }

  /** A comment is a line starting with '#', or '#' after white space. */
  private static String stripComment(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private String internalName(int lineNumber, String binaryName) {
    if (!BINARY_NAME.matcher(binaryName).matches()) {
      throw error(lineNumber, "not a class name (expected e.g. java.util.List): " + binaryName);
    }
    return binaryName.replace('.', '/');
  }

  /** "name" or "name(descriptor parameters)", e.g. "sleep(J)". */
  private String memberKey(int lineNumber, String member) {
    int open = member.indexOf('(');
    String name = open < 0 ? member : member.substring(0, open);
    if (!MEMBER_NAME.matcher(name).matches()) {
      throw error(lineNumber, "not a member name: " + member);
    }
    if (open < 0) {
      return name;
    }
    if (!member.endsWith(")")) {
      throw error(lineNumber, "parameter list must end with ')': " + member);
    }
    String parameters = member.substring(open + 1, member.length() - 1).strip();
    StringBuilder descriptor = new StringBuilder(name).append('(');
    if (!parameters.isEmpty()) {
      for (String parameter : parameters.split(",")) {
        descriptor.append(typeDescriptor(lineNumber, parameter.strip()));
      }
    }
    return descriptor.append(')').toString();
  }

  private String typeDescriptor(int lineNumber, String javaType) {
    if (javaType.endsWith("[]")) {
      return "[" + typeDescriptor(lineNumber, javaType.substring(0, javaType.length() - 2));
    }
    switch (javaType) {
      case "boolean":
        return "Z";
      case "byte":
        return "B";
      case "char":
        return "C";
      case "short":
        return "S";
      case "int":
        return "I";
      case "long":
        return "J";
      case "float":
        return "F";
      case "double":
        return "D";
      default:
        return "L" + internalName(lineNumber, javaType) + ";";
    }
  }

  private IllegalArgumentException error(int lineNumber, String problem) {
    return new IllegalArgumentException(
        sourceName == null ? problem : sourceName + ":" + lineNumber + ": " + problem);
  }
}
