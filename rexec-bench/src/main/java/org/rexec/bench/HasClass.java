package org.rexec.bench;

/**
 * For {@code bench/run}: exits 0 if the class named by the argument is in this build, 1 if not,
 * so that the script can skip a benchmark another branch has not delivered yet.
 */
public final class HasClass {

  private HasClass() {}

  public static void main(String[] args) {
    String resource = args[0].replace('.', '/') + ".class";
    boolean present = HasClass.class.getClassLoader().getResource(resource) != null;
    System.exit(present ? 0 : 1);
  }
}
