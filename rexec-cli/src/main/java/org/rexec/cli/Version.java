package org.rexec.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, and the Java runtime it runs on. */
final class Version implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "rexec " + (version == null ? "(development build)" : version),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
