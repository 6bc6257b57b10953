/**
 * rexec's API: run untrusted JVM code in a padded {@link org.rexec.Cell}, under a {@link
 * org.rexec.Policy}, and read how it went in a {@link org.rexec.RunResult}.
 *
 * <pre>{@code
 * Policy policy = Policy.builder().allowRead(Path.of("data")).timeout(Duration.ofSeconds(5)).build();
 * try (Cell cell = Cell.create(policy)) {
 *   RunResult result = cell.run(cell.load(Path.of("Submission.java")).orElseThrow());
 *   System.out.println(result.status() + ": " + result.stdout());
 * }
 * }</pre>
 *
 * <h2>What a cell guarantees</h2>
 *
 * <p>The code in a cell is assumed hostile: it knows rexec's source, may be crafted class files,
 * and may try as often as it likes. Against it, a cell guarantees:
 *
 * <ul>
 *   <li><b>Only the allow-list.</b> Cell code references only its own classes and the JDK
 *       members on the policy's allow-list; every other reference fails at its call site with
 *       the JDK's own exception, naming the rule, and is recorded as a {@link
 *       org.rexec.Violation}. The supervisor's classes and rexec's machinery are invisible to it.
 *   <li><b>Only the grants.</b> Files, network, environment variables and system properties are
 *       the cell's own or what the policy grants, through every entrance the JDK has to them.
 *       JVM-global state (the JVM's streams, properties, default locale, exit) is never written.
 *   <li><b>Bounded.</b> Each run ends within its wall and CPU time; the cell's allocations,
 *       threads, output, disk and stack are bounded; a limit stops the run for good, and the
 *       supervisor stays healthy.
 *   <li><b>Contained.</b> When {@link org.rexec.Cell#run} returns, no thread of the run is alive
 *       and no code of the cell runs (or the result says which thread the JVM would not stop:
 *       {@link org.rexec.RunResult#contained()}); after {@link org.rexec.Cell#close()} its code
 *       never runs again.
 *   <li><b>Bounded reports.</b> Whatever the program does, what rexec keeps and returns of it
 *       (messages, violations, stack traces, thread names) is bounded and printable.
 * </ul>
 *
 * <p>Not guaranteed: timing side channels, JVM bugs, hard isolation of memory allocated inside
 * JDK code. {@code docs/THREAT-MODEL.md} states each guarantee as an invariant, why it holds,
 * the tests that attack it, and what is out of scope.
 *
 * <h2>The API</h2>
 *
 * <p>This package, {@link org.rexec.policy} (the values a policy is made of) and {@link
 * org.rexec.text} (units and bounded text) are the whole API: rexec's module exports nothing
 * else. Misuse by the supervisor is an {@link IllegalArgumentException} or {@link
 * IllegalStateException}; code that cannot be loaded is a {@link org.rexec.LoadException}; a
 * broken invariant of rexec's own is a {@code RexecBugException}, a bug to report.
 */
package org.rexec;
