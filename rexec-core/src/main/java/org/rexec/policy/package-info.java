/**
 * Policy data: the {@link org.rexec.policy.AllowList} of JDK members that untrusted code may
 * reference, read from its human-readable file format (see {@code docs/POLICY.md}).
 */
package org.rexec.policy;
