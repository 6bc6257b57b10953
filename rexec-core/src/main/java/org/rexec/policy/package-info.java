/**
 * The values a {@link org.rexec.Policy} is made of: the {@link org.rexec.policy.AllowList} of
 * JDK members that untrusted code may reference (read from its human-readable file format, see
 * {@code docs/POLICY.md}), the {@link org.rexec.policy.Limits} of a run, the {@link
 * org.rexec.policy.NetworkGrants}, the {@link org.rexec.policy.Access} of a file grant, and the
 * {@link org.rexec.policy.Rule}s that refuse. Part of the API.
 */
package org.rexec.policy;
