package org.rexec.rewrite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rexec.runtime.RefusalSite;

/**
 * The outcome of rewriting one class: the bytes to define, or the reasons it is refused.
 *
 * <p>Immutable; {@link #bytes()} is shared and must not be modified.
 */
public final class RewriteResult {

  private final byte[] bytes;
  private final List<RefusalSite> refusals;
  private final List<RefusalSite> rejections;
  private final List<RefusalSite> known;
  private final Map<String, String> dependencies;
  private final List<String> jdkClasses;
  private final long retainedBytes;

  RewriteResult(
      byte[] bytes,
      List<RefusalSite> refusals,
      List<RefusalSite> rejections,
      List<RefusalSite> known,
      Map<String, String> dependencies,
      List<String> jdkClasses) {
    this.bytes = bytes;
    this.jdkClasses = List.copyOf(jdkClasses);
    this.refusals = List.copyOf(refusals);
    this.rejections = List.copyOf(rejections);
    this.known = List.copyOf(known);
    // Values may be null (an absent class), which Map.copyOf refuses.
    this.dependencies = Collections.unmodifiableMap(new HashMap<>(dependencies));
    this.retainedBytes = measure();
  }

  /**
   * About how many bytes of heap this result keeps: the class file, and every string of its
   * sites, dependencies and JDK classes (two bytes a character, as the program's names may be
   * any characters), each with an object's overhead. What a cache holding it counts.
   */
  public long retainedBytes() {
    return retainedBytes;
  }

  private long measure() {
    long total = 256 + (bytes == null ? 0 : bytes.length);
    // The refusals are among the known sites, which hold the same objects.
    for (List<RefusalSite> sites : List.of(known, rejections)) {
      for (RefusalSite site : sites) {
        total += 64 + chars(site.operation()) + chars(site.detail()) + chars(site.rule().label())
            + chars(site.className()) + chars(site.methodName());
      }
    }
    for (Map.Entry<String, String> dependency : dependencies.entrySet()) {
      total += 64 + chars(dependency.getKey()) + chars(dependency.getValue());
    }
    for (String jdkClass : jdkClasses) {
      total += 32 + chars(jdkClass);
    }
    return total;
  }

  private static long chars(String text) {
    return text == null ? 0 : 40 + 2L * text.length();
  }

  /** The rewritten class file, or {@code null} if the class is {@linkplain #isRejected() rejected}. */
  public byte[] bytes() {
    return bytes;
  }

  /** Whether no policy allows the class: it must not be defined. */
  public boolean isRejected() {
    return !rejections.isEmpty();
  }

  /** Why the class is rejected; empty if it is not. */
  public List<RefusalSite> rejections() {
    return rejections;
  }

  /** The refused references, each now guarded: what strict mode refuses the class for. */
  public List<RefusalSite> refusals() {
    return refusals;
  }

  /**
   * Every refusal known before the class runs, in class-file order: the refused references,
   * and the uses of interposed members that refuse every call (starting a process, loading
   * native code), which run to their shim and are not {@linkplain #refusals() refusals} of the
   * class. Refusals that depend on values (a path, an address) are known only at run time.
   */
  public List<RefusalSite> knownRefusals() {
    return known;
  }

  /** Every violation of the class: rejections, then refusals. */
  public List<RefusalSite> violations() {
    if (rejections.isEmpty()) {
      return refusals;
    }
    List<RefusalSite> all = new ArrayList<>(rejections);
    all.addAll(refusals);
    return List.copyOf(all);
  }

  /**
   * The JDK classes the rewritten class names that the allow-list allows (binary names): to be
   * initialized before the class is defined, on a thread with a full stack, so that no cell
   * thread ever initializes them at the edge of its stack.
   */
  public List<String> jdkClasses() {
    return jdkClasses;
  }

  /** The cell classes the rewrite consulted, with their hashes ({@code null}: absent). */
  Map<String, String> dependencies() {
    return dependencies;
  }
}
