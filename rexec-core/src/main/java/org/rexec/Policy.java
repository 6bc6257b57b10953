package org.rexec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.rexec.policy.Access;
import org.rexec.fs.CellFiles;
import org.rexec.fs.Mount;
import java.time.Duration;
import org.rexec.policy.AllowList;
import org.rexec.policy.Limits;
import org.rexec.policy.NetworkGrants;
import org.rexec.rewrite.Packages;
import org.rexec.rewrite.Rewriter;

/**
 * What a cell may do: the allow-list of JDK members its code may reference, the files it may
 * read and write, the environment and properties it sees, how much a run may use (its
 * {@link Limits}), and how strictly refusals are handled.
 * Immutable; build one with {@link #builder()}. Everything not granted is denied.
 *
 * <pre>{@code
 * Policy policy = Policy.builder()
 *     .allowRead(Path.of("data"))                      // seen at its own (absolute) path
 *     .mount(Path.of("out"), "/out", Access.WRITE)     // seen at /out
 *     .file("/input.txt", bytes)                       // served from memory
 *     .allowConnect("api.example.com", 443)            // and look it up
 *     .grantEnv("LANG")
 *     .timeout(Duration.ofSeconds(2))
 *     .build();
 * }</pre>
 */
public final class Policy {

  /** The default largest class file a cell may load: 4 MiB. */
  public static final int DEFAULT_MAX_CLASS_FILE_BYTES = 4 << 20;

  /** The default bound on the bytes in a cell's scratch directory: 64 MiB. */
  public static final long DEFAULT_DISK_BYTES = 64L << 20;

  /** The default bound on the files and directories in a cell's scratch directory. */
  public static final int DEFAULT_DISK_FILES = 1000;

  private final AllowList allowList;
  private final List<Mount> mounts;
  private final Map<String, byte[]> files;
  private final String workingDirectory;
  private final long diskBytes;
  private final int diskFiles;
  private final NetworkGrants network;
  private final boolean strict;
  private final Map<String, String> environment;
  private final Map<String, String> properties;
  private final int maxClassFileBytes;
  private final Limits limits;

  private Policy(Builder builder) {
    this.allowList = builder.allowList;
    this.strict = builder.strict;
    this.environment = Collections.unmodifiableMap(new TreeMap<>(builder.environment));
    this.properties = Collections.unmodifiableMap(new TreeMap<>(builder.properties));
    this.maxClassFileBytes = builder.maxClassFileBytes;
    this.mounts = List.copyOf(builder.mounts);
    Map<String, byte[]> copies = new TreeMap<>();
    builder.files.forEach((path, content) -> copies.put(path, content.clone()));
    this.files = Collections.unmodifiableMap(copies);
    this.workingDirectory = builder.workingDirectory;
    this.diskBytes = builder.diskBytes;
    this.diskFiles = builder.diskFiles;
    this.network = builder.network;
    this.limits = builder.limits;
  }

  /**
   * The default policy: the default allow-list, nothing granted, refusals at the call site.
   *
   * @return a policy equal to {@code builder().build()}
   */
  public static Policy defaults() {
    return builder().build();
  }

  /**
   * A builder starting from {@link #defaults()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from this policy.
   *
   * @return a new builder holding every setting of this policy; this policy does not change
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * The JDK classes and members cell code may reference.
   *
   * @return the allow-list; never null
   */
  public AllowList allowList() {
    return allowList;
  }

  /**
   * Whether a class with any refused reference is refused as a whole at load, with the complete
   * list of its violations. When false (the default), each refused reference throws only if and
   * when it executes.
   *
   * @return {@code true} if a class with a refused reference is refused at load
   */
  public boolean strict() {
    return strict;
  }

  /**
   * The environment variables the cell sees through {@code System.getenv}, with their values.
   *
   * @return the variables by name, sorted, unmodifiable; empty if none is granted
   */
  public Map<String, String> environment() {
    return environment;
  }

  /**
   * System properties the cell sees in addition to, or instead of, the standard ones.
   *
   * @return the properties by key, sorted, unmodifiable; empty if none is set
   */
  public Map<String, String> properties() {
    return properties;
  }

  /**
   * Class files larger than this are refused.
   *
   * @return the largest class file a cell may load, in bytes; positive
   */
  public int maxClassFileBytes() {
    return maxClassFileBytes;
  }

  /**
   * The host files and directories the cell sees, and where: {@code allowRead} and
   * {@code allowWrite} grants appear at their own paths, {@code mount}s where they say. For the
   * cell's file system; {@link #toString()} describes them to a supervisor.
   */
  List<Mount> mounts() {
    return mounts;
  }

  /**
   * Read-only files given from memory, by cell path. The arrays are copies: do not modify.
   *
   * @return the contents by absolute, normalized cell path, sorted, unmodifiable; empty if none
   */
  public Map<String, byte[]> files() {
    return files;
  }

  /**
   * The cell's working directory (its {@code user.dir}), or its scratch directory if unset.
   *
   * @return the absolute, normalized cell path of the working directory; empty if unset
   */
  public Optional<String> workingDirectory() {
    return Optional.ofNullable(workingDirectory);
  }

  /**
   * The most bytes the cell's scratch directory may hold.
   *
   * @return the bound in bytes; positive
   */
  public long diskBytes() {
    return diskBytes;
  }

  /**
   * The most files and directories the cell's scratch directory may hold.
   *
   * @return the bound in files and directories together; positive
   */
  public int diskFiles() {
    return diskFiles;
  }

  /**
   * The hosts the cell may connect to and look up, and the ports it may listen on.
   *
   * @return the network grants; {@link NetworkGrants#NONE} unless a host or port is granted
   */
  public NetworkGrants network() {
    return network;
  }

  /**
   * How much one run of the cell may use.
   *
   * @return the run limits; never null
   */
  public Limits limits() {
    return limits;
  }

  /**
   * The policy for a cell nested in one with this policy that asks for {@code requested}: it
   * never has more than this one. The allow-list is the intersection; strict if either is; the
   * environment holds the variables both grant, with this policy's values; the smaller class
   * file limit, disk bounds and run limits apply; a file grant is kept only where this policy grants the
   * same host files, with the lesser access.
   *
   * <p>Package-private on purpose: nothing calls it yet and nothing tests it. Widening a nested
   * cell is an escape, so this becomes API only with nested cells (issue 13), tested there to
   * that standard; until then no supervisor may rely on it.
   */
  Policy narrow(Policy requested) {
    Map<String, String> sharedEnvironment = new LinkedHashMap<>();
    environment.forEach(
        (name, value) -> {
          if (requested.environment.containsKey(name)) {
            sharedEnvironment.put(name, value);
          }
        });
    Builder narrowed = new Builder();
    narrowed.allowList = allowList.intersect(requested.allowList);
    narrowed.strict = strict || requested.strict;
    narrowed.environment.putAll(sharedEnvironment);
    narrowed.properties.putAll(properties);
    narrowed.properties.putAll(requested.properties);
    narrowed.maxClassFileBytes = Math.min(maxClassFileBytes, requested.maxClassFileBytes);
    for (Mount wanted : requested.mounts) {
      for (Mount held : mounts) {
        if (wanted.hostPath().startsWith(held.hostPath())) {
          Access access = held.access() == Access.WRITE ? wanted.access() : Access.READ;
          narrowed.mounts.add(
              new Mount(wanted.cellPath(), wanted.hostPath(), access, wanted.rule()));
          break;
        }
      }
    }
    narrowed.files.putAll(requested.files);
    narrowed.workingDirectory = requested.workingDirectory;
    narrowed.diskBytes = Math.min(diskBytes, requested.diskBytes);
    narrowed.diskFiles = Math.min(diskFiles, requested.diskFiles);
    narrowed.network = requested.network.intersect(network);
    narrowed.limits = limits.intersect(requested.limits);
    return narrowed.build();
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Policy)) {
      return false;
    }
    Policy that = (Policy) other;
    return allowList.equals(that.allowList)
        && strict == that.strict
        && environment.equals(that.environment)
        && properties.equals(that.properties)
        && maxClassFileBytes == that.maxClassFileBytes
        && mounts.equals(that.mounts)
        && sameFiles(that.files)
        && Objects.equals(workingDirectory, that.workingDirectory)
        && diskBytes == that.diskBytes
        && diskFiles == that.diskFiles
        && network.equals(that.network)
        && limits.equals(that.limits);
  }

  private boolean sameFiles(Map<String, byte[]> other) {
    if (!files.keySet().equals(other.keySet())) {
      return false;
    }
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      if (!Arrays.equals(file.getValue(), other.get(file.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        allowList, strict, environment, properties, maxClassFileBytes, mounts, files.keySet(),
        workingDirectory, diskBytes, diskFiles, network, limits);
  }

  /** Readable, and never shows the values of granted environment variables. */
  @Override
  public String toString() {
    return "Policy{allowList="
        + allowList
        + ", strict="
        + strict
        + ", env="
        + environment.keySet()
        + ", properties="
        + properties.keySet()
        + ", maxClassFileBytes="
        + maxClassFileBytes
        + ", files="
        + describeMounts()
        + (files.isEmpty() ? "" : ", inMemory=" + files.keySet())
        + (workingDirectory == null ? "" : ", workingDirectory=" + workingDirectory)
        + ", disk="
        + diskBytes
        + " bytes/"
        + diskFiles
        + " files, network="
        + network
        + ", limits="
        + limits
        + "}";
  }

  private String describeMounts() {
    StringBuilder text = new StringBuilder("[");
    for (Mount mount : mounts) {
      if (text.length() > 1) {
        text.append(", ");
      }
      text.append(mount.rule()).append(' ').append(mount.hostPath());
      if (!mount.cellPath().equals(mount.hostPath().toString())) {
        text.append(" at ").append(mount.cellPath());
      }
      text.append(mount.access() == Access.WRITE ? " (rw)" : " (ro)");
    }
    return text.append(']').toString();
  }

  /** Builds a {@link Policy}; setters validate their argument. */
  public static final class Builder {
    private AllowList allowList = AllowList.defaults();
    private boolean strict;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private int maxClassFileBytes = DEFAULT_MAX_CLASS_FILE_BYTES;
    private final List<Mount> mounts = new ArrayList<>();
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private String workingDirectory;
    private long diskBytes = DEFAULT_DISK_BYTES;
    private int diskFiles = DEFAULT_DISK_FILES;
    private NetworkGrants network = NetworkGrants.NONE;
    private Limits limits = Limits.defaults();

    private Builder() {}

    private Builder(Policy policy) {
      this.allowList = policy.allowList;
      this.strict = policy.strict;
      this.environment.putAll(policy.environment);
      this.properties.putAll(policy.properties);
      this.maxClassFileBytes = policy.maxClassFileBytes;
      this.mounts.addAll(policy.mounts);
      this.files.putAll(policy.files);
      this.workingDirectory = policy.workingDirectory;
      this.diskBytes = policy.diskBytes;
      this.diskFiles = policy.diskFiles;
      this.network = policy.network;
      this.limits = policy.limits;
    }

    /**
     * Replaces the allow-list (default: {@link AllowList#defaults()}).
     *
     * @param allowList the new allow-list; not null
     * @return this builder
     */
    public Builder allowList(AllowList allowList) {
      this.allowList = Objects.requireNonNull(allowList, "allowList");
      return this;
    }

    /**
     * Allows one more JDK class or member (see {@link AllowList#allowing}): {@code
     * java.util.zip.Deflater}, {@code java.lang.Thread#getThreadGroup()}. Only the JDK's classes
     * can be named; interposed members still reach the cell's builtins, and rexec's classes stay
     * unreachable whatever the list says.
     *
     * <p>Security: each addition widens the cell. Reflection, class loaders, method handles,
     * {@code Unsafe} and the like let code reach what the rewriter cannot see; see {@code
     * docs/POLICY.md} for what the default list leaves out and why.
     *
     * @param entry a class ({@code java.util.zip.Deflater}) or member ({@code
     *     java.lang.Thread#getThreadGroup()}) of the JDK, in {@link AllowList}'s syntax; not null
     * @return this builder
     * @throws IllegalArgumentException for a malformed entry, or a class that is not the JDK's
     */
    public Builder allow(String entry) {
      requireJdkClass(entry);
      allowList = allowList.allowing(entry);
      return this;
    }

    /**
     * Refuses one JDK class or member that the allow-list would allow (see {@link
     * AllowList#denying}).
     *
     * @param entry a class or member, in {@link AllowList}'s syntax
     * @return this builder
     * @throws IllegalArgumentException for a malformed entry, or an interposed member: the
     *     cell's builtin answers it whatever the list says, so denying it would do nothing
     */
    public Builder deny(String entry) {
      AllowList denied = allowList.denying(entry);
      int hash = entry.indexOf('#');
      if (hash >= 0) {
        int parameters = entry.indexOf('(', hash);
        String member = entry.substring(hash + 1, parameters < 0 ? entry.length() : parameters);
        if (Rewriter.isInterposed(entry.substring(0, hash).strip(), member.strip())) {
          throw new IllegalArgumentException(
              "cannot deny " + entry.strip() + ": it is interposed (the cell's builtin answers"
                  + " it, within the policy's grants and limits); deny has no effect on it");
        }
      }
      allowList = denied;
      return this;
    }

    private static void requireJdkClass(String entry) {
      Objects.requireNonNull(entry, "entry");
      String className = entry.strip();
      int hash = className.indexOf('#');
      if (hash >= 0) {
        className = className.substring(0, hash);
      }
      if (Packages.isRexec(className.replace('.', '/'))) {
        throw new IllegalArgumentException(
            "rexec's own classes cannot be allowed: " + className);
      }
      try {
        // The platform loader sees the JDK's modules only; nothing is initialized.
        Class.forName(className, false, ClassLoader.getPlatformClassLoader());
      } catch (ClassNotFoundException | LinkageError | IllegalArgumentException notJdk) {
        throw new IllegalArgumentException(
            "not a class of the JDK: " + className + " (only the JDK's classes and members can"
                + " be allowed)");
      }
    }

    /**
     * See {@link Policy#strict()}.
     *
     * @param strict {@code true} to refuse a class with any refused reference at load
     * @return this builder
     */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /**
     * Lets the cell see the supervisor's value of environment variable {@code name}, read now;
     * if the supervisor's environment has no such variable, the cell does not see it either.
     *
     * @param name the variable's name: not empty, no {@code =} or NUL
     * @return this builder
     * @throws IllegalArgumentException if {@code name} is null or not a variable name
     */
    public Builder grantEnv(String name) {
      checkEnvName(name);
      String value = System.getenv(name);
      if (value != null) {
        environment.put(name, value);
      }
      return this;
    }

    /**
     * Lets the cell see environment variable {@code name} with {@code value}.
     *
     * @param name the variable's name: not empty, no {@code =} or NUL
     * @param value the value the cell sees; not null, may be empty
     * @return this builder
     * @throws IllegalArgumentException if {@code name} is null or not a variable name
     */
    public Builder env(String name, String value) {
      checkEnvName(name);
      environment.put(name, Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets a system property the cell sees; it replaces a standard one of the same name.
     *
     * @param key the property's name; not empty
     * @param value the value the cell sees; not null, may be empty
     * @return this builder
     * @throws IllegalArgumentException if {@code key} is null or empty
     */
    public Builder property(String key, String value) {
      if (key == null || key.isEmpty()) {
        throw new IllegalArgumentException("property key must be non-empty, was " + key);
      }
      properties.put(key, Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * See {@link Policy#maxClassFileBytes()}; must be positive.
     *
     * @param maxClassFileBytes the largest class file a cell may load, in bytes (default {@value
     *     Policy#DEFAULT_MAX_CLASS_FILE_BYTES})
     * @return this builder
     * @throws IllegalArgumentException if {@code maxClassFileBytes} is 0 or negative
     */
    public Builder maxClassFileBytes(int maxClassFileBytes) {
      if (maxClassFileBytes <= 0) {
        throw new IllegalArgumentException(
            "maxClassFileBytes must be positive, was " + maxClassFileBytes);
      }
      this.maxClassFileBytes = maxClassFileBytes;
      return this;
    }

    /**
     * Lets the cell read the host file or directory {@code hostPath} (made absolute against the
     * supervisor's working directory), which it sees at the same path.
     *
     * @param hostPath a file or directory of the host
     * @return this builder
     * @throws IllegalArgumentException if the path is the cell's scratch directory ({@code /tmp}),
     *     or a mount shows another host path there
     */
    public Builder allowRead(Path hostPath) {
      return grant(hostPath, Access.READ, "allow-read");
    }

    /**
     * As {@link #allowRead}, and lets the cell create, write, rename and delete there. A path
     * granted by both is granted the union: read and write.
     *
     * @param hostPath a file or directory of the host
     * @return this builder
     * @throws IllegalArgumentException if the path is the cell's scratch directory ({@code /tmp}),
     *     or a mount shows another host path there
     */
    public Builder allowWrite(Path hostPath) {
      return grant(hostPath, Access.WRITE, "allow-write");
    }

    private Builder grant(Path hostPath, Access access, String rule) {
      Path absolute = hostPath.toAbsolutePath().normalize();
      return add(new Mount(absolute.toString(), absolute, access, rule));
    }

    /**
     * Shows the host directory {@code hostPath} inside the cell at {@code cellPath}; the cell
     * never learns the host path.
     *
     * @param cellPath absolute, e.g. {@code /data}
     * @param hostPath the host directory, made absolute against the supervisor's working directory
     * @param access what the cell may do there: read, or read and write
     * @return this builder
     * @throws IllegalArgumentException if {@code cellPath} is the scratch directory ({@code /tmp})
     *     or another host path is already granted there
     */
    public Builder mount(Path hostPath, String cellPath, Access access) {
      return add(
          new Mount(cellPath, hostPath.toAbsolutePath().normalize(), access, "mount"));
    }

    private Builder add(Mount mount) {
      if (mount.cellPath().equals(CellFiles.SCRATCH)) {
        throw new IllegalArgumentException(
            "cannot grant " + mount.hostPath() + " at " + CellFiles.SCRATCH
                + ": that is the cell's scratch directory; mount it at another cell path");
      }
      for (int i = 0; i < mounts.size(); i++) {
        Mount existing = mounts.get(i);
        if (!existing.cellPath().equals(mount.cellPath())) {
          continue;
        }
        if (!existing.hostPath().equals(mount.hostPath())) {
          throw new IllegalArgumentException(
              "two grants at the cell path " + mount.cellPath() + ": " + existing.hostPath()
                  + " and " + mount.hostPath());
        }
        // The same place granted twice (allowRead and allowWrite of one path): the union.
        if (mount.access() == Access.WRITE) {
          mounts.set(i, mount);
        }
        return this;
      }
      mounts.add(mount);
      return this;
    }

    /**
     * Gives the cell a read-only file from memory, at an absolute cell path.
     *
     * @param cellPath where the cell sees the file, e.g. {@code /input.txt}; replaces an earlier
     *     file at the same path
     * @param content the file's bytes (copied); may be empty
     * @return this builder
     * @throws IllegalArgumentException if {@code cellPath} is null or not absolute
     */
    public Builder file(String cellPath, byte[] content) {
      if (cellPath == null || !cellPath.startsWith("/")) {
        throw new IllegalArgumentException(
            "an in-memory file needs an absolute cell path like /input.txt, was " + cellPath);
      }
      files.put(Path.of(cellPath).normalize().toString(), content.clone());
      return this;
    }

    /**
     * Sets the cell's working directory (default: its scratch directory, /tmp).
     *
     * @param cellPath an absolute cell path, e.g. {@code /data}
     * @return this builder
     * @throws IllegalArgumentException if {@code cellPath} is null or not absolute
     */
    public Builder workingDirectory(String cellPath) {
      if (cellPath == null || !cellPath.startsWith("/")) {
        throw new IllegalArgumentException(
            "the working directory must be an absolute cell path, was " + cellPath);
      }
      this.workingDirectory = Path.of(cellPath).normalize().toString();
      return this;
    }

    /**
     * Bounds the cell's scratch directory; both must be positive.
     *
     * @param maxBytes the most bytes the scratch directory may hold (default {@value
     *     Policy#DEFAULT_DISK_BYTES})
     * @param maxFiles the most files and directories it may hold (default {@value
     *     Policy#DEFAULT_DISK_FILES})
     * @return this builder
     * @throws IllegalArgumentException if either is 0 or negative
     */
    public Builder disk(long maxBytes, int maxFiles) {
      if (maxBytes <= 0 || maxFiles <= 0) {
        throw new IllegalArgumentException(
            "disk limits must be positive, were " + maxBytes + " bytes and " + maxFiles
                + " files");
      }
      this.diskBytes = maxBytes;
      this.diskFiles = maxFiles;
      return this;
    }

    /**
     * Lets the cell look up {@code host} and connect to it on any port: a name, an IP literal,
     * or {@code *} for any host.
     *
     * @param host a host name, an IP literal, or {@code *}
     * @return this builder
     */
    public Builder allowConnect(String host) {
      network = network.withConnect(host, -1);
      return this;
    }

    /**
     * Lets the cell look up {@code host} and connect to it on {@code port}.
     *
     * @param host a host name, an IP literal, or {@code *} for any host
     * @param port the port, 0 to 65535, or -1 for any
     * @return this builder
     */
    public Builder allowConnect(String host, int port) {
      network = network.withConnect(host, port);
      return this;
    }

    /**
     * Lets the cell listen on local {@code port} (0: an ephemeral port the system picks).
     *
     * @param port the local port, 0 to 65535
     * @return this builder
     */
    public Builder allowListen(int port) {
      network = network.withListen(port);
      return this;
    }

    /**
     * Replaces every run limit (default: {@link Limits#defaults()}).
     *
     * @param limits the run limits; not null
     * @return this builder
     */
    public Builder limits(Limits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * The wall time a run may take (default 10 seconds).
     *
     * @param wallTime the time from the run's start to its end, blocked time included; positive
     * @return this builder
     * @throws IllegalArgumentException if {@code wallTime} is zero or negative
     */
    public Builder timeout(Duration wallTime) {
      limits = limits.withWallTime(wallTime);
      return this;
    }

    /**
     * The CPU time a run may use, over all its threads (default 10 seconds).
     *
     * @param cpuTime the CPU time of all the run's threads together; positive
     * @return this builder
     * @throws IllegalArgumentException if {@code cpuTime} is zero or negative
     */
    public Builder cpuTime(Duration cpuTime) {
      limits = limits.withCpuTime(cpuTime);
      return this;
    }

    /**
     * The bytes a run may allocate (default 1 GiB); see {@link Limits}.
     *
     * @param bytes the bytes the run's threads may allocate in all, garbage included; positive
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is 0 or negative
     */
    public Builder memory(long bytes) {
      limits = limits.withMemory(bytes);
      return this;
    }

    /**
     * The largest single allocation the program may size (default 256 MiB).
     *
     * @param bytes the size in bytes; positive, and capped by {@link #memory} in effect
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is 0 or negative
     */
    public Builder maxAllocation(long bytes) {
      limits = limits.withMaxAllocation(bytes);
      return this;
    }

    /**
     * The threads a run may have besides its main thread, at once (default 0).
     *
     * @param threads the number of threads; 0 lets the program run on its main thread only
     * @return this builder
     * @throws IllegalArgumentException if {@code threads} is negative
     */
    public Builder threads(int threads) {
      limits = limits.withThreads(threads);
      return this;
    }

    /**
     * The bytes a run may write to standard output and error together (default 4 MiB).
     *
     * @param bytes the bytes; positive; what the program writes beyond them is dropped and the run
     *     ends with {@link RunStatus#OUTPUT_LIMIT}
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is 0 or negative
     */
    public Builder output(long bytes) {
      limits = limits.withOutput(bytes);
      return this;
    }

    /**
     * The stack size of each of the cell's threads (default 8 MiB).
     *
     * @param bytes the stack size in bytes; at least {@value Limits#MIN_STACK_BYTES}
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is less than {@value
     *     Limits#MIN_STACK_BYTES}
     */
    public Builder stack(long bytes) {
      limits = limits.withStack(bytes);
      return this;
    }

    /**
     * The policy.
     *
     * @return a new, immutable policy with this builder's settings
     */
    public Policy build() {
      return new Policy(this);
    }

    private static void checkEnvName(String name) {
      if (name == null || name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
        throw new IllegalArgumentException(
            "not an environment variable name (non-empty, no '=' or NUL): " + name);
      }
    }
  }
}
