package org.rexec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.rexec.policy.AllowList;

/**
 * What a cell may do: the allow-list of JDK members its code may reference, the environment
 * and properties it sees, and how strictly refusals are handled. Immutable; build one with
 * {@link #builder()}. Everything not granted is denied.
 *
 * <pre>{@code
 * Policy policy = Policy.builder()
 *     .strict(true)
 *     .grantEnv("LANG")
 *     .build();
 * }</pre>
 */
public final class Policy {

  /** The default largest class file a cell may load: 4 MiB. */
  public static final int DEFAULT_MAX_CLASS_FILE_BYTES = 4 << 20;

  private final AllowList allowList;
  private final boolean strict;
  private final Map<String, String> environment;
  private final Map<String, String> properties;
  private final int maxClassFileBytes;

  private Policy(Builder builder) {
    this.allowList = builder.allowList;
    this.strict = builder.strict;
    this.environment = Collections.unmodifiableMap(new TreeMap<>(builder.environment));
    this.properties = Collections.unmodifiableMap(new TreeMap<>(builder.properties));
    this.maxClassFileBytes = builder.maxClassFileBytes;
  }

  /** The default policy: the default allow-list, nothing granted, refusals at the call site. */
  public static Policy defaults() {
    return builder().build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this policy. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The JDK classes and members cell code may reference. */
  public AllowList allowList() {
    return allowList;
  }

  /**
   * Whether a class with any refused reference is refused as a whole at load, with the complete
   * list of its violations. When false (the default), each refused reference throws only if and
   * when it executes.
   */
  public boolean strict() {
    return strict;
  }

  /** The environment variables the cell sees through {@code System.getenv}, with their values. */
  public Map<String, String> environment() {
    return environment;
  }

  /** System properties the cell sees in addition to, or instead of, the standard ones. */
  public Map<String, String> properties() {
    return properties;
  }

  /** Class files larger than this are refused. */
  public int maxClassFileBytes() {
    return maxClassFileBytes;
  }

  /**
   * The policy for a cell nested in one with this policy that asks for {@code requested}: it
   * never has more than this one. The allow-list is the intersection; strict if either is; the
   * environment holds the variables both grant, with this policy's values; the smaller class
   * file limit applies.
   */
  public Policy narrow(Policy requested) {
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
        && maxClassFileBytes == that.maxClassFileBytes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(allowList, strict, environment, properties, maxClassFileBytes);
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
        + "}";
  }

  /** Builds a {@link Policy}; setters validate their argument. */
  public static final class Builder {
    private AllowList allowList = AllowList.defaults();
    private boolean strict;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private int maxClassFileBytes = DEFAULT_MAX_CLASS_FILE_BYTES;

    private Builder() {}

    private Builder(Policy policy) {
      this.allowList = policy.allowList;
      this.strict = policy.strict;
      this.environment.putAll(policy.environment);
      this.properties.putAll(policy.properties);
      this.maxClassFileBytes = policy.maxClassFileBytes;
    }

    /** Replaces the allow-list (default: {@link AllowList#defaults()}). */
    public Builder allowList(AllowList allowList) {
      this.allowList = Objects.requireNonNull(allowList, "allowList");
      return this;
    }

    /** See {@link Policy#strict()}. */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /**
     * Lets the cell see the supervisor's value of environment variable {@code name}, read now;
     * if the supervisor's environment has no such variable, the cell does not see it either.
     */
    public Builder grantEnv(String name) {
      checkEnvName(name);
      String value = System.getenv(name);
      if (value != null) {
        environment.put(name, value);
      }
      return this;
    }

    /** Lets the cell see environment variable {@code name} with {@code value}. */
    public Builder env(String name, String value) {
      checkEnvName(name);
      environment.put(name, Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets a system property the cell sees; it replaces a standard one of the same name. */
    public Builder property(String key, String value) {
      if (key == null || key.isEmpty()) {
        throw new IllegalArgumentException("property key must be non-empty, was " + key);
      }
      properties.put(key, Objects.requireNonNull(value, "value"));
      return this;
    }

    /** See {@link Policy#maxClassFileBytes()}; must be positive. */
    public Builder maxClassFileBytes(int maxClassFileBytes) {
      if (maxClassFileBytes <= 0) {
        throw new IllegalArgumentException(
            "maxClassFileBytes must be positive, was " + maxClassFileBytes);
      }
      this.maxClassFileBytes = maxClassFileBytes;
      return this;
    }

    /** The policy. */
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
