package org.rexec.jdk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JDK calls that format ({@code String.format}, {@code printf}, ...). A width or precision in
 * the format string sizes the string the JDK builds ({@code "%999999999d"}), so the rewriter
 * checks the format string before each ({@code Guards.format}). In every one the format string
 * is the argument just below the {@code Object[]} of arguments, on top of the stack.
 *
 * <p>To teach rexec another: add one line to {@link #table()}; {@code JdkCatalogueTest} checks
 * that the JDK has it.
 */
public final class FormatCalls {

  private static final List<JdkMember> TABLE = table();

  private static final Set<String> KEYS =
      TABLE.stream().map(JdkMember::key).collect(Collectors.toUnmodifiableSet());

  private FormatCalls() {}

  /** Whether an instruction naming {@code owner.name descriptor} calls a formatting method. */
  public static boolean isFormat(String owner, String name, String descriptor) {
    return KEYS.contains(JdkMember.key(owner, name, descriptor));
  }

  /** Every entry of the table. */
  public static Collection<JdkMember> all() {
    return TABLE;
  }

  private static List<JdkMember> table() {
    String args = "[Ljava/lang/Object;)";
    String string = "Ljava/lang/String;";
    String locale = "Ljava/util/Locale;";
    List<JdkMember> calls = new ArrayList<>();
    calls.add(JdkMember.of("java/lang/String", "format", "(" + string + args + string));
    calls.add(JdkMember.of("java/lang/String", "format", "(" + locale + string + args + string));
    calls.add(JdkMember.of("java/lang/String", "formatted", "(" + args + string));
    for (String owner :
        new String[] {"java/util/Formatter", "java/io/PrintStream", "java/io/PrintWriter"}) {
      String returned = "L" + owner + ";";
      for (String name : new String[] {"format", "printf"}) {
        if (owner.equals("java/util/Formatter") && name.equals("printf")) {
          continue;
        }
        calls.add(JdkMember.of(owner, name, "(" + string + args + returned));
        calls.add(JdkMember.of(owner, name, "(" + locale + string + args + returned));
      }
    }
    return List.copyOf(calls);
  }
}
