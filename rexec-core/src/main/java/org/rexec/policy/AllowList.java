package org.rexec.policy;

import static java.util.stream.Collectors.joining;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.rexec.bug.RexecBugException;

/**
 * The JDK classes and members that untrusted code may reference directly. Immutable.
 *
 * <p>A class is <em>referenceable</em> (may be instantiated, named as a supertype or a class
 * literal, or own a member that code references) when it is listed whole or when any of its
 * members is listed. A member is allowed when it is not excluded and either it or its class is
 * listed. Members are judged where they are declared: {@code ArrayList.getClass()} is judged as
 * {@code Object.getClass()}. Names are internal names ({@code java/lang/String}).
 *
 * <p>Security: an exclusion of a method that overrides an allowed one does not stop calls that
 * reach it by dynamic dispatch; keep dangerous objects out of reach instead (see
 * {@code docs/POLICY.md}).
 */
public final class AllowList {

  private static final String DEFAULT_RESOURCE = "default-allow-list.txt";

  // An allow-list is the intersection of its parts: a parsed file is one part, and
  // intersect() concatenates parts. Everything is allowed only if every part allows it.
  private final List<Rules> parts;
  private final String fingerprint;

  AllowList(Set<String> wholeClasses, Map<String, MemberRules> membersByClass) {
    this(List.of(new Rules(wholeClasses, membersByClass)));
  }

  private AllowList(List<Rules> parts) {
    this.parts = List.copyOf(parts);
    this.fingerprint =
        sha256(parts.stream().map(part -> part.fingerprint).sorted().collect(joining("+")));
  }

  /**
   * The default allow-list for {@code java.base}, documented in {@code docs/POLICY.md}.
   *
   * @return the default allow-list; the same instance every call
   */
  public static AllowList defaults() {
    return Defaults.INSTANCE;
  }

  /**
   * Parses an allow-list in the format of {@code docs/POLICY.md}.
   *
   * @param sourceName names the source in error messages
   * @param text the allow-list's text, one entry per line
   * @return the parsed allow-list
   * @throws IllegalArgumentException with {@code sourceName:line: problem} for a malformed line
   */
  public static AllowList parse(String sourceName, String text) {
    return AllowListParser.parse(sourceName, text);
  }

  /**
   * Reads and parses an allow-list file.
   *
   * @param file the file, read as UTF-8; its path names it in error messages
   * @return the parsed allow-list
   * @throws IllegalArgumentException if the file is malformed
   * @throws UncheckedIOException if it cannot be read
   */
  public static AllowList read(Path file) {
    try {
      return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read allow-list " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The allow-list that allows only what both this one and {@code other} allow: what a nested
   * cell gets when it asks for {@code other}.
   *
   * @param other the other allow-list; not null
   * @return the intersection; this list itself if {@code other} equals it
   */
  public AllowList intersect(AllowList other) {
    if (other.equals(this)) {
      return this;
    }
    List<Rules> both = new ArrayList<>(parts);
    both.addAll(other.parts);
    return new AllowList(both);
  }

  /**
   * This list with one more entry allowed: a class (listed whole) or a member, in the format of
   * {@code docs/POLICY.md} ({@code java.lang.Thread#sleep(long)}). An exclusion of exactly that
   * member is lifted. Interposed members reach their shim whatever the list says, and rexec's
   * own classes stay unreachable: a list only decides about the JDK.
   *
   * @param entry a class ({@code java.util.zip.Deflater}) or member ({@code
   *     java.lang.Thread#sleep(long)}); surrounding spaces are ignored
   * @return a new allow-list; this one does not change
   * @throws IllegalArgumentException for a malformed entry
   */
  public AllowList allowing(String entry) {
    AllowListParser.Entry parsed = AllowListParser.entry(entry);
    return new AllowList(parts.stream().map(part -> part.allowing(parsed)).toList());
  }

  /**
   * This list with one entry refused: a member becomes an exclusion, and a class is no longer
   * referenceable at all (neither whole nor through any member).
   *
   * @param entry a class or member, as for {@link #allowing}
   * @return a new allow-list; this one does not change
   * @throws IllegalArgumentException for a malformed entry
   */
  public AllowList denying(String entry) {
    AllowListParser.Entry parsed = AllowListParser.entry(entry);
    return new AllowList(parts.stream().map(part -> part.denying(parsed)).toList());
  }

  /**
   * Whether code may reference the class with this internal name.
   *
   * @param internalName the class's internal name, e.g. {@code java/util/ArrayList}
   * @return {@code true} if every part of the list allows the class
   */
  public boolean allowsClass(String internalName) {
    for (Rules part : parts) {
      if (!part.allowsClass(internalName)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether code may use a member where it is declared.
   *
   * @param declaringClass the internal name of the class that declares the member
   * @param name the member name; {@code <init>} for constructors
   * @param descriptor the method descriptor, or {@code null} for a field
   * @return {@code true} if every part of the list allows the member
   */
  public boolean allowsMember(String declaringClass, String name, String descriptor) {
    for (Rules part : parts) {
      if (!part.allowsMember(declaringClass, name, descriptor)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A hash of the rules, identifying this allow-list in caches of rewritten classes: two lists
   * with the same fingerprint allow exactly the same references.
   *
   * @return the fingerprint, a SHA-256 in hex
   */
  public String fingerprint() {
    return fingerprint;
  }

  /**
   * The number of classes this allow-list makes referenceable.
   *
   * @return the number of referenceable classes; 0 or more
   */
  public int size() {
    Set<String> all = new TreeSet<>(parts.get(0).referenceable());
    for (Rules part : parts) {
      all.retainAll(part.referenceable());
    }
    return all.size();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AllowList && ((AllowList) other).fingerprint.equals(fingerprint);
  }

  @Override
  public int hashCode() {
    return fingerprint.hashCode();
  }

  @Override
  public String toString() {
    return "AllowList{" + size() + " classes, fingerprint " + fingerprint.substring(0, 12) + "}";
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new RexecBugException("SHA-256 is required on every JDK", e);
    }
  }

  /** One parsed list: classes allowed whole, and member rules per class. */
  private static final class Rules {
    private final Set<String> wholeClasses;
    private final Map<String, MemberRules> membersByClass;
    private final String fingerprint;

    Rules(Set<String> wholeClasses, Map<String, MemberRules> membersByClass) {
      this.wholeClasses = Set.copyOf(wholeClasses);
      this.membersByClass = Map.copyOf(membersByClass);
      StringBuilder canonical = new StringBuilder();
      new TreeSet<>(wholeClasses).forEach(type -> canonical.append(type).append('\n'));
      new TreeMap<>(membersByClass)
          .forEach((type, rules) -> canonical.append(type).append(rules.canonical()).append('\n'));
      this.fingerprint = sha256(canonical.toString());
    }

    boolean allowsClass(String internalName) {
      return wholeClasses.contains(internalName) || membersByClass.containsKey(internalName);
    }

    boolean allowsMember(String declaringClass, String name, String descriptor) {
      MemberRules rules = membersByClass.get(declaringClass);
      if (rules != null) {
        if (rules.excludes(name, descriptor)) {
          return false;
        }
        if (rules.allows(name, descriptor)) {
          return true;
        }
      }
      return wholeClasses.contains(declaringClass);
    }

    Rules allowing(AllowListParser.Entry entry) {
      Set<String> whole = new HashSet<>(wholeClasses);
      Map<String, MemberRules> members = new HashMap<>(membersByClass);
      if (entry.member() == null) {
        whole.add(entry.owner());
      } else {
        MemberRules rules = members.getOrDefault(entry.owner(), MemberRules.NONE);
        members.put(entry.owner(), rules.with(entry.member(), true));
      }
      return new Rules(whole, members);
    }

    Rules denying(AllowListParser.Entry entry) {
      Set<String> whole = new HashSet<>(wholeClasses);
      Map<String, MemberRules> members = new HashMap<>(membersByClass);
      if (entry.member() == null) {
        whole.remove(entry.owner());
        members.remove(entry.owner());
      } else {
        MemberRules rules = members.getOrDefault(entry.owner(), MemberRules.NONE);
        members.put(entry.owner(), rules.with(entry.member(), false));
      }
      return new Rules(whole, members);
    }

    Set<String> referenceable() {
      Set<String> all = new TreeSet<>(wholeClasses);
      all.addAll(membersByClass.keySet());
      return all;
    }
  }

  /** The allowed and excluded members of one class, by name or by name and parameters. */
  static final class MemberRules {
    // Keys are a bare name ("getName") or a name with the parameter part of the descriptor
    // ("sleep(J)"), as written in the file.
    private final Set<String> allowed;
    private final Set<String> excluded;

    static final MemberRules NONE = new MemberRules(Set.of(), Set.of());

    MemberRules(Set<String> allowed, Set<String> excluded) {
      this.allowed = Set.copyOf(allowed);
      this.excluded = Set.copyOf(excluded);
    }

    /** These rules with {@code key} allowed (and not excluded), or excluded (and not allowed). */
    MemberRules with(String key, boolean allow) {
      Set<String> newAllowed = new HashSet<>(allowed);
      Set<String> newExcluded = new HashSet<>(excluded);
      (allow ? newAllowed : newExcluded).add(key);
      (allow ? newExcluded : newAllowed).remove(key);
      return new MemberRules(newAllowed, newExcluded);
    }

    boolean allows(String name, String descriptor) {
      return matches(allowed, name, descriptor);
    }

    boolean excludes(String name, String descriptor) {
      return matches(excluded, name, descriptor);
    }

    private static boolean matches(Set<String> keys, String name, String descriptor) {
      if (keys.contains(name)) {
        return true;
      }
      if (descriptor == null) {
        return false;
      }
      int parametersEnd = descriptor.indexOf(')');
      return keys.contains(name + descriptor.substring(0, parametersEnd + 1));
    }

    String canonical() {
      return " +" + new TreeSet<>(allowed) + " -" + new TreeSet<>(excluded);
    }
  }

  /** Holder of the parsed default list, read once on first use. */
  private static final class Defaults {
    static final AllowList INSTANCE = load();

    private static AllowList load() {
      try (InputStream in = AllowList.class.getResourceAsStream(DEFAULT_RESOURCE)) {
        if (in == null) {
          throw new RexecBugException("the default allow-list resource is missing");
        }
        return parse(DEFAULT_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
