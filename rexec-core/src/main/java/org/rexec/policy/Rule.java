package org.rexec.policy;

/**
 * The rules that refuse what a cell attempts: the one list of their names, as violations, JSON
 * and the JDK exceptions a cell sees show them ({@code (rule: file-read)}).
 *
 * <p>It lives in the policy package because every layer names rules: the rewriter when it
 * refuses a reference, the runtime and the file system when they refuse an operation, the API in
 * each {@code Violation}. docs/POLICY.md's rule table lists exactly these (a test compares them).
 */
public enum Rule {
  /** A JDK class or member that is not on the cell's allow-list. */
  ALLOW_LIST("allow-list"),
  /**
   * A JDK method that the cell's own types would make reachable by virtual dispatch, where the
   * rewriter cannot route it as it routes a direct call.
   */
  DISPATCH("dispatch"),
  /** Untrusted code referenced or declared something of rexec's own packages. */
  RUNTIME_PACKAGE("runtime-package"),
  /** A class of the supervisor's (on the host's class path) that cell code asked for by name. */
  HOST_CLASSES("host-classes"),
  /** Untrusted code declared or referenced a name reserved for rexec ({@code $rexec$...}). */
  RESERVED_NAME("reserved-name"),
  /** A class in a package of the JDK or of the host. */
  RESERVED_PACKAGE("reserved-package"),
  /** A native method. */
  NATIVE_METHOD("native-method"),
  /** A class file version or feature the rewriter does not model. */
  CLASS_VERSION("class-version"),
  /** A class file larger than the policy allows, or a chain of superclasses too deep. */
  CLASS_SIZE("class-size"),
  /** Reading, listing or stat'ing a path that no grant covers. */
  FILE_READ("file-read"),
  /** Creating, writing, renaming or deleting where no writable grant covers. */
  FILE_WRITE("file-write"),
  /** A symbolic link whose target lies outside the grants. */
  FILE_ESCAPE("file-escape"),
  /** Creating a link whose ends are not both inside writable grants. */
  FILE_LINK("file-link"),
  /** The host's /proc, /sys and /dev describe the supervisor's process and machine. */
  SYSTEM_FILES("system-files"),
  /** Opening a FIFO, socket or device, which can block without end or is not a file at all. */
  SPECIAL_FILES("special-files"),
  /** Holding more open files, directory streams or watch services than a cell may. */
  OPEN_FILES("open-files"),
  /** Changing a file's owner or group, which are the host's users. */
  FILE_OWNER("file-owner"),
  /** Setting an attribute other than times and permissions (mode bits, ids, other views). */
  FILE_ATTRIBUTES("file-attributes"),
  /** The scratch directory is full. */
  DISK("disk"),
  /** Mapping a file into memory. */
  MEMORY_MAPPING("memory-mapping"),
  /** Creating another file system, or writing a zip file system. */
  FILE_SYSTEMS("file-systems"),
  /** Making the cell's root thread group a daemon group, or destroying it. */
  THREAD_GROUPS("thread-groups"),
  /** Holding more zlib compressors alive at once than a cell may. */
  NATIVE_COMPRESSORS("native-compressors"),
  /** More named loggers than a cell may create. */
  LOGGING("logging"),
  /** Looking up or connecting to a host and port that is not granted. */
  ALLOW_NET("allow-net"),
  /** Building more {@code HttpClient}s than a cell may. */
  HTTP_CLIENTS("http-clients"),
  /** Listening on a port that is not granted. */
  ALLOW_LISTEN("allow-listen"),
  /** Starting a process. */
  PROCESSES("processes"),
  /** Loading a native library. */
  NATIVE_CODE("native-code");

  private final String label;

  Rule(String label) {
    this.label = label;
  }

  /**
   * The rule's name as users see it, e.g. {@code file-read}.
   *
   * @return the label: lower case, words joined by {@code -}
   */
  public String label() {
    return label;
  }

  /**
   * The rule whose {@link #label()} is {@code label}; throws if there is none.
   *
   * @param label a rule's label, e.g. {@code file-read}; case matters
   * @return the rule
   * @throws IllegalArgumentException if no rule has that label
   */
  public static Rule ofLabel(String label) {
    for (Rule rule : values()) {
      if (rule.label.equals(label)) {
        return rule;
      }
    }
    throw new IllegalArgumentException("no such rule: " + label);
  }

  /** The {@link #label()}, so that a rule joined into a message reads as its name. */
  @Override
  public String toString() {
    return label;
  }
}
