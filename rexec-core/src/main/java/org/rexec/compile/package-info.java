/**
 * In-memory compilation of single-file source programs with the JDK's javac, with annotation
 * processing off and nothing of the host on the class path.
 */
package org.rexec.compile;
