package org.rexec.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rexec.Policy;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that make a cell's policy: grants, limits, strict mode, changes to the allow-list,
 * and a policy file of the same options ({@link PolicyFile}). Each line of the file is parsed
 * into one of these and applied by {@link #apply}, as the command line is: one piece of logic
 * for both.
 */
final class PolicyOptions {

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "Read grants, limits and allow-list changes from FILE, one option a line"
          + " without its -- (docs/POLICY.md); options given here add to it and override its"
          + " limits.")
  Path policyFile;

  @Option(
      names = "--strict",
      arity = "0..1",
      paramLabel = "true|false",
      description = "Refuse the program at load if any class has a refused reference,"
          + " listing them all (default: refuse each one only when it runs).")
  Boolean strict;

  @Option(
      names = "--allow-env",
      split = ",",
      paramLabel = "VAR",
      description = "Let the program see these environment variables (default: none).")
  List<String> allowedEnv = new ArrayList<>();

  @Mixin FileGrants files = new FileGrants();

  @Mixin LimitOptions limits = new LimitOptions();

  @Option(
      names = "--allow-net",
      split = ",",
      paramLabel = "HOST[:PORT]",
      description = "Let the program look up and connect to these hosts (a name, an IP, or *"
          + " for any), on PORT or any port; IPv6 as [::1]:80 (default: none).")
  List<String> allowedNet = new ArrayList<>();

  @Option(
      names = "--allow-listen",
      split = ",",
      paramLabel = "PORT",
      description = "Let the program listen on these local ports; 0 lets it take any free port"
          + " (default: none).")
  List<Integer> allowedListen = new ArrayList<>();

  @Option(
      names = "--allow",
      paramLabel = "MEMBER",
      description = "Add a JDK class or member to the allow-list, as the allow-list file writes"
          + " it: java.util.zip.Deflater, java.lang.Thread#getThreadGroup(). Repeatable.")
  List<String> allowed = new ArrayList<>();

  @Option(
      names = "--deny",
      paramLabel = "MEMBER",
      description = "Remove a JDK class or member from the allow-list (after every --allow)."
          + " Repeatable.")
  List<String> denied = new ArrayList<>();

  /**
   * The policy: the working directory defaults to the current one; then the policy file's lines
   * in order; then the options of the command line, which add grants and override limits.
   */
  Policy.Builder policy() {
    Policy.Builder policy = Policy.builder();
    Path currentDirectory = Path.of("").toAbsolutePath().normalize();
    policy.workingDirectory(currentDirectory.toString());
    if (policyFile != null) {
      PolicyFile.apply(policyFile, policy);
    }
    apply(policy, currentDirectory);
    return policy;
  }

  /**
   * Adds these options to {@code policy}; relative host paths are resolved against {@code base}.
   *
   * @throws UserError naming the option, for a value the policy does not take
   */
  void apply(Policy.Builder policy, Path base) {
    if (strict != null) {
      policy.strict(strict);
    }
    try {
      files.apply(policy, base);
      limits.apply(policy);
      for (String grant : allowedNet) {
        addNet(policy, grant.strip());
      }
      for (int port : allowedListen) {
        policy.allowListen(port);
      }
    } catch (IllegalArgumentException invalid) {
      throw new UserError(invalid.getMessage());
    }
    for (String name : allowedEnv) {
      try {
        policy.grantEnv(name.strip());
      } catch (IllegalArgumentException e) {
        throw new UserError("--allow-env: " + e.getMessage());
      }
    }
    change("--allow", allowed, policy::allow);
    change("--deny", denied, policy::deny);
  }

  private static void change(
      String option, List<String> entries, java.util.function.Consumer<String> change) {
    for (String entry : entries) {
      try {
        change.accept(entry);
      } catch (IllegalArgumentException e) {
        throw new UserError(option + ": " + e.getMessage());
      }
    }
  }

  /** HOST, HOST:PORT, [IPV6] or [IPV6]:PORT. */
  private static void addNet(Policy.Builder policy, String grant) {
    String host = grant;
    int port = -1;
    int colon = grant.lastIndexOf(':');
    boolean bracketed = grant.startsWith("[");
    if (colon > 0 && (!bracketed || grant.lastIndexOf(']') < colon)
        && (bracketed || grant.indexOf(':') == colon)) {
      host = grant.substring(0, colon);
      try {
        port = Integer.parseInt(grant.substring(colon + 1));
      } catch (NumberFormatException notAPort) {
        throw new UserError("--allow-net: not a port in '" + grant + "'");
      }
    }
    if (host.isEmpty()) {
      throw new UserError("--allow-net: no host in '" + grant + "'");
    }
    policy.allowConnect(host, port);
  }
}
