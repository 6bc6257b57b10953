package org.rexec.rewrite;

import org.rexec.policy.Rule;


/**
 * What the rewriter does with one reference of untrusted code.
 *
 * @param verdict the outcome
 * @param shim the shim, for {@link Verdict#INTERPOSE}
 * @param operation for refusals and rejections: what was attempted ({@code call}, ...)
 * @param detail for refusals and rejections: the target, in Java notation
 * @param rule for refusals and rejections: the rule that refused it
 */
record Decision(
    Verdict verdict, Interpositions.Shim shim, String operation, String detail, Rule rule) {

  /** The outcomes. */
  enum Verdict {
    /** The reference stays as it is. */
    ALLOW,
    /** The reference is routed to a shim. */
    INTERPOSE,
    /** A guard that throws is planted in front of the reference (or strict mode rejects). */
    REFUSE,
    /** No policy allows it: the whole class is refused at load. */
    REJECT
  }

  static final Decision ALLOWED = new Decision(Verdict.ALLOW, null, null, null, null);

  static Decision interpose(Interpositions.Shim shim) {
    return new Decision(Verdict.INTERPOSE, shim, null, null, null);
  }

  static Decision refuse(String operation, String detail, Rule rule) {
    return new Decision(Verdict.REFUSE, null, operation, detail, rule);
  }

  static Decision reject(String operation, String detail, Rule rule) {
    return new Decision(Verdict.REJECT, null, operation, detail, rule);
  }
}
