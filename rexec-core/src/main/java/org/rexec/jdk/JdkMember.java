package org.rexec.jdk;

import java.util.Objects;

/**
 * A method or constructor of the JDK as bytecode names it: the class a call names (a call may
 * name a subclass of the class that declares the method), the name ({@code <init>} for a
 * constructor), the descriptor, and the first Java feature release that has it.
 *
 * @param owner internal name of the class a call names, e.g. {@code java/util/ArrayList}
 * @param name method name, or {@code <init>}
 * @param descriptor method descriptor, e.g. {@code (I)V}
 * @param since the first feature release (17 or later) whose JDK has the member; on older ones
 *     a call of it cannot link, and the catalogue test checks that it is absent there
 */
public record JdkMember(String owner, String name, String descriptor, int since) {

  /** The oldest JDK rexec runs on: a member with this {@code since} is in every supported JDK. */
  public static final int BASELINE = 17;

  public JdkMember {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(descriptor, "descriptor");
    if (since < BASELINE) {
      throw new IllegalArgumentException(
          "since must be at least " + BASELINE + ", was " + since + " for " + owner + "." + name);
    }
  }

  /** A member every supported JDK has. */
  public static JdkMember of(String owner, String name, String descriptor) {
    return new JdkMember(owner, name, descriptor, BASELINE);
  }

  /** The key the tables look calls up by: {@code owner.name descriptor}, no space. */
  public String key() {
    return key(owner, name, descriptor);
  }

  /** The key of a call instruction naming {@code owner.name descriptor}. */
  public static String key(String owner, String name, String descriptor) {
    return owner + '.' + name + descriptor;
  }

  @Override
  public String toString() {
    return key() + (since == BASELINE ? "" : " (since " + since + ")");
  }
}
