package org.rexec.rewrite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rexec.policy.Rule;
import org.rexec.runtime.RefusalSite;

/**
 * The record of one class being rewritten, shared by the stages of {@link Rewriter#STAGES}.
 * Who writes and who reads what:
 *
 * <ul>
 *   <li>{@code rules}, {@code resolver}, {@code selection}: fixed collaborators, made by the
 *       {@link Rewriter}; asked by the stages that judge ({@link StructureCheck}, {@link
 *       DispatchBridge}, {@link ReferenceCheck}) and route ({@link HandleBridge}, {@link
 *       Interposer}).
 *   <li>{@code className}, {@code isInterface}: written once, by {@link StructureCheck} from the
 *       class header; read by every stage that plants code (to reach the cell field) and by
 *       {@link HandleBridge} and {@link CellFieldInjector} (how to declare what they add).
 *   <li>{@code claimedSizes}: written once, by {@link StructureCheck} from the class's
 *       supertypes; read by {@link AllocationGuard}.
 *   <li>{@code refusals}, {@code known}: appended through {@link #record} and {@link
 *       #recordRefusingShim} by the judging stages; read by the {@link Rewriter} for the result.
 *   <li>{@code initializerRefusals}: appended by {@link StructureCheck} and {@link
 *       DispatchBridge}; read by {@link CellFieldInjector}, which plants them in the static
 *       initializer.
 *   <li>{@code rejections}: appended through {@link #reject} and {@link #record} by {@link
 *       StructureCheck}, {@link DispatchBridge}, {@link AllocationGuard} and the {@link
 *       Rewriter}; read by {@link DispatchBridge} (no bridges for a rejected class) and the
 *       {@link Rewriter} (a rejected class is not defined).
 * </ul>
 *
 * <p>So the guards ({@link MonitorGuard} to {@link HandlerGuard}) read only {@code className}
 * (and {@link AllocationGuard} {@code claimedSizes}), and of them only {@link AllocationGuard}
 * writes (a rejection).
 */
final class ClassRewrite {

  final ReferenceRules rules;
  final Resolver resolver;
  final Selection selection;

  /** Internal name, set when the class header is visited. */
  String className = "";

  /** Whether the class is an interface. */
  boolean isInterface;

  /**
   * The methods whose result is a size the JDK allocates by (name and descriptor, to the bytes
   * one unit takes as a power of two): {@code size()I} of a collection or map, {@code length()I}
   * of a {@code CharSequence}.
   */
  final Map<String, Integer> claimedSizes = new HashMap<>();

  /** Refusals planted as guards where the reference is. */
  final List<RefusalSite> refusals = new ArrayList<>();

  /** Refusals planted in the static initializer: refused supertypes. */
  final List<RefusalSite> initializerRefusals = new ArrayList<>();

  /**
   * Every refusal known before the class runs, in the order the check met it (class-file
   * order): the refused references, and the calls of interposed members that refuse whatever
   * their arguments. What {@code Cell.check} lists.
   */
  final List<RefusalSite> known = new ArrayList<>();

  /** Why the class is refused as a whole; empty if it is not. */
  final List<RefusalSite> rejections = new ArrayList<>();

  /**
   * Refused references one class may have. Each is a site kept in the rewrite (and its cache)
   * and planted as a constant; a crafted class of a few megabytes could otherwise hold a million
   * of them. Past this, the class is rejected whole and no more sites are made.
   */
  static final int MAX_REFUSALS = 4_096;

  private boolean tooManyRefusals;
  private String javaName;
  private String javaNameOf;

  ClassRewrite(ReferenceRules rules, Resolver resolver, Selection selection) {
    this.rules = rules;
    this.resolver = resolver;
    this.selection = selection;
  }

  /**
   * Records a refusal or rejection at a site; returns the site to plant, or {@code null} when
   * the decision plants nothing.
   */
  RefusalSite record(Decision decision, String methodName, int line) {
    switch (decision.verdict()) {
      case REFUSE: {
        if (refusals.size() == MAX_REFUSALS) {
          if (!tooManyRefusals) {
            tooManyRefusals = true;
            reject("define", "more than " + MAX_REFUSALS + " refused references in one class",
                Rule.CLASS_SIZE);
          }
          // Nothing is planted: a rejected class is never defined.
          return null;
        }
        RefusalSite site = site(decision, methodName, line);
        refusals.add(site);
        known.add(site);
        return site;
      }
      case REJECT:
        if (rejections.size() < MAX_REFUSALS) {
          rejections.add(site(decision, methodName, line));
        }
        return null;
      default:
        return null;
    }
  }

  /**
   * Records a use of an interposed member whose shim refuses every call: nothing is planted
   * (the shim refuses and records when the call runs), but a check lists it. At most {@link
   * #MAX_REFUSALS} are kept, as the guarded ones.
   */
  void recordRefusingShim(Decision decision, String operation, String detail, String methodName,
      int line) {
    if (decision.verdict() != Decision.Verdict.INTERPOSE || decision.shim().refuses() == null
        || known.size() >= 2 * MAX_REFUSALS) {
      return;
    }
    known.add(
        new RefusalSite(operation, detail, decision.shim().refuses(), javaName(), methodName, line));
  }

  /** Records a rejection of the whole class. */
  void reject(String operation, String detail, Rule rule) {
    rejections.add(new RefusalSite(operation, detail, rule, javaName(), "", -1));
  }

  private RefusalSite site(Decision decision, String methodName, int line) {
    return new RefusalSite(
        decision.operation(), decision.detail(), decision.rule(), javaName(), methodName, line);
  }

  /** The class's binary name, made once: every site of the class holds the same string. */
  String javaName() {
    if (javaNameOf != className) {
      javaName = className.replace('/', '.');
      javaNameOf = className;
    }
    return javaName;
  }

}
