package org.rexec.rewrite;

import org.rexec.jdk.CompressingStreams;
import org.rexec.policy.Rule;
import org.rexec.runtime.NativeCompressors;

/**
 * The underlying stream of a compressing stream that made its own compressor is rexec's
 * pass-through, which holds the compressor's reservation ({@code CompressorStreams}): a subclass
 * that closed it, or replaced it so that it is collected, would release the reservation while the
 * stream's compressor and its native memory live on. So a class that extends one of the
 * compressing streams may not name the protected {@code out} or {@code in} of {@code
 * FilterOutputStream} / {@code FilterInputStream} (whatever class the instruction names: the
 * verifier lets it reach only its own instances).
 */
final class CompressingStreamFields {

  private CompressingStreamFields() {}

  /**
   * The refusal of a use of field {@code declaring.name} in class {@code user}, or null if it is
   * not one of the underlying stream fields, or {@code user} is not a compressing stream.
   */
  static Decision check(Resolver resolver, String user, String declaring, String name) {
    boolean underlying = CompressingStreams.isUnderlying(declaring, name);
    if (!underlying || user == null) {
      return null;
    }
    for (String stream : CompressingStreams.STREAMS) {
      if (resolver.isSubclass(user, stream)) {
        return Decision.refuse(
            "field",
            declaring.replace('/', '.')
                + "."
                + name
                + " in a subclass of "
                + stream.replace('/', '.')
                + " (it holds the reservation of the stream's compressor)",
            Rule.NATIVE_COMPRESSORS);
      }
    }
    return null;
  }
}
